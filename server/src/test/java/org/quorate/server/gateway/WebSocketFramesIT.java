package org.quorate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.RawWebSocket;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** Frames that break RFC 6455 end the connection with the code the RFC names; nothing is stored. */
@DemoServer
class WebSocketFramesIT {
  static TestServer server;
  static long room;
  static String token;

  @BeforeAll
  static void start() {
    room = server.as("admin").post("/api/rooms", Map.of("name", "frames", "classification", "white")).json().get("id").asLong();
    token = server.as("alice").token();
  }

  static String storedEvents() {
    return server.as("admin").get("/api/rooms/" + room + "/events?limit=200").body();
  }

  @Test
  void aTextMessageThatIsNotUtf8ClosesWith1007AndIsNotStoredWithReplacementCharacters() {
    String before = storedEvents();
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    message.writeBytes(("{\"type\":\"post_message\",\"id\":\"bad-utf8\",\"room\":" + room + ",\"body\":\"caf").getBytes(StandardCharsets.UTF_8));
    message.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}); // a broken two-byte sequence, then a byte UTF-8 never uses
    message.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));

    try (RawWebSocket ws = RawWebSocket.connect(server.port(), token)) {
      ws.send(RawWebSocket.TEXT, message.toByteArray());
      assertThat(ws.awaitCloseCode()).isEqualTo(1007);
    }
    assertThat(storedEvents()).isEqualTo(before).doesNotContain("\uFFFD");
  }

  @Test
  void validUtf8BeyondAsciiStillPostsNormally() {
    try (WsClient alice = WsClient.connect(server.port(), token)) {
      assertThat(WsClient.type(alice.post(room, "café – 会議 – 🗳"))).isEqualTo("ack");
    }
    assertThat(server.as("admin").get("/api/rooms/" + room + "/events?limit=200").json().findValuesAsText("body"))
        .contains("café – 会議 – 🗳");
  }

  @Test
  void aControlFrameOver125BytesClosesWith1002() {
    byte[] ping = new byte[200];
    Arrays.fill(ping, (byte) 'p');
    try (RawWebSocket ws = RawWebSocket.connect(server.port(), token)) {
      ws.send(RawWebSocket.PING, ping);
      assertThat(ws.awaitCloseCode()).isEqualTo(1002);
    }
    // The server is unharmed.
    try (WsClient alice = WsClient.connect(server.port(), token)) {
      assertThat(WsClient.type(alice.post(room, "after the bad ping"))).isEqualTo("ack");
    }
  }
}
