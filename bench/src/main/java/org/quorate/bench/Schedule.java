package org.quorate.bench;

/**
 * An open-loop schedule: send {@code i} is due at {@code i / rate} seconds after the start, whatever
 * the server does. Latency is measured from that due time, so a stalled server is charged for every
 * send it delayed (no coordinated omission).
 */
public record Schedule(double ratePerSecond, long durationNanos) {
  public Schedule {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive, got " + ratePerSecond);
    }
    if (durationNanos <= 0) {
      throw new IllegalArgumentException("duration must be positive");
    }
  }

  /** How many sends fall inside the window. */
  public long count() {
    return (long) Math.floor(ratePerSecond * durationNanos / 1e9);
  }

  /** Offset of send {@code i} from the start, in nanoseconds. */
  public long offsetNanos(long i) {
    return Math.round(i * 1e9 / ratePerSecond);
  }

  /** The index of the first send not yet due at {@code elapsedNanos} (capped at {@link #count()}). */
  public long dueBy(long elapsedNanos) {
    if (elapsedNanos < 0) {
      return 0;
    }
    long n = (long) Math.floor(elapsedNanos * ratePerSecond / 1e9) + 1;
    // floating point may put the boundary one off: settle it against offsetNanos
    while (n > 0 && offsetNanos(n - 1) > elapsedNanos) {
      n--;
    }
    while (n < count() && offsetNanos(n) <= elapsedNanos) {
      n++;
    }
    return Math.min(n, count());
  }
}
