package org.quorate.server.config;

import java.time.Duration;

/**
 * How sign-in failures are throttled, per account and per source address. After {@code freeFailures}
 * failures in a row an account must wait {@code firstDelay} before its next attempt, twice as long
 * after each further failure; at {@code lockAfter} failures it is locked for {@code lockDuration}.
 * Failures are forgotten after a success, a served lock, or {@code lockDuration} without one. A source address gets {@link #ADDRESS_FACTOR} times as many failures, since
 * many people can share one address.
 */
public record LoginLimits(int freeFailures, Duration firstDelay, int lockAfter, Duration lockDuration) {
  public static final int ADDRESS_FACTOR = 5;

  public LoginLimits {
    if (freeFailures < 1 || lockAfter < freeFailures || firstDelay.isNegative() || lockDuration.isNegative()
        || lockDuration.isZero()) {
      throw new ConfigException("login limits need 1 <= free failures <= lock-after and a positive lock duration");
    }
  }

  public static LoginLimits defaults() {
    return new LoginLimits(3, Duration.ofSeconds(1), 10, Duration.ofMinutes(15));
  }

  public LoginLimits withLock(int failures, Duration duration) {
    return new LoginLimits(Math.min(freeFailures, failures), firstDelay, failures, duration);
  }

  /** The same rules scaled for a source address. */
  public LoginLimits forAddresses() {
    return new LoginLimits(freeFailures * ADDRESS_FACTOR, firstDelay, lockAfter * ADDRESS_FACTOR, lockDuration);
  }
}
