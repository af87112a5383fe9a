package org.quorate.server.decisions.counting;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.quorate.server.domain.Checks;
import org.quorate.server.domain.DomainException;

/**
 * A proxy or alternate appointed to hold a seat: for one meeting, one decision, or a period. Active
 * from {@code activeFrom} until {@code activeUntil} (exclusive; null = open-ended) unless revoked
 * earlier. The service passes every appointment for the body; {@link #appliesTo} picks the relevant ones.
 */
public record ProxyAppointment(
    long id,
    long seatId,
    long proxyUserId,
    Scope scope,
    Long scopeId,
    Instant activeFrom,
    Instant activeUntil,
    Instant revokedAt) {

  /** What an appointment is for. */
  public enum Scope {
    @JsonProperty("meeting")
    MEETING,
    @JsonProperty("decision")
    DECISION,
    @JsonProperty("period")
    PERIOD
  }

  public ProxyAppointment {
    Checks.required(scope, "scope");
    if ((scope == Scope.PERIOD) != (scopeId == null)) {
      throw DomainException.invalid("scope_id", scope == Scope.PERIOD
          ? "must be empty for a period appointment" : "names the " + scope.name().toLowerCase() + " and is required");
    }
    Checks.required(activeFrom, "active_from");
    if (activeUntil != null && !activeUntil.isAfter(activeFrom)) {
      throw DomainException.invalid("active_until", "must be after active_from");
    }
  }

  /** Whether this appointment concerns a decision (taken at {@code meetingId}, or null if asynchronous). */
  public boolean appliesTo(long decisionId, Long meetingId) {
    return switch (scope) {
      case PERIOD -> true;
      case DECISION -> scopeId == decisionId;
      case MEETING -> scopeId.equals(meetingId);
    };
  }

  public boolean isActiveAt(Instant at) {
    return !at.isBefore(activeFrom)
        && (activeUntil == null || at.isBefore(activeUntil))
        && (revokedAt == null || at.isBefore(revokedAt));
  }
}
