package org.quorate.server.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.util.Map;
import org.quorate.server.config.DatabaseUrl;

/**
 * Creates the one shared vertx-pg-client pool every store uses, bounded so that a busy store
 * answers "unavailable, retry" instead of queueing for ever:
 *
 * <ul>
 *   <li>at most {@link #MAX_WAITING} requests wait for a connection; the next is refused at once
 *       ({@code ConnectionPoolTooBusyException}, answered {@code unavailable});
 *   <li>every statement is cancelled after {@link #STATEMENT_TIMEOUT}, every lock wait after
 *       {@link #LOCK_TIMEOUT}, and a transaction left idle after {@link #IDLE_IN_TRANSACTION_TIMEOUT},
 *       set as session parameters when each connection opens;
 *   <li>no timeout while waiting for a connection: the wait queue is bounded and every statement
 *       is, so the wait is too. (The pool's own wait timer races with a completing acquisition in
 *       vertx-sql-client 5.0.x and then fails an already completed promise, which surfaces as
 *       unhandled "Promise already completed" errors.)
 * </ul>
 */
public final class Pools {
  public static final int MAX_WAITING = 256;
  public static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(15);
  public static final Duration LOCK_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration IDLE_IN_TRANSACTION_TIMEOUT = Duration.ofSeconds(60);

  private Pools() {}

  public static Pool create(Vertx vertx, DatabaseUrl url, int maxSize) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(maxSize).setShared(false).setMaxWaitQueueSize(MAX_WAITING).setConnectionTimeout(0))
        .connectingTo(connectOptions(url))
        .using(vertx)
        .build();
  }

  /** How the pool, and a connection of its own such as a LISTEN subscriber, reaches the store. */
  /** The cheapest round trip that proves the database answers: the health check's probe. */
  public static Future<Void> ping(SqlClient db) {
    return db.query("SELECT 1").execute().mapEmpty();
  }

  public static PgConnectOptions connectOptions(DatabaseUrl url) {
    PgConnectOptions connect = new PgConnectOptions()
        .setHost(url.host())
        .setPort(url.port())
        .setDatabase(url.database())
        .setUser(url.user())
        .setPassword(url.password())
        .setCachePreparedStatements(true)
        .setReconnectAttempts(2)
        .setReconnectInterval(500);
    connect.setProperties(new java.util.HashMap<>(connect.getProperties()));
    connect.getProperties().putAll(Map.of(
        "statement_timeout", String.valueOf(STATEMENT_TIMEOUT.toMillis()),
        "lock_timeout", String.valueOf(LOCK_TIMEOUT.toMillis()),
        "idle_in_transaction_session_timeout", String.valueOf(IDLE_IN_TRANSACTION_TIMEOUT.toMillis())));
    return connect;
  }
}
