package org.quorate.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quorate.server.auth.LoginThrottle;
import org.quorate.server.config.LoginLimits;

/**
 * Two nodes' throttles on one event bus (a clustered bus delivers the same publishes across
 * machines): guesses spread over both nodes meet one count.
 */
class LoginThrottleSharingTest {
  private final Vertx vertx = Vertx.vertx();
  private final LoginLimits limits = new LoginLimits(3, Duration.ofSeconds(1), 6, Duration.ofMinutes(15));
  private long now = 1_000_000;

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void failuresOnOneNodeDelayAndThenLockTheAccountOnTheOther() throws Exception {
    LoginThrottle first = new LoginThrottle(limits, () -> now);
    LoginThrottle second = new LoginThrottle(limits, () -> now);
    LoginThrottleSharing.share(vertx, first).await(5, TimeUnit.SECONDS);
    LoginThrottleSharing.share(vertx, second).await(5, TimeUnit.SECONDS);

    for (int i = 0; i < 3; i++) {
      assertThat(first.attempt("alice", "10.0.0." + i)).isZero();
    }
    // The fourth guess, through the other node from a fresh address, meets the account's delay.
    await().atMost(Duration.ofSeconds(5)).until(() -> !second.attempt("Alice", "10.0.1.1").isZero());

    now += Duration.ofSeconds(30).toMillis();
    for (int i = 0; i < 3; i++) {
      assertThat(second.attempt("alice", "10.0.2." + i)).isZero();
      now += Duration.ofSeconds(30).toMillis();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> first.attempt("alice", "10.0.3.1").compareTo(Duration.ofMinutes(10)) > 0);
  }

  @Test
  void withoutSharingEachNodeCountsAlone() {
    LoginThrottle first = new LoginThrottle(limits, () -> now);
    LoginThrottle second = new LoginThrottle(limits, () -> now);
    for (int i = 0; i < 3; i++) {
      first.attempt("alice", "10.0.0." + i);
    }
    assertThat(second.attempt("alice", "10.0.1.1")).isZero();
  }
}
