package org.quorate.server.decisions.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.quorate.server.domain.Checks;
import org.quorate.server.domain.DomainException;

/**
 * What follows an inquorate decision. {@link Action#EXTEND_ONCE} reopens it for
 * {@code extensionWorkingDays} once, then does {@code thenAction}; {@link Action#STAND_PROVISIONALLY}
 * lets the votes cast stand provisionally for {@code provisionalWorkingDays} until ratified.
 */
public record InquorateRule(
    String clause,
    Action action,
    Integer extensionWorkingDays,
    Integer provisionalWorkingDays,
    Action thenAction) {

  /** The follow-up a body's rules name. */
  public enum Action {
    @JsonProperty("carry_to_next_meeting")
    CARRY_TO_NEXT_MEETING,
    @JsonProperty("extend_once")
    EXTEND_ONCE,
    @JsonProperty("stand_provisionally")
    STAND_PROVISIONALLY
  }

  public InquorateRule {
    clause = Checks.text(clause, "clause", 400);
    Checks.required(action, "action");
    if (action == Action.EXTEND_ONCE) {
      positive(extensionWorkingDays, "extension_working_days");
      Checks.required(thenAction, "then_action");
      if (thenAction == Action.EXTEND_ONCE) {
        throw DomainException.invalid("then_action", "must not be extend_once again");
      }
    } else if (thenAction != null) {
      throw DomainException.invalid("then_action", "is only meaningful after extend_once");
    }
    if (action == Action.STAND_PROVISIONALLY || thenAction == Action.STAND_PROVISIONALLY) {
      positive(provisionalWorkingDays, "provisional_working_days");
    }
  }

  private static void positive(Integer value, String field) {
    Checks.required(value, field);
    if (value < 1) {
      throw DomainException.invalid(field, "must be at least 1");
    }
  }
}
