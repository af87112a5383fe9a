package org.quorate.server.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import java.nio.charset.StandardCharsets;

/**
 * One text frame's UTF-8 bytes, encoded once and then written to any number of sockets: a room
 * event costs one encoding per event loop, not one per recipient. The bytes are an unpooled heap
 * buffer that is never written to again, so each socket reads its own view of them and the
 * garbage collector, not reference counting, frees them. Used on one event loop only.
 */
final class Frame {
  private final ByteBuf utf8;

  private Frame(ByteBuf utf8) {
    this.utf8 = utf8;
  }

  static Frame of(String json) {
    return new Frame(Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8)));
  }

  int bytes() {
    return utf8.readableBytes();
  }

  /**
   * A frame for one more socket. Vert.x's public factory takes a {@code String} and would encode
   * it again; its frame class accepts bytes, and keeps them unreleasable, so sharing them is safe.
   */
  WebSocketFrame forOneSocket() {
    return new WebSocketFrameImpl(WebSocketFrameType.TEXT, utf8.duplicate(), true);
  }

  String text() {
    return utf8.toString(StandardCharsets.UTF_8);
  }
}
