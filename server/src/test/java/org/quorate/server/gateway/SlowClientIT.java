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

/** A client that stops reading is disconnected (1008) instead of growing the server's memory. */
@DemoServer
class SlowClientIT {
  static TestServer server;

  @Test
  void aClientThatDoesNotReadIsDisconnectedAndCanResumeLater() {
    long room = server.as("admin").post("/api/rooms", Map.of("name", "firehose", "classification", "white")).json().get("id").asLong();
    String token = server.as("kate").token();
    try (WsClient healthy = WsClient.connect(server.port(), token); WsClient stalled = WsClient.connect(server.port(), token)) {
      healthy.subscribe(room, 0L);
      stalled.subscribe(room, 0L);
      stalled.pauseReading();
      RoomEventLog log = server.server().features().eventLog();
      String big = "x".repeat(8_000);
      long last = 0;
      for (int i = 0; i < 4_000 && !stalled.isClosed(); i++) {
        last = log.writeSystem(tx -> tx.append(room, seq -> new RoomEvent.SystemNotice(room, seq, "load", big, Instant.now()))
            .map(e -> new RoomEventLog.Outcome(room, e.seq(), null, false))).await().seq();
        if (i % 200 == 199) {
          long upTo = last;
          healthy.await(n -> n.path("seq").asLong() == upTo);
        }
      }
      stalled.resumeReading();
      assertThat(stalled.awaitClose()).isEqualTo((short) 1008);
      long finalSeq = last;
      healthy.await(n -> n.path("seq").asLong() == finalSeq);
    }
  }
}
