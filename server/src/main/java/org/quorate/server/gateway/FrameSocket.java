package org.quorate.server.gateway;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.flush.FlushConsolidationHandler;
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
 *
 * <p>Vert.x flushes every write made outside the socket's own read, so each room event cost every
 * recipient a system call of its own. A {@link FlushConsolidationHandler} at the head of the
 * pipeline defers such a flush to a task queued behind the loop's pending work: when several
 * events reach a socket in one turn of the loop they leave in one write, and a lone event leaves
 * once the tasks queued before its flush have run. Closing flushes first.
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
      internal.channelHandlerContext().pipeline().addFirst(new FlushConsolidationHandler(
          FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
      return new FrameSocket(internal.channelHandlerContext(), handler.getConnection());
    }
    return null;
  }

  /** Queues the frame; {@code written} runs on the socket's event loop once it has left (or failed). */
  void write(Frame frame, ChannelFutureListener written) {
    ChannelPromise promise = context.newPromise();
    promise.addListener(written);
    connection.writeToChannel(frame.wire(), promise);
  }

  /** As {@code ServerWebSocket.writeQueueFull()}, without taking the socket's lock once more per frame. */
  boolean writeQueueFull() {
    return connection.writeQueueFull();
  }
}
