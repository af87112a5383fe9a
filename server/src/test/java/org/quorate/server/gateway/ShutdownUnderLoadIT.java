package org.quorate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.ServerProcess;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * SIGTERM while a hundred clients are posting: the real jar tells every client it is going away
 * (1001), exits within 10 s, and everything it acknowledged is there when it starts again.
 */
class ShutdownUnderLoadIT {
  static final int CLIENTS = 100;
  static final int POSTS_PER_SECOND = 2;

  @TempDir Path work;

  @Test
  void sigtermWhileAHundredClientsPostKeepsEveryAcknowledgedPostTellsEveryClient1001AndExitsWithinTenSeconds() throws Exception {
    String[] options = {"--port", "0", "--data-dir", work.resolve("data").toString(), "--demo", "--password-iterations", "1000"};
    List<Long> acknowledged = new ArrayList<>();
    long room;
    try (ServerProcess server = ServerProcess.start(work, options).awaitListening(Duration.ofSeconds(90))) {
      ApiClient admin = new ApiClient(server.baseUrl());
      admin.login("admin", TestServer.DEMO_PASSWORD);
      room = admin.post("/api/rooms", Map.of("name", "busy", "classification", "white")).json().get("id").asLong();
      ApiClient kate = new ApiClient(server.baseUrl());
      kate.login("kate", TestServer.DEMO_PASSWORD);
      List<WsClient> clients = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        clients.add(WsClient.connect(server.port(), kate.token()));
      }
      AtomicInteger sent = new AtomicInteger();
      ScheduledExecutorService pace = Executors.newScheduledThreadPool(8);
      for (WsClient c : clients) {
        pace.scheduleAtFixedRate(() -> {
          if (!c.isClosed()) {
            try {
              c.sendJson(Map.of("type", "post_message", "id", WsClient.newId(), "room", room, "body", "still here"));
              sent.incrementAndGet();
            } catch (RuntimeException closing) {
              // The server went away between the check and the send: that post was never acknowledged.
            }
          }
        }, 0, 1000 / POSTS_PER_SECOND, TimeUnit.MILLISECONDS);
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> acks(clients) >= CLIENTS * POSTS_PER_SECOND);

      long signalled = System.nanoTime();
      int exit = server.terminate(Duration.ofSeconds(30));
      double seconds = (System.nanoTime() - signalled) / 1e9;
      pace.shutdown();
      for (WsClient c : clients) {
        for (JsonNode n : c.received()) {
          if (WsClient.type(n).equals("ack")) {
            acknowledged.add(n.get("message_id").asLong());
          }
        }
      }
      List<Short> codes = clients.stream().map(WsClient::awaitClose).distinct().toList();
      Map<String, Long> refused = clients.stream().flatMap(c -> c.received().stream()).filter(n -> WsClient.type(n).equals("error"))
          .collect(java.util.stream.Collectors.groupingBy(n -> n.path("code").asText(), java.util.stream.Collectors.counting()));
      System.out.printf("ShutdownUnderLoadIT: %d posts sent, %d acknowledged, refused %s; SIGTERM to exit %.1f s (status %d); "
          + "close codes %s%n", sent.get(), acknowledged.size(), refused, seconds, exit, codes);
      assertThat(exit).isEqualTo(143);
      assertThat(refused.keySet()).as("refused only as retryable").isSubsetOf("unavailable");
      assertThat(seconds).as("exit within 10 s of SIGTERM").isLessThan(10);
      assertThat(codes).as("every client told the server is going away").containsExactly((short) 1001);
      assertThat(server.stderr()).noneMatch(l -> l.contains("WebSocket is closed") || l.contains("Promise already completed"));
    }

    try (ServerProcess again = ServerProcess.start(work, options).awaitListening(Duration.ofSeconds(90));
        Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:" + again.embeddedPostgresPort() + "/postgres", "postgres", "");
        PreparedStatement q = db.prepareStatement("SELECT count(*) FROM message WHERE room_id = ? AND id = ANY(?)")) {
      q.setLong(1, room);
      q.setArray(2, db.createArrayOf("bigint", acknowledged.toArray()));
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        assertThat(rs.getLong(1)).as("every acknowledged post is stored").isEqualTo(acknowledged.size());
      }
    }
  }

  private static long acks(List<WsClient> clients) {
    return clients.stream().mapToLong(c -> c.received().stream().filter(n -> WsClient.type(n).equals("ack")).count()).sum();
  }
}
