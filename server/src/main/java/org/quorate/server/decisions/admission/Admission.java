package org.quorate.server.decisions.admission;

import org.quorate.server.decisions.counting.BallotCapacity;
import org.quorate.server.decisions.counting.Seat;

/**
 * A ballot the rules admit: the seat it is for, the right it is cast in (recorded with it, so the
 * count judges it as of now, not as of the count), and the constituency it counts in.
 */
public record Admission(Seat seat, BallotCapacity capacity, String constituency) {
  public boolean viaProxy() {
    return capacity == BallotCapacity.PROXY;
  }
}
