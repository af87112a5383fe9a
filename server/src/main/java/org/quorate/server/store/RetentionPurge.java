package org.quorate.server.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what is only kept for a while, off the hot path: every {@link #EVERY}, in batches of at
 * most {@code batchSize} rows, one short transaction per batch with a pause between, so a large
 * backlog never holds locks or a connection for long.
 *
 * <ul>
 *   <li>{@code command_result} rows older than {@link #COMMAND_RESULTS_KEPT}: they exist so a client's
 *       resend of a command is answered once; no client resends a week later.
 *   <li>{@code auth_token} rows expired more than {@link #TOKENS_KEPT_AFTER_EXPIRY} ago: an expired
 *       (or revoked, which also expires) token is refused whether or not its row exists.
 * </ul>
 */
public final class RetentionPurge {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);
  public static final Duration COMMAND_RESULTS_KEPT = Duration.ofDays(7);
  public static final Duration TOKENS_KEPT_AFTER_EXPIRY = Duration.ofDays(7);
  public static final Duration EVERY = Duration.ofMinutes(15);
  static final Duration BETWEEN_BATCHES = Duration.ofMillis(50);

  private static final String COMMAND_RESULTS = "DELETE FROM command_result WHERE ctid IN "
      + "(SELECT ctid FROM command_result WHERE created_at < now() - make_interval(secs => $1::bigint) LIMIT $2)";
  private static final String TOKENS = "DELETE FROM auth_token WHERE ctid IN "
      + "(SELECT ctid FROM auth_token WHERE expires_at < now() - make_interval(secs => $1::bigint) LIMIT $2)";

  private final Vertx vertx;
  private final Pool pool;
  private final int batchSize;
  private long timer = -1;
  private boolean running;

  public RetentionPurge(Vertx vertx, Pool pool, int batchSize) {
    this.vertx = vertx;
    this.pool = pool;
    this.batchSize = batchSize;
  }

  /** What one purge removed, and in how many batches. */
  public record Purged(long commandResults, long tokens, int batches) {}

  public void start(java.util.function.BooleanSupplier leads) {
    timer = vertx.setPeriodic(Duration.ofMinutes(1).toMillis(), EVERY.toMillis(), t -> {
      if (!running && leads.getAsBoolean()) {
        running = true;
        purgeNow().onComplete(ar -> running = false)
            .onSuccess(p -> LOG.info("retention purge: {} command results, {} tokens in {} batches", p.commandResults(), p.tokens(), p.batches()))
            .onFailure(e -> LOG.warn("retention purge failed; it runs again in {}: {}", EVERY, e.toString()));
      }
    });
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  public Future<Purged> purgeNow() {
    return drain(COMMAND_RESULTS, COMMAND_RESULTS_KEPT, 0, 0).compose(commands -> drain(TOKENS, TOKENS_KEPT_AFTER_EXPIRY, 0, 0)
        .map(tokens -> new Purged(commands[0], tokens[0], (int) (commands[1] + tokens[1]))));
  }

  /** Deletes batch after batch until one comes back short; returns {rows, batches}. */
  private Future<long[]> drain(String sql, Duration kept, long rows, long batches) {
    return pool.preparedQuery(sql).execute(Tuple.of(kept.toSeconds(), (long) batchSize)).compose(r -> {
      long total = rows + r.rowCount();
      if (r.rowCount() < batchSize) {
        return Future.succeededFuture(new long[] {total, batches + 1});
      }
      return vertx.timer(BETWEEN_BATCHES.toMillis()).compose(t -> drain(sql, kept, total, batches + 1));
    });
  }
}
