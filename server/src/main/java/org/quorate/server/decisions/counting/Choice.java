package org.quorate.server.decisions.counting;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a ballot says about the motion. */
public enum Choice {
  @JsonProperty("approve")
  APPROVE,
  @JsonProperty("reject")
  REJECT,
  @JsonProperty("abstain")
  ABSTAIN;

  /** "approve", "reject", "abstain": the wire name, also used in sentences. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
