package org.quorate.server.decisions.rules;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The majority a motion needs to be carried. */
public enum MajorityKind {
  /** More than half of the votes cast (abstentions in the denominator only if the rules say so). */
  @JsonProperty("simple_majority")
  SIMPLE_MAJORITY("a simple majority of votes cast", true),
  /** More than half of all eligible voters, whether or not they voted. */
  @JsonProperty("absolute_majority")
  ABSOLUTE_MAJORITY("an absolute majority of eligible voters", true),
  /** At least two-thirds of the votes cast. */
  @JsonProperty("two_thirds")
  TWO_THIRDS("at least two-thirds of votes cast", false),
  /** Every vote cast in favour, and at least one. */
  @JsonProperty("unanimity")
  UNANIMITY("unanimity of votes cast", false),
  /** A simple majority within every Party Category that has eligible voters. */
  @JsonProperty("majority_in_each_category")
  MAJORITY_IN_EACH_CATEGORY("a majority within each Party Category", false),
  /**
   * Each Party Category's majority decides that category's vote; more categories approving than
   * rejecting carries the motion (how Quorate models the Change Board's category voting).
   */
  @JsonProperty("majority_of_category_votes")
  MAJORITY_OF_CATEGORY_VOTES("a majority of Party Category votes", true);

  private final String words;
  private final boolean canTie;

  MajorityKind(String words, boolean canTie) {
    this.words = words;
    this.canTie = canTie;
  }

  public String words() {
    return words;
  }

  /** Whether an exact tie is possible, and so whether a casting vote can apply. */
  public boolean canTie() {
    return canTie;
  }
}
