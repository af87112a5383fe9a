package org.quorate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameTest {
  /** Each length class of the WebSocket header (7-bit, 16-bit, 64-bit), at and across its edges. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 125, 126, 65_535, 65_536, 300_000})
  void aFrameEncodedOnceIsReadByAClientAsTheSameTextEveryTimeItIsWritten(int bytes) {
    // Two-byte characters included, so the header carries UTF-8 bytes, not chars.
    String text = ("é" + "x".repeat(Math.max(0, bytes - 2))).substring(0, Math.max(0, bytes - 1));
    Frame frame = Frame.of(text);
    assertThat(frame.bytes()).isEqualTo(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    for (int socket = 0; socket < 2; socket++) {
      EmbeddedChannel client = new EmbeddedChannel(new WebSocket08FrameDecoder(false, false, 1 << 20));
      client.writeInbound(frame.wire());
      TextWebSocketFrame read = client.readInbound();
      assertThat(read.isFinalFragment()).isTrue();
      assertThat(read.text()).isEqualTo(text);
      read.release();
      client.finishAndReleaseAll();
    }
  }
}
