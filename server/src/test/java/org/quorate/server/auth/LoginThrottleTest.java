package org.quorate.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.quorate.server.config.LoginLimits;

class LoginThrottleTest {
  private long now = 1_000_000;
  private final LoginLimits limits = new LoginLimits(3, Duration.ofSeconds(1), 6, Duration.ofMinutes(15));
  private final LoginThrottle throttle = new LoginThrottle(limits, () -> now);

  private Duration fail(String user, String address) {
    return throttle.attempt(user, address);
  }

  @Test
  void theFirstFailuresAreFreeThenTheDelayDoublesThenTheAccountIsLocked() {
    for (int i = 0; i < 3; i++) {
      assertThat(fail("alice", "10.0.0.1")).isZero();
    }
    assertThat(fail("alice", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
    now += 1_000;
    assertThat(fail("alice", "10.0.0.1")).isZero(); // 4th failure
    assertThat(fail("alice", "10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
    now += 2_000;
    assertThat(fail("alice", "10.0.0.1")).isZero(); // 5th
    assertThat(fail("alice", "10.0.0.1")).isEqualTo(Duration.ofSeconds(4));
    now += 4_000;
    assertThat(fail("alice", "10.0.0.1")).isZero(); // 6th: locked
    assertThat(fail("alice", "10.0.0.1")).isEqualTo(Duration.ofMinutes(15));
    now += Duration.ofMinutes(15).toMillis();
    assertThat(fail("alice", "10.0.0.2")).as("a served lock wipes the slate").isZero();
    assertThat(fail("alice", "10.0.0.2")).isZero();
  }

  @Test
  void theWaitIsTheSameWhetherOrNotTheAccountExistsAndIgnoresCase() {
    for (int i = 0; i < 3; i++) {
      fail("Nobody-Real", "10.0.0.1");
    }
    assertThat(fail("nobody-real", "10.0.0.9")).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aSuccessStartsTheAccountAfresh() {
    fail("kate", "10.0.0.1");
    fail("kate", "10.0.0.1");
    throttle.succeeded("kate", "10.0.0.1");
    fail("kate", "10.0.0.1");
    fail("kate", "10.0.0.1");
    assertThat(fail("kate", "10.0.0.1")).isZero();
  }

  @Test
  void anAttemptTheServerWasTooBusyToCheckDoesNotCount() {
    fail("bella", "10.0.0.1");
    fail("bella", "10.0.0.1");
    fail("bella", "10.0.0.1");
    throttle.unchecked("bella", "10.0.0.1");
    assertThat(fail("bella", "10.0.0.1")).isZero();
  }

  @Test
  void oneAddressTryingManyAccountsIsThrottledToo() {
    int free = limits.freeFailures() * LoginLimits.ADDRESS_FACTOR;
    for (int i = 0; i < free; i++) {
      assertThat(fail("user" + i, "192.0.2.7")).isZero();
    }
    assertThat(fail("someone-else", "192.0.2.7")).isPositive();
    assertThat(fail("someone-else", "192.0.2.8")).as("other addresses are unaffected").isZero();
  }

  @Test
  void failuresAreForgottenAfterAQuietSpell() {
    fail("eric", "10.0.0.1");
    fail("eric", "10.0.0.1");
    now += Duration.ofMinutes(15).toMillis();
    fail("eric", "10.0.0.1");
    fail("eric", "10.0.0.1");
    assertThat(fail("eric", "10.0.0.1")).isZero();
  }
}
