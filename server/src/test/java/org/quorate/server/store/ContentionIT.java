package org.quorate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * Members joining and leaving the SEC Panel, messages in its room and in its Modifications' rooms, and
 * decisions opened and closed on those Modifications, all at once: no deadlock, no 500, every change
 * either made or refused as {@code unavailable} (safe to retry).
 */
@DemoServer
class ContentionIT {
  static TestServer server;
  static final int NEWCOMERS = 8;

  @Test
  void membershipChangesPostsAndDecisionsAcrossABodyAndItsModificationRoomsAtOnceNeverDeadlockOrFail() throws Exception {
    ApiClient admin = server.as("admin");
    long panel = 0;
    for (JsonNode b : admin.get("/api/bodies").json()) {
      if (b.get("code").asText().equals("PANEL")) {
        panel = b.get("id").asLong();
      }
    }
    long bodyRoom = 0;
    List<Long> modificationRooms = new ArrayList<>();
    for (JsonNode r : admin.get("/api/rooms").json()) {
      if (r.path("body_id").asLong() == panel && panel != 0) {
        bodyRoom = r.get("id").asLong();
      } else if (List.of("MP215", "MP210").contains(r.path("modification_id").asText())) {
        modificationRooms.add(r.get("id").asLong());
      }
    }
    assertThat(bodyRoom).isPositive();
    assertThat(modificationRooms).hasSize(2);
    List<Long> newcomers = new ArrayList<>();
    for (int i = 0; i < NEWCOMERS; i++) {
      newcomers.add(admin.post("/api/users", Map.of("username", "observer" + i, "display_name", "Observer " + i,
          "password", "observer-password", "roles", List.of("member"))).json().get("id").asLong());
    }

    long deadlocksBefore = deadlocks();
    Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService threads = Executors.newFixedThreadPool(NEWCOMERS + 6);
    List<CompletableFuture<Void>> work = new ArrayList<>();
    long body = panel;
    for (long user : newcomers) {
      work.add(CompletableFuture.runAsync(() -> {
        for (int round = 0; round < 3; round++) {
          note(answers, failures, "member+", admin.post("/api/bodies/" + body + "/members",
              Map.of("user_id", user, "seat", "Observer", "voting", false)));
          note(answers, failures, "member-", admin.delete("/api/bodies/" + body + "/members/" + user));
        }
      }, threads));
    }
    List<Long> rooms = new ArrayList<>(modificationRooms);
    rooms.add(bodyRoom);
    for (long room : rooms) {
      work.add(CompletableFuture.runAsync(() -> {
        try (WsClient alice = WsClient.connect(server.port(), server.as("alice").token())) {
          for (int i = 0; i < 30; i++) {
            note(answers, failures, "post", alice.post(room, "busy day " + i));
          }
        }
      }, threads));
    }
    for (String modification : List.of("MP215", "MP210")) {
      work.add(CompletableFuture.runAsync(() -> {
        try (WsClient secas = WsClient.connect(server.port(), server.as("secas").token())) {
          for (int i = 0; i < 5; i++) {
            Map<String, Object> open = new HashMap<>(Map.of("type", "open_decision", "body", "PANEL", "modification_id", modification,
                "question", "Approve " + modification + "?", "kind", "asynchronous", "visibility", "open"));
            open.put("closes_at", Instant.now().plusSeconds(3600).toString());
            JsonNode opened = secas.request(open);
            note(answers, failures, "decision", opened);
            if (WsClient.type(opened).equals("ack")) {
              note(answers, failures, "close", secas.request(Map.of("type", "change_decision", "decision_id",
                  opened.get("message_id").asLong(), "change", "close", "reason", "withdrawn for the test")));
            }
          }
        }
      }, threads));
    }
    CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).join();
    threads.shutdown();

    System.out.println("ContentionIT answers: " + answers + "; deadlocks detected by PostgreSQL: " + (deadlocks() - deadlocksBefore));
    // PostgreSQL reports its statistics within half a second; the count must not move.
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> deadlocks() == deadlocksBefore);
    assertThat(failures).as("answers other than success or a retryable unavailable").isEmpty();
    assertThat(answers.get("ok").get()).as("most work got through").isGreaterThan((NEWCOMERS * 6 + 90 + 20) * 9 / 10);
    JsonNode members = admin.get("/api/bodies/" + panel).json().get("members");
    for (JsonNode m : members) {
      assertThat(newcomers).as("every newcomer left again").doesNotContain(m.get("user_id").asLong());
    }
  }

  /** Deadlocks PostgreSQL has detected in this database: even one retried transparently counts. */
  private static long deadlocks() throws SQLException {
    try (Connection c = DriverManager.getConnection(server.database().jdbcUrl(), "postgres", ""); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void note(Map<String, AtomicInteger> answers, List<String> failures, String what, ApiClient.Response r) {
    if (r.status() / 100 == 2) {
      answers.computeIfAbsent("ok", k -> new AtomicInteger()).incrementAndGet();
    } else if (r.status() == 404 && what.equals("member-")) {
      answers.computeIfAbsent("ok", k -> new AtomicInteger()).incrementAndGet();
    } else if (r.status() == 503 && r.error().equals("unavailable")) {
      answers.computeIfAbsent("unavailable", k -> new AtomicInteger()).incrementAndGet();
    } else {
      failures.add(what + ": " + r);
    }
  }

  private static void note(Map<String, AtomicInteger> answers, List<String> failures, String what, JsonNode reply) {
    if (WsClient.type(reply).equals("ack")) {
      answers.computeIfAbsent("ok", k -> new AtomicInteger()).incrementAndGet();
    } else if (reply.path("code").asText().equals("unavailable")) {
      answers.computeIfAbsent("unavailable", k -> new AtomicInteger()).incrementAndGet();
    } else {
      failures.add(what + ": " + reply);
    }
  }
}
