package org.quorate.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.quorate.server.testing.AdminProcess;
import org.quorate.server.testing.AdminProcess.Result;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.ServerProcess;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * The admin command line on the data directory of a server that is running (the jar, in its own
 * JVM): it works through the server's own PostgreSQL, and what it changes the server sees at once.
 * The last test stops the server and runs a command with nothing running.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminOnDataDirectoryIT {
  private static final Pattern GENERATED = Pattern.compile("(?m)^  (\\S+)\\s+(\\S+)$");

  @TempDir static Path work;
  private static Path data;
  private static ServerProcess server;

  @BeforeAll
  static void startServer() {
    data = work.resolve("data");
    server = ServerProcess.start(work, "--port", "0", "--data-dir", data.toString(), "--demo", "--password-iterations", "1000")
        .awaitListening(Duration.ofSeconds(90));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static Result admin(String... args) {
    String[] withDir = java.util.Arrays.copyOf(args, args.length + 2);
    withDir[args.length] = "--data-dir";
    withDir[args.length + 1] = data.toString();
    return AdminProcess.run(work, withDir);
  }

  private static Path csv(String name, String text) throws IOException {
    return Files.writeString(work.resolve(name), text);
  }

  @Test
  @Order(1)
  void importedUsersSignInWithTheirGivenOrGeneratedPasswordsAndHaveTheirRolesAndParty() throws IOException {
    Path file = csv("users.csv", """
        username,display_name,roles,party,password
        zara,Zara Zed,member;observer,Northwind Energy Supply Ltd,
        yusuf,"Yusuf, Chair",chair,,a-given-password-1
        """);

    Result r = admin("users", "import", file.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stderr()).contains("using the PostgreSQL of the Quorate running on " + data);
    assertThat(r.stdout()).contains("Imported 2 users.");
    Matcher generated = GENERATED.matcher(r.stdout());
    assertThat(generated.find()).as(r.stdout()).isTrue();
    assertThat(generated.group(1)).isEqualTo("zara");
    assertThat(new ApiClient(server.baseUrl()).login("zara", generated.group(2)).status()).isEqualTo(200);
    assertThat(new ApiClient(server.baseUrl()).login("yusuf", "a-given-password-1").status()).isEqualTo(200);

    ApiClient admin = new ApiClient(server.baseUrl());
    admin.login("admin", TestServer.DEMO_PASSWORD);
    JsonNode zara = user(admin, "zara");
    assertThat(zara.get("display_name").asText()).isEqualTo("Zara Zed");
    assertThat(zara.get("roles").toString()).contains("member", "observer");
    long northwind = 0;
    for (JsonNode p : admin.get("/api/parties").json()) {
      if (p.get("name").asText().equals("Northwind Energy Supply Ltd")) {
        northwind = p.get("id").asLong();
      }
    }
    assertThat(zara.get("party_id").asLong()).isEqualTo(northwind);
    assertThat(user(admin, "yusuf").get("display_name").asText()).isEqualTo("Yusuf, Chair");
  }

  @Test
  @Order(2)
  void aRowNamingAnUnknownPartyFailsTheWholeFileNamingItsLineAndFieldWithExit2() throws IOException {
    Path file = csv("bad-party.csv", """
        username,display_name,roles,party,password
        walter,Walter,member,,a-given-password-2
        vera,Vera,member,Nowhere Energy Ltd,a-given-password-3
        """);

    Result r = admin("users", "import", file.toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.stderr()).contains("line 3: party: no Party is named 'Nowhere Energy Ltd'");
    assertThat(r.stdout()).doesNotContain("Imported");
    // Line 2 was fine and already inserted when line 3 failed: the transaction took it back.
    assertThat(new ApiClient(server.baseUrl()).login("walter", "a-given-password-2").status()).isEqualTo(401);
  }

  @Test
  @Order(3)
  void resetPasswordPrintsANewOneThatSignsInWhileTheOldPasswordAndSessionsStopWorking() {
    ApiClient before = new ApiClient(server.baseUrl());
    before.login("alice", TestServer.DEMO_PASSWORD);
    assertThat(before.get("/api/me").status()).isEqualTo(200);

    Result r = admin("users", "reset-password", "alice");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stdout()).contains("Password of alice reset; 1 session ended.");
    Matcher m = Pattern.compile("New password, shown only now: (\\S+)").matcher(r.stdout());
    assertThat(m.find()).as(r.stdout()).isTrue();
    assertThat(new ApiClient(server.baseUrl()).login("alice", m.group(1)).status()).isEqualTo(200);
    assertThat(new ApiClient(server.baseUrl()).login("alice", TestServer.DEMO_PASSWORD).status()).isEqualTo(401);
    assertThat(before.get("/api/me").status()).isEqualTo(401);
  }

  @Test
  @Order(4)
  void revokeTokensClosesTheUsersOpenSocketAtOnceAndTheirTokenIsRefused() {
    ApiClient rep = new ApiClient(server.baseUrl());
    rep.login("rep", TestServer.DEMO_PASSWORD);
    try (WsClient socket = WsClient.connect(server.port(), rep.token())) {
      Result r = admin("users", "revoke-tokens", "rep");

      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.stdout()).contains("Signed rep out: 1 session ended.");
      // Open sockets do not look their token up again: only the pushed notice can close this one.
      assertThat(socket.awaitClose()).isEqualTo((short) 1008);
      assertThat(socket.closeReason()).isEqualTo("signed out");
    }
    assertThat(rep.get("/api/me").status()).isEqualTo(401);
  }

  @Test
  @Order(5)
  void bodiesListPrintsATableOfEveryBodyWithItsMembersAndRules() {
    Result r = admin("bodies", "list");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    String[] lines = r.stdout().split("\n");
    assertThat(lines[0]).matches("CODE\\s+NAME\\s+KIND\\s+MEMBERS\\s+RULES");
    assertThat(r.stdout()).containsPattern("(?m)^PANEL\\s+SEC Panel\\s+panel\\s+\\d+ \\(\\d+ voting\\)\\s+PANEL v1")
        .containsPattern("(?m)^WG_MP210\\s+.*working_group\\s+.*WORKING_GROUP v1");
    assertThat(lines).hasSize(1 + 9);
  }

  @Test
  @Order(6)
  void anUnknownUserIsNamedWithExit2() {
    Result r = admin("users", "revoke-tokens", "nobody");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.stderr()).contains("quorate admin: user 'nobody' not found");
  }

  @Test
  @Order(6)
  void aCommandGroupNamedAloneAsksForOneOfItsSubcommandsWithExit2() {
    Result r = AdminProcess.run(work, "users");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.stderr()).contains("name a subcommand: import, reset-password, revoke-tokens");
  }

  @Test
  @Order(7)
  void withNoServerRunningACommandStartsThePostgresOfTheDataDirectoryForItselfAndStopsItAfter() {
    assertThat(server.terminate(Duration.ofSeconds(40))).isEqualTo(143);
    assertThat(data.resolve("postgres/postmaster.pid")).doesNotExist();

    Result r = admin("bodies", "list");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stderr()).contains("no Quorate is running on " + data + "; started its PostgreSQL for this command");
    assertThat(r.stdout()).containsPattern("(?m)^PANEL\\s+SEC Panel");
    assertThat(data.resolve("postgres/postmaster.pid")).doesNotExist();
  }

  private static JsonNode user(ApiClient admin, String username) {
    for (JsonNode u : admin.get("/api/users").json()) {
      if (u.get("username").asText().equals(username)) {
        return u;
      }
    }
    throw new AssertionError("no user " + username);
  }
}
