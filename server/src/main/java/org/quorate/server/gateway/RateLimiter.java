package org.quorate.server.gateway;

/** A token bucket per connection: a burst is fine, a flood gets {@code rate_limited}. */
final class RateLimiter {
  private final double perNano;
  private final int burst;
  private double tokens;
  private long last = System.nanoTime();

  RateLimiter(int perSecond, int burst) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
  }

  boolean tryAcquire() {
    long now = System.nanoTime();
    tokens = Math.min(burst, tokens + (now - last) * perNano);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
