package org.quorate.server.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.ServerProcess;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** The README's backup and restore commands, run on the real jar as an operator would. */
class BackupRestoreIT {
  private static final Duration START = Duration.ofSeconds(120);
  private static final Duration STOP = Duration.ofSeconds(60);
  private static final int EXIT_AFTER_SIGTERM = 143;

  @TempDir
  Path work;

  @Test
  void aBackupOfARunningServerRestoredIntoAWipedDataDirBringsBackEveryHistoryDecisionAndRegister() throws IOException {
    Path data = work.resolve("data");
    Path archive = work.resolve("quorate.dump");
    String[] options = {"--port", "0", "--data-dir", data.toString(), "--demo", "--password-iterations", "1000"};
    Map<String, JsonNode> before;
    try (ServerProcess server = ServerProcess.start(work, options).awaitListening(START)) {
      takeADecisionAndTalkAboutIt(server);
      before = everythingAUserCanRead(server);

      long started = System.nanoTime();
      ServerProcess.Exited backup = ServerProcess.run(work, START, "backup", "--data-dir", data.toString(), "--out", archive.toString());
      System.out.printf("Backup of the running demo store: %d bytes in %d ms%n", Files.size(archive),
          (System.nanoTime() - started) / 1_000_000);
      assertThat(backup.exitCode()).as(String.join("\n", backup.stderr())).isZero();
      assertThat(backup.stdout()).anyMatch(line -> line.startsWith("backed up to " + archive));

      // Written after the backup: the restore must not bring it back, the archive is a snapshot.
      try (WsClient alice = WsClient.connect(server.port(), login(server, "alice").token())) {
        assertThat(WsClient.type(alice.post(room(server, "MP215"), "said after the backup"))).isEqualTo("ack");
      }
      assertThat(server.terminate(STOP)).isEqualTo(EXIT_AFTER_SIGTERM);
    }

    deleteRecursively(data);
    long started = System.nanoTime();
    ServerProcess.Exited restore = ServerProcess.run(work, START, "restore", "--data-dir", data.toString(), "--in", archive.toString());
    System.out.printf("Restore into an empty data dir: %d ms%n", (System.nanoTime() - started) / 1_000_000);
    assertThat(restore.exitCode()).as(String.join("\n", restore.stderr())).isZero();
    ServerProcess.Exited verify = ServerProcess.run(work, START, "verify", "--data-dir", data.toString());
    System.out.println("verify on the restored store: " + verify.exitCode() + " " + verify.stdout());
    assertThat(verify.exitCode()).as(String.join("\n", verify.stdout()) + String.join("\n", verify.stderr())).isZero();

    try (ServerProcess restored = ServerProcess.start(work, options).awaitListening(START)) {
      Map<String, JsonNode> after = everythingAUserCanRead(restored);
      assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
      before.forEach((what, json) -> assertThat(after.get(what)).as(what).isEqualTo(json));
      assertThat(after.toString()).doesNotContain("said after the backup");
      assertThat(restored.terminate(STOP)).isEqualTo(EXIT_AFTER_SIGTERM);
    }
  }

  @Test
  void restoreRefusesADataDirThatAlreadyHoldsAStoreAndLeavesItAlone() throws IOException {
    Path data = Files.createDirectories(work.resolve("data"));
    Path existing = Files.writeString(data.resolve("keep-me"), "an operator's file");
    Path archive = Files.writeString(work.resolve("quorate.dump"), "not read");

    ServerProcess.Exited restore = ServerProcess.run(work, START, "restore", "--data-dir", data.toString(), "--in", archive.toString());

    assertThat(restore.exitCode()).isEqualTo(2);
    assertThat(restore.stderr()).anyMatch(line -> line.contains(data + " is not empty"));
    assertThat(Files.readString(existing)).isEqualTo("an operator's file");
    try (Stream<Path> entries = Files.list(data)) {
      assertThat(entries).containsExactly(existing);
    }
  }

  /** A sealed-free, closed asynchronous decision on MP215 with five reasoned ballots, and some talk. */
  private static void takeADecisionAndTalkAboutIt(ServerProcess server) {
    long room = room(server, "MP215");
    try (WsClient secas = ws(server, "secas"); WsClient alice = ws(server, "alice"); WsClient kate = ws(server, "kate");
        WsClient eric = ws(server, "eric"); WsClient gary = ws(server, "gary"); WsClient oscar = ws(server, "oscar")) {
      assertThat(WsClient.type(alice.post(room, "Does the legal text cover Affiliates?"))).isEqualTo("ack");
      assertThat(WsClient.type(kate.post(room, "It does after the second redline."))).isEqualTo("ack");
      JsonNode opened = secas.request(Map.of("type", "open_decision", "body", "PANEL", "modification_id", "MP215",
          "question", "Should MP215 be approved?", "kind", "asynchronous", "visibility", "open",
          "closes_at", Instant.now().plusSeconds(3600).toString(), "reasons_required", true));
      assertThat(WsClient.type(opened)).as(opened.toString()).isEqualTo("ack");
      long decision = opened.get("message_id").asLong();
      for (var voter : List.of(Map.entry(kate, "approve"), Map.entry(alice, "approve"), Map.entry(eric, "reject"),
          Map.entry(gary, "approve"), Map.entry(oscar, "abstain"))) {
        JsonNode ack = voter.getKey().request(Map.of("type", "cast_ballot", "decision_id", decision, "choice", voter.getValue(),
            "reason", voter.getValue() + " because the panel asked", "objectives", List.of("a", "d")));
        assertThat(WsClient.type(ack)).as(ack.toString()).isEqualTo("ack");
      }
      JsonNode closed = secas.request(Map.of("type", "change_decision", "decision_id", decision, "change", "close",
          "reason", "All categories have voted"));
      assertThat(WsClient.type(closed)).as(closed.toString()).isEqualTo("ack");
    }
  }

  /**
   * Every room's whole history, every decision view and every Modification's register, as the
   * administrator and the SECAS moderator read them, keyed by where they came from.
   */
  private static Map<String, JsonNode> everythingAUserCanRead(ServerProcess server) {
    Map<String, JsonNode> seen = new LinkedHashMap<>();
    for (String user : List.of("admin", "secas")) {
      ApiClient api = login(server, user);
      JsonNode rooms = ok(api, "/api/rooms");
      seen.put(user + " /api/rooms", rooms);
      for (JsonNode room : rooms) {
        long id = room.get("id").asLong();
        seen.put(user + " /api/rooms/" + id + "/events", history(api, id));
        JsonNode decisions = ok(api, "/api/rooms/" + id + "/decisions");
        seen.put(user + " /api/rooms/" + id + "/decisions", decisions);
        for (JsonNode decision : decisions) {
          String path = "/api/decisions/" + decision.get("id").asLong();
          seen.put(user + " " + path, ok(api, path));
        }
      }
      for (JsonNode modification : ok(api, "/api/modifications")) {
        String path = "/api/modifications/" + modification.get("id").asText() + "/register";
        seen.put(user + " " + path, ok(api, path));
      }
    }
    assertThat(seen.toString()).contains("Does the legal text cover Affiliates?").contains("reject because the panel asked");
    return seen;
  }

  /** All pages, oldest first, joined into one array. */
  private static JsonNode history(ApiClient api, long room) {
    var all = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    String before = "";
    while (true) {
      JsonNode page = ok(api, "/api/rooms/" + room + "/events?limit=200" + before);
      var events = page.get("events");
      var merged = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
      merged.addAll((com.fasterxml.jackson.databind.node.ArrayNode) events);
      merged.addAll(all);
      all = merged;
      if (!page.path("has_more").asBoolean() || events.isEmpty()) {
        return all;
      }
      before = "&before=" + events.get(0).get("seq").asLong();
    }
  }

  private static JsonNode ok(ApiClient api, String path) {
    ApiClient.Response r = api.get(path);
    assertThat(r.status()).as(path + " " + r.body()).isEqualTo(200);
    return r.json();
  }

  private static long room(ServerProcess server, String modification) {
    for (JsonNode r : login(server, "admin").get("/api/rooms").json()) {
      if (modification.equals(r.path("modification_id").asText())) {
        return r.get("id").asLong();
      }
    }
    throw new AssertionError("no room for " + modification);
  }

  private static ApiClient login(ServerProcess server, String user) {
    ApiClient api = new ApiClient(server.baseUrl());
    assertThat(api.login(user, TestServer.DEMO_PASSWORD).status()).as(user).isEqualTo(200);
    return api;
  }

  private static WsClient ws(ServerProcess server, String user) {
    return WsClient.connect(server.port(), login(server, user).token());
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
