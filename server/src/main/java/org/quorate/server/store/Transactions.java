package org.quorate.server.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Transactions that retry, transparently, when PostgreSQL aborts them for a serialization failure
 * (40001) or as a deadlock victim (40P01): nothing of such a transaction was committed, so running
 * the same work again is safe (a client command is also de-duplicated by its id). The work must not
 * keep state across attempts outside the transaction.
 *
 * <p>Lock order, to make deadlocks rare in the first place: a body's row (member changes), then a
 * decision's row, then rooms in ascending id ({@code RoomEventLog.Tx#lockRooms}), then the rows inside
 * them.
 */
public final class Transactions {
  /** Attempts in all, including the first. */
  public static final int ATTEMPTS = 5;

  private Transactions() {}

  public static <T> Future<T> run(Pool pool, Function<SqlConnection, Future<T>> work) {
    return attempt(pool, work, 1);
  }

  private static <T> Future<T> attempt(Pool pool, Function<SqlConnection, Future<T>> work, int n) {
    return once(pool, work).recover(failure -> n < ATTEMPTS && retryable(failure)
        ? pause(n).compose(v -> attempt(pool, work, n + 1))
        : Future.failedFuture(failure));
  }

  /**
   * {@code Pool.withTransaction} without its wait for BEGIN: BEGIN is sent and the work's first
   * statements follow it on the connection at once (the client pipelines them, in order), so each
   * transaction takes one round trip less. Committed when the work succeeds, rolled back otherwise.
   */
  private static <T> Future<T> once(Pool pool, Function<SqlConnection, Future<T>> work) {
    return pool.getConnection().compose(conn -> {
      Future<Transaction> begun = conn.begin();
      Future<T> done;
      try {
        done = work.apply(conn);
      } catch (RuntimeException e) {
        done = Future.failedFuture(e);
      }
      Future<T> result = done;
      return begun.compose(tx -> result.transform(ar -> ar.succeeded()
              ? tx.commit().map(ar.result())
              : tx.rollback().<T>transform(v -> Future.failedFuture(ar.cause()))))
          .eventually(conn::close);
    });
  }

  /** Serialization failure or deadlock: PostgreSQL rolled the whole transaction back. */
  public static boolean retryable(Throwable failure) {
    return failure instanceof PgException pg && ("40001".equals(pg.getSqlState()) || "40P01".equals(pg.getSqlState()));
  }

  /** A short random pause, growing with each attempt, so the transactions that collided do not collide again. */
  private static Future<Void> pause(int attempt) {
    var context = Vertx.currentContext();
    long millis = ThreadLocalRandom.current().nextLong(5L << attempt, 20L << attempt);
    return context == null ? Future.succeededFuture() : context.owner().timer(millis).mapEmpty();
  }
}
