package org.quorate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quorate.protocol.RoomEvent;
import org.quorate.server.rooms.RoomEventLog;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * A client that stops reading while the server writes as fast as it can goes over its outbound
 * budget and is dropped at the TCP level at once (no close frame could get past its backlog).
 */
@DemoServer
class SlowClientIT {
  static TestServer server;

  @Test
  void aClientThatDoesNotReadIsDroppedOverItsOutboundBudgetWhileAReaderOfTheSameRoomGetsEverything() {
    long room = server.as("admin").post("/api/rooms", Map.of("name", "firehose", "classification", "white")).json().get("id").asLong();
    String token = server.as("kate").token();
    try (WsClient healthy = WsClient.connect(server.port(), token); WsClient stalled = WsClient.connect(server.port(), token)) {
      healthy.subscribe(room, 0L);
      stalled.subscribe(room, 0L);
      stalled.pauseReading();
      RoomEventLog log = server.server().features().eventLog();
      String big = "x".repeat(8_000);
      long last = 0;
      for (int i = 0; i < 4_000 && server.server().features().connections() == 2; i++) {
        last = log.writeSystem(tx -> tx.append(room, seq -> new RoomEvent.SystemNotice(room, seq, "load", big, Instant.now()))
            .map(e -> new RoomEventLog.Outcome(room, e.seq(), null, false))).await().seq();
        if (i % 200 == 199) {
          long upTo = last;
          healthy.await(n -> n.path("seq").asLong() == upTo);
        }
      }
      stalled.resumeReading();
      assertThat(server.server().features().connections()).as("the stalled connection was dropped").isEqualTo(1);
      assertThat(stalled.awaitClose()).as("the client sees its connection end once it reads again").isNotNull();
      long finalSeq = last;
      healthy.await(n -> n.path("seq").asLong() == finalSeq);
    }
  }
}
