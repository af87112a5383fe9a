package org.quorate.server.decisions.rules;

import org.quorate.server.domain.Checks;

/** The majority a motion on this body needs. */
public record MajorityRule(String clause, MajorityKind kind) {
  public MajorityRule {
    clause = Checks.text(clause, "clause", 400);
    Checks.required(kind, "kind");
  }
}
