package org.quorate.server.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.core.net.impl.VertxConnection;
import io.vertx.core.net.impl.VertxHandler;

/**
 * Writes {@link Frame}s already encoded for the wire to one WebSocket, through the same Vert.x
 * connection queue as the socket's own writes (pings, closes), so their order and Vert.x's
 * back-pressure ({@code writeQueueFull}, drain) are unchanged. Vert.x's public {@code writeFrame}
 * would have Netty's encoder copy every frame into a new buffer behind a new header for each
 * recipient, which was most of a room event's cost per subscriber. Encoded bytes pass that encoder
 * untouched (it encodes only frame objects).
 */
final class FrameSocket {
  private final ChannelHandlerContext context;
  private final VertxConnection connection;

  private FrameSocket(ChannelHandlerContext context, VertxConnection connection) {
    this.context = context;
    this.connection = connection;
  }

  /** Null when the socket is not Vert.x's own server WebSocket (then frames go through {@code writeFrame}). */
  static FrameSocket of(ServerWebSocket ws) {
    if (ws instanceof WebSocketInternal internal
        && internal.channelHandlerContext().handler() instanceof VertxHandler<?> handler
        && handler.getConnection() != null) {
      return new FrameSocket(internal.channelHandlerContext(), handler.getConnection());
    }
    return null;
  }

  /** Queues the frame; {@code written} runs on the socket's event loop once it has left (or failed). */
  void write(Frame frame, Runnable written) {
    ChannelPromise promise = context.newPromise();
    promise.addListener(f -> written.run());
    connection.writeToChannel(frame.wire(), promise);
  }
}
