package org.quorate.server.decisions.counting;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The result of a closed decision. */
public enum Outcome {
  @JsonProperty("carried")
  CARRIED("carried"),
  @JsonProperty("not_carried")
  NOT_CARRIED("not carried"),
  @JsonProperty("inquorate")
  INQUORATE("inquorate");

  private final String words;

  Outcome(String words) {
    this.words = words;
  }

  public String words() {
    return words;
  }
}
