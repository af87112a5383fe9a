package org.quorate.server.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import org.quorate.server.config.DatabaseUrl;
import org.quorate.server.store.Pools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which node runs the scheduled work (closing decisions on time, reminders, ledger checkpoints,
 * email, the retention purge): the one holding a PostgreSQL session-level advisory lock on a
 * connection of its own. PostgreSQL releases the lock when that session ends, so when the holder
 * dies (or loses the store) another node takes over at its next attempt; no node needs to know of
 * the others, and a single node simply always holds it.
 *
 * <p>The lock is in the store rather than in Hazelcast because the work it guards writes there:
 * a node cut off from its peers but not from PostgreSQL must not start a second scheduler.
 */
public final class ScheduledWorkLease {
  private static final Logger LOG = LoggerFactory.getLogger(ScheduledWorkLease.class);
  /** "quorate" in ASCII: one key for the whole scheduled work. */
  static final long LOCK_KEY = 0x71756f72617465L;

  private final Vertx vertx;
  private final DatabaseUrl store;
  private final Duration every;
  private PgConnection connection;
  private volatile boolean held;
  private boolean trying;
  private long timer = -1;

  public ScheduledWorkLease(Vertx vertx, DatabaseUrl store, Duration every) {
    this.vertx = vertx;
    this.store = store;
    this.every = every;
  }

  /** Tries once now (a single node leads from its first second), then every {@code every}. */
  public Future<Void> start() {
    timer = vertx.setPeriodic(every.toMillis(), t -> attempt());
    return attempt().recover(e -> Future.succeededFuture());
  }

  /** True while this node holds the lock: the scheduled work's timers run their pass only then. */
  public boolean held() {
    return held;
  }

  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    held = false;
    // Closing the session releases the lock at once; the next node takes over at its next attempt.
    return connection == null ? Future.succeededFuture() : connection.close();
  }

  private synchronized Future<Void> attempt() {
    if (trying) {
      return Future.succeededFuture();
    }
    trying = true;
    Future<PgConnection> conn = connection != null ? Future.succeededFuture(connection)
        : PgConnection.connect(vertx, Pools.connectOptions(store)).onSuccess(this::adopt);
    // While held, a trivial query checks the session (and so the lock) is still there.
    boolean holder = held;
    return conn.compose(c -> holder ? c.query("SELECT true").execute()
            : c.preparedQuery("SELECT pg_try_advisory_lock($1)").execute(Tuple.of(LOCK_KEY)))
        .map(rows -> rows.iterator().next().getBoolean(0))
        .onSuccess(this::holding)
        .onFailure(e -> {
          holding(false);
          if (connection != null) {
            connection.close();
            connection = null;
          }
        })
        .onComplete(ar -> finished())
        .mapEmpty();
  }

  private synchronized void finished() {
    trying = false;
  }

  private synchronized void adopt(PgConnection c) {
    connection = c;
    c.closeHandler(v -> lost(c));
  }

  private synchronized void lost(PgConnection c) {
    if (connection == c) {
      connection = null;
      holding(false);
    }
  }

  private void holding(boolean now) {
    if (now != held) {
      LOG.info(now ? "this node now runs the scheduled work (closing, reminders, email, purge)"
          : "this node no longer runs the scheduled work");
    }
    held = now;
  }
}
