package org.quorate.server;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.quorate.server.config.ServerConfig;
import org.quorate.server.gateway.CommandHandlers;

/** Lets tests outside this package build the wiring without starting a server, and see a running server's routes. */
public final class FeaturesProbe {
  private FeaturesProbe() {}

  /** Every route the running server's router mounts, as {@code "GET /api/rooms/{id}"}. */
  public static java.util.List<String> routeTable(QuorateServer server) {
    return server.routeTable();
  }

  public static CommandHandlers commands(Vertx vertx, Pool pool, ServerConfig config) {
    return Features.wire(vertx, pool, config).commands();
  }
}
