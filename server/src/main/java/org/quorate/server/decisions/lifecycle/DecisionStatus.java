package org.quorate.server.decisions.lifecycle;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a decision is in its life: draft, open, closed, then a result or cancelled. */
public enum DecisionStatus {
  @JsonProperty("draft")
  DRAFT,
  @JsonProperty("open")
  OPEN,
  /** Ballots refused; the result is being counted or awaits the chair's casting vote. */
  @JsonProperty("closed")
  CLOSED,
  @JsonProperty("carried")
  CARRIED,
  @JsonProperty("not_carried")
  NOT_CARRIED,
  @JsonProperty("inquorate")
  INQUORATE,
  @JsonProperty("cancelled")
  CANCELLED;

  /** No transition leaves a final status. */
  public boolean isFinal() {
    return this == CARRIED || this == NOT_CARRIED || this == INQUORATE || this == CANCELLED;
  }
}
