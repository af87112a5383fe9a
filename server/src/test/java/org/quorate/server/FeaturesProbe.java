package org.quorate.server;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.quorate.server.config.ServerConfig;
import org.quorate.server.gateway.CommandHandlers;

/** Lets tests outside this package build the wiring without starting a server. */
public final class FeaturesProbe {
  private FeaturesProbe() {}

  public static CommandHandlers commands(Vertx vertx, Pool pool, ServerConfig config) {
    return Features.wire(vertx, pool, config).commands();
  }
}
