package org.quorate.server.decisions.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.quorate.server.domain.Checks;
import org.quorate.server.domain.DomainException;

/**
 * When a decision is quorate: a whole {@code count} or a {@code fraction} of the quorum base (the
 * eligible, non-recused voters), compared as {@link Comparison#MORE_THAN} or {@link Comparison#AT_LEAST};
 * optional composition constraints; and which kinds of participation count.
 */
public record QuorumRule(
    String clause,
    Integer count,
    Fraction fraction,
    Comparison comparison,
    List<CompositionRule> composition,
    @JsonProperty(required = true) boolean postalBallotsCount,
    @JsonProperty(required = true) boolean proxiesCount,
    @JsonProperty(required = true) boolean nonVotingSeatsCount) {

  public QuorumRule {
    clause = Checks.text(clause, "clause", 400);
    if ((count == null) == (fraction == null)) {
      throw DomainException.invalid("count", "give exactly one of count or fraction");
    }
    if (count != null && count < 1) {
      throw DomainException.invalid("count", "must be at least 1");
    }
    Checks.required(comparison, "comparison");
    composition = composition == null ? List.of() : List.copyOf(composition);
  }

  /**
   * The smallest number present or voting that meets the threshold for this quorum base. Never less
   * than one: nobody at all is never a quorum, even when everyone is recused.
   */
  public int requiredFor(int base) {
    int required = count != null
        ? (comparison == Comparison.MORE_THAN ? count + 1 : count)
        : fraction.smallestCount(comparison, base);
    return Math.max(1, required);
  }

  /** "more than half" or "at least 3". */
  public String thresholdWords() {
    return comparison.words() + " " + (count != null ? String.valueOf(count) : fraction.words());
  }
}
