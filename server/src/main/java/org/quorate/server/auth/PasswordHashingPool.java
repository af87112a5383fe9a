package org.quorate.server.auth;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.quorate.protocol.ErrorCode;
import org.quorate.server.domain.DomainException;

/**
 * A few threads of their own for password hashing, with a short queue. A flood of sign-ins then
 * waits here, or is turned away with {@code unavailable}, instead of filling Vert.x's shared
 * worker pool and starving the other blocking work (and each queued hash costs a few hundred
 * milliseconds, so a long queue would only mean answers nobody waits for).
 */
public final class PasswordHashingPool {
  public static final int THREADS = 2;
  public static final int QUEUE = 32;
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final Vertx vertx;
  private final ThreadPoolExecutor executor;

  public PasswordHashingPool(Vertx vertx) {
    this(vertx, THREADS, QUEUE);
  }

  public PasswordHashingPool(Vertx vertx, int threads, int queue) {
    this.vertx = vertx;
    int pool = POOLS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
      Thread t = new Thread(r, "quorate-password-" + pool + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }, new ThreadPoolExecutor.AbortPolicy());
    // Idle threads go away, so servers started and stopped in one JVM (tests, embedding) leave nothing behind.
    executor.allowCoreThreadTimeOut(true);
  }

  /** Runs the work on the pool and completes on the caller's context; a full queue fails at once with 503. */
  public <T> Future<T> run(Callable<T> work) {
    Context caller = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    try {
      executor.execute(() -> {
        try {
          T value = work.call();
          caller.runOnContext(v -> promise.complete(value));
        } catch (Exception | Error e) {
          caller.runOnContext(v -> promise.fail(e));
        }
      });
    } catch (RejectedExecutionException e) {
      return Future.failedFuture(new DomainException(ErrorCode.UNAVAILABLE, "sign-in is busy; retry in a moment", null));
    }
    return promise.future();
  }
}
