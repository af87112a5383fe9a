package org.quorate.server.gateway;

import io.netty.channel.ChannelHandler;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import java.lang.reflect.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets go of what Vert.x 5.0 keeps of a WebSocket's HTTP upgrade for the connection's whole life.
 * The channel handler that serves the WebSocket holds on to the function that created its
 * connection, and that function holds the upgrade's HTTP connection with its request, response
 * and a 4 KiB write-queue chunk: about 6 KB per socket that is never used again (W1, issue 11).
 * The function is only called when the handler is added to the pipeline, which has happened by the
 * time the WebSocket is handed to us, so dropping it changes nothing but the heap. If a Vert.x
 * version no longer has the field, this logs once and does nothing.
 */
final class UpgradeLeftovers {
  private static final Logger LOG = LoggerFactory.getLogger(UpgradeLeftovers.class);
  private static final String HANDLER = "io.vertx.core.net.impl.VertxHandler";
  private static final Field FACTORY = factoryField();

  private UpgradeLeftovers() {}

  private static Field factoryField() {
    try {
      Field f = Class.forName(HANDLER).getDeclaredField("connectionFactory");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.info("WebSocket upgrades keep their HTTP connection ({}): about 6 KB more per socket", e.toString());
      return null;
    }
  }

  /** On the connection's event loop, once the WebSocket has been accepted. */
  static void release(ServerWebSocket ws) {
    if (FACTORY == null || !(ws instanceof WebSocketInternal internal)) {
      return;
    }
    ChannelHandler handler = internal.channelHandlerContext().handler();
    if (FACTORY.getDeclaringClass().isInstance(handler)) {
      try {
        FACTORY.set(handler, null);
      } catch (IllegalAccessException | RuntimeException e) {
        LOG.debug("could not release a WebSocket upgrade's HTTP connection: {}", e.toString());
      }
    }
  }
}
