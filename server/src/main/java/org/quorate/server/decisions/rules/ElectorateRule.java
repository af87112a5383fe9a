package org.quorate.server.decisions.rules;

import java.util.Set;
import org.quorate.server.domain.Checks;
import org.quorate.server.domain.DomainException;

/**
 * Who may vote: the basis of one counted ballot, and the Party Categories whose seats never vote on
 * this body (DCC and the Consumer Member on the SEC bodies) whatever the seat record says.
 */
public record ElectorateRule(String clause, ElectorateBasis basis, Set<String> nonVotingCategories) {
  public ElectorateRule {
    clause = Checks.text(clause, "clause", 400);
    Checks.required(basis, "basis");
    nonVotingCategories = nonVotingCategories == null ? Set.of() : Set.copyOf(nonVotingCategories);
    for (String code : nonVotingCategories) {
      if (!PartyCategories.isKnown(code)) {
        throw DomainException.invalid("non_voting_categories", "unknown Party Category '" + code + "'");
      }
    }
  }
}
