package org.quorate.server.decisions.counting;

/** The one ballot that counts for a constituency, with the choice it counts as (after any amendment rule). */
public record CountedBallot(String constituency, Seat seat, Ballot ballot, Choice choice, boolean viaProxy) {
  public boolean postal() {
    return ballot.channel() == BallotChannel.POSTAL;
  }
}
