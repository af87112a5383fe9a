package org.quorate.server.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import java.nio.charset.StandardCharsets;

/**
 * One text frame, encoded once and then written to any number of sockets: a room event costs one
 * encoding per event loop, not one per recipient. A server's frames are never masked, so the whole
 * frame on the wire, header included, is the same for every recipient: {@link #wire()} is those
 * bytes, ready for the socket, so no per-recipient header buffer or payload copy is made. The bytes
 * are an unpooled heap buffer that is never written to again and cannot be released, so each
 * socket reads its own view of them and the garbage collector, not reference counting, frees them.
 * Used on one event loop only.
 */
final class Frame {
  private static final int FIN_TEXT = 0x81;
  private final ByteBuf wire;
  private final int payload;

  private Frame(ByteBuf wire, int payload) {
    this.wire = wire;
    this.payload = payload;
  }

  static Frame of(String json) {
    byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
    int n = utf8.length;
    int header = n <= 125 ? 2 : n <= 0xFFFF ? 4 : 10;
    byte[] frame = new byte[header + n];
    frame[0] = (byte) FIN_TEXT;
    if (n <= 125) {
      frame[1] = (byte) n;
    } else if (n <= 0xFFFF) {
      frame[1] = 126;
      frame[2] = (byte) (n >>> 8);
      frame[3] = (byte) n;
    } else {
      frame[1] = 127;
      for (int i = 0; i < 8; i++) {
        frame[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
      }
    }
    System.arraycopy(utf8, 0, frame, header, n);
    return new Frame(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(frame)), n);
  }

  /** The payload's size: what counts against a session's outbound budget. */
  int bytes() {
    return payload;
  }

  /** The encoded frame for one more socket (its own reader index over the shared bytes). */
  ByteBuf wire() {
    return wire.duplicate();
  }

  /**
   * The same frame for Vert.x's own {@code writeFrame}, which encodes it again: used only where
   * the connection cannot take encoded bytes (see {@link FrameSocket}).
   */
  WebSocketFrame forOneSocket() {
    return new WebSocketFrameImpl(WebSocketFrameType.TEXT, wire.slice(wire.readableBytes() - payload, payload), true);
  }
}
