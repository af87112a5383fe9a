package org.quorate.server.decisions.rules;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a count is compared with a threshold; "more than half" and "at least half" differ at exactly half. */
public enum Comparison {
  @JsonProperty("more_than")
  MORE_THAN("more than"),
  @JsonProperty("at_least")
  AT_LEAST("at least");

  private final String words;

  Comparison(String words) {
    this.words = words;
  }

  /** "more than" or "at least", for sentences. */
  public String words() {
    return words;
  }
}
