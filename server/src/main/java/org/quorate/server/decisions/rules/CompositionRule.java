package org.quorate.server.decisions.rules;

import java.util.Set;
import org.quorate.server.domain.Checks;
import org.quorate.server.domain.DomainException;

/**
 * Part of a quorum: at least {@code atLeast} of those present or voting must come from one of
 * {@code categories} (e.g. at least one network operator).
 */
public record CompositionRule(String clause, Set<String> categories, int atLeast) {
  public CompositionRule {
    clause = Checks.text(clause, "clause", 400);
    categories = Set.copyOf(Checks.nonEmpty(categories, "categories"));
    for (String code : categories) {
      if (!PartyCategories.isKnown(code)) {
        throw DomainException.invalid("categories", "unknown Party Category '" + code + "'");
      }
    }
    if (atLeast < 1) {
      throw DomainException.invalid("at_least", "must be at least 1");
    }
  }

  /** "Gas Networks" or "Large Suppliers or Small Suppliers". */
  public String categoryNames() {
    return PartyCategories.pluralList(categories);
  }
}
