package org.quorate.server.decisions.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.quorate.server.domain.Checks;
import org.quorate.server.domain.DomainException;

/** How many times a moderator may extend an open decision (an inquorate extension is counted apart). */
public record ExtensionRule(String clause, @JsonProperty(required = true) int maxExtensions) {
  public ExtensionRule {
    clause = Checks.text(clause, "clause", 400);
    if (maxExtensions < 0) {
      throw DomainException.invalid("max_extensions", "must not be negative");
    }
  }
}
