package org.quorate.server.decisions.counting;

import org.quorate.server.decisions.rules.PartyCategories;
import org.quorate.server.domain.Checks;

/**
 * One seat on a body as frozen when a decision opens: its holder, the holder's Party, Voting Group and
 * Party Category, and whether it votes. {@code partyId} and {@code votingGroupId} are null for seats
 * without a Party (an independent chair, the Consumer Member).
 */
public record Seat(
    long id, long userId, String holderName, Long partyId, Long votingGroupId, String category, boolean voting) {
  public Seat {
    holderName = Checks.text(holderName, "holder_name", 200);
    category = category == null || category.isBlank() ? PartyCategories.NONE : category;
  }

  Seat asNonVoting() {
    return voting ? new Seat(id, userId, holderName, partyId, votingGroupId, category, false) : this;
  }
}
