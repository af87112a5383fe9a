package org.quorate.server.store;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.quorate.server.config.DatabaseUrl;

/** Creates the one shared vertx-pg-client pool every store uses. */
public final class Pools {
  private Pools() {}

  public static Pool create(Vertx vertx, DatabaseUrl url, int maxSize) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(maxSize).setShared(false))
        .connectingTo(connectOptions(url))
        .using(vertx)
        .build();
  }

  /** How the pool, and a connection of its own such as a LISTEN subscriber, reaches the store. */
  public static PgConnectOptions connectOptions(DatabaseUrl url) {
    return new PgConnectOptions()
        .setHost(url.host())
        .setPort(url.port())
        .setDatabase(url.database())
        .setUser(url.user())
        .setPassword(url.password())
        .setCachePreparedStatements(true)
        .setReconnectAttempts(2)
        .setReconnectInterval(500);
  }
}
