package org.quorate.server.decisions.rules;

import java.util.Set;
import org.quorate.server.decisions.counting.Choice;
import org.quorate.server.domain.Checks;

/** For which choices a ballot must carry a reason; empty means reasons are optional. */
public record ReasonsRule(String clause, Set<Choice> requiredFor) {
  public ReasonsRule {
    clause = Checks.text(clause, "clause", 400);
    requiredFor = requiredFor == null ? Set.of() : Set.copyOf(requiredFor);
  }

  public boolean requires(Choice choice) {
    return requiredFor.contains(choice);
  }
}
