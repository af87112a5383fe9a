package org.quorate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** A stopping server tells its WebSocket clients it is going away, so they reconnect and resume. */
class ShutdownIT {

  @Test
  void stoppingTheServerClosesWebSocketsWithGoingAway() {
    TestServer server = TestServer.startWithDemoData();
    WsClient client = WsClient.connect(server.port(), server.as("kate").token());
    server.close();
    assertThat(client.awaitClose()).isEqualTo((short) 1001);
  }
}
