package org.quorate.server.decisions.lifecycle;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One recorded change of a decision's lifecycle, for its history (nothing is deleted). {@code actorUserId}
 * is null for changes the server makes itself (closing at the closing time, settling the result).
 */
public record Transition(
    Kind kind, DecisionStatus from, DecisionStatus to, Long actorUserId, Instant at, Instant closesAt, String reason) {

  /** What happened. */
  public enum Kind {
    @JsonProperty("opened")
    OPENED,
    @JsonProperty("extended")
    EXTENDED,
    @JsonProperty("closed_early")
    CLOSED_EARLY,
    @JsonProperty("closed")
    CLOSED,
    @JsonProperty("settled")
    SETTLED,
    /** Reopened because the result was inquorate and the rules extend once. */
    @JsonProperty("reopened_inquorate")
    REOPENED_INQUORATE,
    @JsonProperty("cancelled")
    CANCELLED
  }
}
