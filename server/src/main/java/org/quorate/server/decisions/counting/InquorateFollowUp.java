package org.quorate.server.decisions.counting;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.quorate.server.decisions.rules.InquorateRule;

/**
 * What follows an inquorate result under the body's rules. {@code provisionalOutcome} is what the votes
 * cast would have decided had the decision been quorate; it stands only under {@link Action#STAND_PROVISIONALLY}.
 */
public record InquorateFollowUp(Action action, int workingDays, Outcome provisionalOutcome, String clause, String sentence) {

  /** The concrete next step. */
  public enum Action {
    /** Reopen the decision for {@code workingDays} more working days. */
    @JsonProperty("extend")
    EXTEND,
    /** Put the item to the body's next meeting. */
    @JsonProperty("carry_to_next_meeting")
    CARRY_TO_NEXT_MEETING,
    /** Let the votes cast stand provisionally for {@code workingDays} working days until ratified. */
    @JsonProperty("stand_provisionally")
    STAND_PROVISIONALLY
  }

  public static InquorateFollowUp of(InquorateRule rule, int extensionsUsed, Outcome provisionalOutcome) {
    InquorateRule.Action ruled = rule.action() == InquorateRule.Action.EXTEND_ONCE && extensionsUsed > 0
        ? rule.thenAction() : rule.action();
    return switch (ruled) {
      case EXTEND_ONCE -> new InquorateFollowUp(Action.EXTEND, rule.extensionWorkingDays(), provisionalOutcome,
          rule.clause(), "reopened once for " + rule.extensionWorkingDays() + " more working days");
      case CARRY_TO_NEXT_MEETING -> new InquorateFollowUp(Action.CARRY_TO_NEXT_MEETING, 0, provisionalOutcome,
          rule.clause(), "carried to the body's next meeting"
          + (extensionsUsed > 0 ? " after its one extension" : ""));
      case STAND_PROVISIONALLY -> new InquorateFollowUp(Action.STAND_PROVISIONALLY, rule.provisionalWorkingDays(),
          provisionalOutcome, rule.clause(), "stands provisionally as " + provisionalOutcome.words() + " for "
          + rule.provisionalWorkingDays() + " working days until ratified"
          + (extensionsUsed > 0 ? ", after its one extension" : ""));
    };
  }
}
