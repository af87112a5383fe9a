package org.quorate.server.meetings;

import java.util.List;

/**
 * The attendance register as quoracy sees it: the body (its code, and the rules set it chose),
 * every seat on it and how (if at all) it is present now. Pure data, built from the store inside the
 * writing transaction.
 */
public record RegisterSnapshot(long bodyId, String bodyCode, String rules, List<SeatPresence> seats) {
  public RegisterSnapshot {
    seats = List.copyOf(seats);
  }

  /**
   * One seat. {@code category} is the seat's Party Category (or its own, e.g. consumer_member);
   * {@code votingGroupId} is its Party's Voting Group; {@code voting} is body_member.voting;
   * {@code presentAs} is null when absent, else member, alternate or proxy; {@code filledBy} is who
   * fills it (the holder when present, else their present alternate or proxy).
   */
  public record SeatPresence(long holderId, String holderName, String seat, Long partyId, Long votingGroupId, String category,
      boolean voting, String presentAs, Long filledBy) {

    public boolean present() {
      return presentAs != null;
    }
  }
}
