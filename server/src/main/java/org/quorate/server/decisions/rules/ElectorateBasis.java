package org.quorate.server.decisions.rules;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who holds one counted ballot: each voting member, each Voting Group, or each Party Category. */
public enum ElectorateBasis {
  @JsonProperty("members")
  MEMBERS("voting members"),
  @JsonProperty("voting_groups")
  VOTING_GROUPS("Voting Groups"),
  @JsonProperty("party_categories")
  PARTY_CATEGORIES("Party Categories");

  private final String noun;

  ElectorateBasis(String noun) {
    this.noun = noun;
  }

  /** The plural noun sentences count in: "7 of 9 voting members". */
  public String noun() {
    return noun;
  }
}
