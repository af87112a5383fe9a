package org.quorate.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quorate.protocol.ErrorCode;
import org.quorate.server.domain.DomainException;

class PasswordHashingPoolTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void whenEveryThreadIsBusyAndTheQueueIsFullTheNextHashIsRefusedAsUnavailableAtOnce() throws Exception {
    PasswordHashingPool pool = new PasswordHashingPool(vertx, 1, 1);
    CountDownLatch release = new CountDownLatch(1);
    Future<String> running = pool.run(() -> {
      release.await(10, TimeUnit.SECONDS);
      return "first";
    });
    Future<String> queued = pool.run(() -> "second");

    Future<String> refused = pool.run(() -> "third");

    assertThat(refused.failed()).isTrue();
    assertThat(refused.cause()).isInstanceOf(DomainException.class);
    assertThat(((DomainException) refused.cause()).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    release.countDown();
    assertThat(running.await(10, TimeUnit.SECONDS)).isEqualTo("first");
    assertThat(queued.await(10, TimeUnit.SECONDS)).isEqualTo("second");
  }

  @Test
  void hashingDoesNotUseTheSharedWorkerPool() throws Exception {
    PasswordHashingPool pool = new PasswordHashingPool(vertx);
    assertThat(pool.run(() -> Thread.currentThread().getName()).await(10, TimeUnit.SECONDS)).startsWith("quorate-password-");
  }
}
