package org.quorate.server.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** The closing pass closes each due decision on its own: one that cannot close holds up no other. */
@DemoServer
class ClosingPassIT {
  static TestServer server;

  @Test
  void aDecisionThatCannotCloseThisPassDoesNotStopTheNextOneClosingAndClosesOnceItCan() throws Exception {
    long room = 0;
    for (JsonNode r : server.as("admin").get("/api/rooms").json()) {
      if ("MP215".equals(r.path("modification_id").asText())) {
        room = r.get("id").asLong();
      }
    }
    ClosingScheduler closing = server.server().features().closing();
    // The test runs the passes itself: on a loaded machine a timed pass could close the first decision
    // before its row is locked below. Stopping the timer and waiting for a pass drains any pass under way.
    closing.stop();
    closing.tick().await();
    try (WsClient secas = WsClient.connect(server.port(), server.as("secas").token());
        WsClient alice = WsClient.connect(server.port(), server.as("alice").token())) {
      alice.subscribe(room, null);
      long stuck = open(secas, Instant.now().plusSeconds(2));
      Instant nextClosesAt = Instant.now().plusMillis(2100);
      long next = open(secas, nextClosesAt);
      try (Connection c = DriverManager.getConnection(server.database().jdbcUrl(), "postgres", ""); Statement s = c.createStatement()) {
        // Another transaction holds the first decision's row past the store's lock timeout.
        c.setAutoCommit(false);
        s.execute("SELECT id FROM decision WHERE id = " + stuck + " FOR UPDATE");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(nextClosesAt));
        closing.tick().await();

        JsonNode reopened = alice.await(n -> WsClient.type(n).equals("decision_changed") && n.get("decision_id").asLong() == next);
        assertThat(reopened.get("change").asText()).isEqualTo("reopened_inquorate");
        assertThat(alice.received()).noneMatch(n -> WsClient.type(n).equals("decision_changed") && n.get("decision_id").asLong() == stuck);
        c.rollback();
      }
      closing.tick().await();
      JsonNode later = alice.await(n -> WsClient.type(n).equals("decision_changed") && n.get("decision_id").asLong() == stuck);
      assertThat(later.get("change").asText()).isEqualTo("reopened_inquorate");
    } finally {
      closing.start(Duration.ofSeconds(1));
    }
  }

  private static long open(WsClient secas, Instant closesAt) {
    Map<String, Object> cmd = new HashMap<>(Map.of("type", "open_decision", "body", "PANEL", "modification_id", "MP215",
        "question", "Should MP215 be approved?", "kind", "asynchronous", "visibility", "open"));
    cmd.put("closes_at", closesAt.toString());
    JsonNode ack = secas.request(cmd);
    assertThat(WsClient.type(ack)).as(ack.toString()).isEqualTo("ack");
    return ack.get("message_id").asLong();
  }
}
