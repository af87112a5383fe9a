package org.quorate.server.decisions.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.quorate.server.domain.Checks;

/**
 * How an abstention counts. {@code countTowardQuorum}: an abstaining ballot is participation for
 * quoracy (presence at a meeting counts whatever the member then does). {@code countInDenominator}:
 * abstentions are part of the "votes cast" a majority is measured against, so they act like "no".
 */
public record AbstentionRule(
    String clause,
    @JsonProperty(required = true) boolean countTowardQuorum,
    @JsonProperty(required = true) boolean countInDenominator) {
  public AbstentionRule {
    clause = Checks.text(clause, "clause", 400);
  }
}
