package org.quorate.server.decisions;

import java.time.Instant;
import org.quorate.server.decisions.lifecycle.DecisionLifecycle;
import org.quorate.server.decisions.lifecycle.DecisionStatus;

/** A decision row as stored. */
public record StoredDecision(long id, long groupId, String item, long roomId, long bodyId, String bodyCode,
    String bodyName, Long bodyChairId, String modificationId, Long meetingId, String question, String kind,
    String visibility, String status, String outcome, boolean reasonsRequired, String rulesBody, int rulesVersion,
    String rulesReference, String motionText, int motionVersion, Instant openedAt, Instant closesAt, Instant closedAt,
    int extensions, int inquorateExtensions, String castingVote, String explanation, java.util.List<String> options) {

  /** True for a question with its own options instead of approve / reject / abstain. */
  public boolean customOptions() {
    return options != null && !options.isEmpty();
  }


  public boolean sealed() {
    return "sealed".equals(visibility);
  }

  public DecisionStatus lifecycleStatus() {
    return switch (status) {
      case "draft" -> DecisionStatus.DRAFT;
      case "open" -> DecisionStatus.OPEN;
      case "cancelled" -> DecisionStatus.CANCELLED;
      default -> outcome == null ? DecisionStatus.CLOSED : switch (outcome) {
        case "carried" -> DecisionStatus.CARRIED;
        case "not_carried" -> DecisionStatus.NOT_CARRIED;
        case "inquorate" -> DecisionStatus.INQUORATE;
        default -> DecisionStatus.CANCELLED;
      };
    };
  }

  public DecisionLifecycle lifecycle() {
    return new DecisionLifecycle(lifecycleStatus(), openedAt, closesAt, extensions, inquorateExtensions, null, null);
  }

  /**
   * Ballots and reasons are public while open unless sealed. Sealed ones are revealed only by the
   * close and count (a tie awaiting the casting vote included), never by a cancellation.
   */
  public boolean ballotsVisible() {
    return !sealed() || "closed".equals(status);
  }
}
