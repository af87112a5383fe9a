package org.quorate.server.decisions.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.quorate.server.domain.Checks;

/** Whether the chair breaks a tie with a casting vote; without one a tie is not a majority. */
public record CastingVoteRule(String clause, @JsonProperty(required = true) boolean enabled) {
  public CastingVoteRule {
    clause = Checks.text(clause, "clause", 400);
  }
}
