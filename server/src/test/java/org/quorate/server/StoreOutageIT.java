package org.quorate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.UpgradeRejectedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.EmbeddedCluster;
import org.quorate.server.testing.ServerProcess;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * The jar's embedded PostgreSQL dies under connected clients: the outage is reported as the store
 * being unavailable (never as a sign-out), Quorate restarts the store by itself, and clients carry
 * on with the sessions and tokens they had.
 */
class StoreOutageIT {
  private static final Duration START = Duration.ofSeconds(90);
  /** Longer than the gateway's heartbeat (25 s). */
  private static final Duration HEARTBEAT_WAIT = Duration.ofSeconds(45);

  @TempDir static Path work;
  static Path data;
  static ServerProcess server;

  @BeforeAll
  static void start() {
    data = work.resolve("data");
    server = ServerProcess.start(work, "--port", "0", "--data-dir", data.toString(), "--demo", "--password-iterations", "1000")
        .awaitListening(START);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void whileTheStoreIsDownSessionsStayOpenCommandsAnswerUnavailableAndClientsResumeWithoutSigningInAgain() throws Exception {
    String aliceToken = signIn("alice");
    String kateToken = signIn("kate");
    String arthurToken = signIn("arthur");
    long room = roomOf("MP215", aliceToken);
    try (WsClient alice = WsClient.connect(server.port(), aliceToken); WsClient kate = WsClient.connect(server.port(), kateToken)) {
      alice.subscribe(room, null);
      kate.subscribe(room, null);
      long before = alice.post(room, "Before the outage").get("seq").asLong();
      kate.await(e -> e.path("seq").asLong() == before && WsClient.type(e).equals("message_posted"));
      int alicePings = alice.pings();
      int katePings = kate.pings();

      try (ClusterAside storeStaysDown = ClusterAside.killPostmasterAndHold(data)) {
        JsonNode during = alice.post(room, "During the outage");
        assertThat(WsClient.type(during)).as(during.toString()).isEqualTo("error");
        assertThat(during.get("code").asText()).isEqualTo("unavailable");
        ApiClient.Response rest = new ApiClient(server.baseUrl()).withToken(kateToken).get("/api/rooms");
        assertThat(rest.status()).as(rest.toString()).isEqualTo(503);
        assertThat(rest.error()).isEqualTo("unavailable");
        assertThat(handshakeStatus(arthurToken)).as("a new connection with a good token the server has not yet checked")
            .isEqualTo(503);
        // Kate's token was checked at her first handshake and is cached: her second connection gets in,
        // and, like her first, is told `unavailable` for whatever needs the store.
        assertThat(handshakeStatus(kateToken)).as("a second connection with a token already checked").isEqualTo(101);
        ApiClient operations = new ApiClient(server.baseUrl());
        assertThat(operations.get("/health").status()).isEqualTo(503);
        assertThat(operations.get("/metrics").body()).contains("quorate_database_up 0.0");

        // Heartbeats go on while the store cannot answer, and the sessions stay.
        await().atMost(HEARTBEAT_WAIT).until(() -> alice.pings() > alicePings && kate.pings() > katePings
            || alice.isClosed() || kate.isClosed());
        assertThat(alice.closeCode()).as("alice's connection closed; server said:%n%s", serverSaid()).isNull();
        assertThat(kate.closeCode()).as("kate's connection closed; server said:%n%s", serverSaid()).isNull();
        JsonNode stillDown = kate.post(room, "Still down");
        assertThat(WsClient.type(stillDown)).as(stillDown.toString()).isEqualTo("error");
        assertThat(stillDown.get("code").asText()).isEqualTo("unavailable");
        assertThat(alice.isClosed()).isFalse();
        assertThat(kate.isClosed()).isFalse();
      }

      ApiClient operations = new ApiClient(server.baseUrl());
      // The store answers as soon as the postmaster accepts connections; the supervisor counts the
      // restart a moment later, once it has confirmed the new postmaster.
      await().atMost(Duration.ofSeconds(60)).until(() -> operations.get("/health").status() == 200
          && operations.get("/health").json().get("database_restarts").asLong() == 1);
      // The gauge follows the supervisor's own probe, which may lag /health by a moment.
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(operations.get("/metrics").body())
          .contains("quorate_database_up 1.0").contains("quorate_database_restarts_total 1.0"));
      assertThat(server.stderr()).anyMatch(line -> line.contains("embedded PostgreSQL restarted"));

      // Same sockets, same tokens: writing works again and the others see it live.
      JsonNode after = alice.post(room, "After the outage");
      assertThat(WsClient.type(after)).as(after.toString()).isEqualTo("ack");
      long afterSeq = after.get("seq").asLong();
      kate.await(e -> e.path("seq").asLong() == afterSeq && WsClient.type(e).equals("message_posted"));
      assertThat(alice.isClosed()).isFalse();
      assertThat(kate.isClosed()).isFalse();

      // A client that resumes by sequence gets exactly what it missed: nothing from the outage was stored.
      try (WsClient resumed = WsClient.connect(server.port(), kateToken)) {
        resumed.subscribe(room, before);
        List<String> missed = resumed.roomEvents(room).stream().filter(e -> WsClient.type(e).equals("message_posted"))
            .map(e -> e.path("seq").asLong() + " " + e.path("body").asText()).toList();
        assertThat(missed).containsExactly(afterSeq + " After the outage");
      }
    }
  }

  @Test
  void aSecondQuorateOnTheSameDataDirectoryIsRefusedWithExitCode2NamingTheFirst() {
    ApiClient operations = new ApiClient(server.baseUrl());
    // After the outage test, the store may still be coming back.
    await().atMost(Duration.ofSeconds(60)).until(() -> operations.get("/health").status() == 200);

    ServerProcess.Exited second = ServerProcess.run(work, START, "--port", "0", "--data-dir", data.toString());

    assertThat(second.exitCode()).isEqualTo(2);
    assertThat(second.stderr()).hasSize(1);
    assertThat(second.stderr().get(0)).startsWith("quorate: data directory ").contains("in use by another Quorate")
        .contains("pid " + server.pid());
    assertThat(operations.get("/health").status()).as("the first one carries on").isEqualTo(200);
  }

  private static String serverSaid() {
    return String.join("\n", server.stderr().stream().filter(l -> !l.contains("ClosingScheduler")).toList());
  }

  private static String signIn(String user) {
    ApiClient c = new ApiClient(server.baseUrl());
    assertThat(c.login(user, TestServer.DEMO_PASSWORD).status()).isEqualTo(200);
    return c.token();
  }

  private static long roomOf(String modification, String token) {
    for (JsonNode r : new ApiClient(server.baseUrl()).withToken(token).get("/api/rooms").json()) {
      if (modification.equals(r.path("modification_id").asText())) {
        return r.get("id").asLong();
      }
    }
    throw new AssertionError("no room for " + modification);
  }

  private static int handshakeStatus(String token) {
    try (WsClient c = WsClient.open(server.port(), "Bearer " + token, null)) {
      return 101;
    } catch (IllegalStateException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof UpgradeRejectedException rejected) {
          return rejected.getStatus();
        }
      }
      throw e;
    }
  }

  /**
   * Moves the cluster's directory aside while the test needs the store down, so Quorate's restart
   * attempts fail (there is no cluster to start) and clients meet a refused connection, as in any
   * outage; puts it back on close.
   */
  private static final class ClusterAside implements AutoCloseable {
    private final Path cluster;
    private final Path aside;

    private ClusterAside(Path cluster) throws IOException {
      this.cluster = cluster;
      this.aside = cluster.resolveSibling("postgres.aside");
      Files.move(cluster, aside);
    }

    /** kill -9 of the postmaster named in postmaster.pid, as the OOM killer would, then the cluster moved aside. */
    static ClusterAside killPostmasterAndHold(Path dataDir) throws IOException {
      EmbeddedCluster.killPostmaster(dataDir);
      return new ClusterAside(dataDir.resolve("postgres"));
    }

    @Override
    public void close() throws IOException {
      Files.move(aside, cluster);
    }
  }
}
