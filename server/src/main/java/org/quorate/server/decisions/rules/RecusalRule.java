package org.quorate.server.decisions.rules;

import org.quorate.server.domain.Checks;

/**
 * Where a body's conflict-of-interest rule is written. A recused member is always removed from the
 * electorate and from the quorum base of that decision; the rule only records the authority for it.
 */
public record RecusalRule(String clause) {
  public RecusalRule {
    clause = Checks.text(clause, "clause", 400);
  }
}
