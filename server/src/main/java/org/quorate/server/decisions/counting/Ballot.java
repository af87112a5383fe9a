package org.quorate.server.decisions.counting;

import java.time.Instant;
import org.quorate.server.domain.Checks;
import org.quorate.server.domain.DomainException;

/**
 * One entry in a seat's ballot history: a cast (with a choice) or a withdrawal. {@code sequence} is
 * the store's monotonic order and decides which entry is "last", so counting never depends on the
 * order a list arrives in. {@code castByUserId} differs from the seat holder when a proxy cast it.
 * {@code motionVersion} is the version of the motion text the voter saw. {@code capacity} is the right
 * it was admitted in, recorded when cast; null only where nothing was recorded (the count then judges
 * it by the appointments active at {@code castAt}).
 */
public record Ballot(
    long sequence,
    long seatId,
    long castByUserId,
    Choice choice,
    boolean withdrawal,
    String reason,
    int motionVersion,
    BallotChannel channel,
    Instant castAt,
    BallotCapacity capacity) {

  public Ballot {
    if (withdrawal != (choice == null)) {
      throw DomainException.invalid("choice", withdrawal ? "a withdrawal has no choice" : "is required");
    }
    if (motionVersion < 1) {
      throw DomainException.invalid("motion_version", "must be at least 1");
    }
    Checks.required(channel, "channel");
    Checks.required(castAt, "cast_at");
    reason = reason == null || reason.isBlank() ? null : reason.strip();
  }

  public static Ballot cast(long sequence, long seatId, long castBy, Choice choice, String reason,
      int motionVersion, BallotChannel channel, Instant castAt) {
    return new Ballot(sequence, seatId, castBy, choice, false, reason, motionVersion, channel, castAt, null);
  }

  public static Ballot withdraw(long sequence, long seatId, long castBy, int motionVersion,
      BallotChannel channel, Instant castAt) {
    return new Ballot(sequence, seatId, castBy, null, true, null, motionVersion, channel, castAt, null);
  }

  /** This entry as admitted in {@code right}. */
  public Ballot castAs(BallotCapacity right) {
    return new Ballot(sequence, seatId, castByUserId, choice, withdrawal, reason, motionVersion, channel, castAt, right);
  }
}
