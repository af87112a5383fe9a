package org.quorate.protocol;

import java.time.Instant;
import java.util.List;

/** Commands of moderated asynchronous decisions, postal votes and meeting votes. */
public sealed interface DecisionCommand extends ClientCommand {

  /**
   * Opens a decision (moderators): a motion put to a body in a room, usually on a Modification,
   * with one item per ballot (the Modification and each Alternative Proposal, decided separately).
   * {@code kind}: asynchronous, postal or meeting. {@code visibility}: open (default) or sealed.
   * Close either at {@code closes_at} or in {@code closes_in_working_days} England and Wales Working Days.
   * {@code options} (2 to 10 labels) replaces approve / reject / abstain for a low-complexity
   * asynchronous question such as a date; the option with the most counted ballots is decided.
   */
  record OpenDecision(String id, String body, Long room, String modificationId, String question, List<String> items,
      String motionText, String kind, String visibility, Instant closesAt, Integer closesInWorkingDays,
      Long meetingId, Boolean reasonsRequired, List<String> options) implements DecisionCommand {
    public OpenDecision {
      options = options == null || options.isEmpty() ? null : List.copyOf(options);
      ProtocolViolation.commandId(id);
      ProtocolViolation.text(body, "body", 40);
      ProtocolViolation.text(question, "question", 1_000);
      ProtocolViolation.text(kind, "kind", 20);
      items = items == null || items.isEmpty() ? List.of() : List.copyOf(items);
      if (closesAt == null && closesInWorkingDays == null && !"meeting".equals(kind)) {
        throw new ProtocolViolation("closes_at", "closes_at or closes_in_working_days is required");
      }
    }
  }

  /**
   * Casts or changes one's ballot (the last one counts; history is kept). A proxy or alternate
   * names the member they vote for in {@code on_behalf_of} (a user id).
   */
  record CastBallot(String id, Long decisionId, String choice, String reason, List<String> objectives,
      Integer motionVersion, Long onBehalfOf) implements DecisionCommand {
    public CastBallot {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(decisionId, "decision_id");
      // A question's own options are labels of up to 100 characters, not just approve / reject / abstain.
      ProtocolViolation.text(choice, "choice", 100);
      if (reason != null && reason.length() > Protocol.MAX_REASON) {
        throw new ProtocolViolation("reason", "reason must be at most " + Protocol.MAX_REASON + " characters");
      }
      objectives = objectives == null ? List.of() : List.copyOf(objectives);
    }
  }

  /** Withdraws one's ballot (or, for a proxy, the ballot cast for {@code on_behalf_of}) before the close. */
  record WithdrawBallot(String id, Long decisionId, Long onBehalfOf) implements DecisionCommand {
    public WithdrawBallot {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(decisionId, "decision_id");
    }
  }

  /**
   * A moderator's change to an open decision, always with a reason: {@code extend} (with a new
   * closing time or Working Days), {@code close} early, {@code cancel}, or {@code amend} the motion text.
   */
  record ChangeDecision(String id, Long decisionId, String change, String reason, Instant closesAt,
      Integer closesInWorkingDays, String motionText) implements DecisionCommand {
    public ChangeDecision {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(decisionId, "decision_id");
      ProtocolViolation.text(change, "change", 20);
      ProtocolViolation.text(reason, "reason", Protocol.MAX_REASON);
    }
  }

  /** Records a conflict-of-interest recusal: the member leaves the electorate and the quorum base. */
  record Recuse(String id, Long decisionId, Long userId, String reason) implements DecisionCommand {
    public Recuse {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(decisionId, "decision_id");
      ProtocolViolation.positive(userId, "user_id");
      ProtocolViolation.text(reason, "reason", Protocol.MAX_REASON);
    }
  }

  /** The chair's casting vote on a tie, where the body's rules give one. */
  record CastingVote(String id, Long decisionId, String choice, String reason) implements DecisionCommand {
    public CastingVote {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(decisionId, "decision_id");
      ProtocolViolation.text(choice, "choice", 20);
      ProtocolViolation.text(reason, "reason", Protocol.MAX_REASON);
    }
  }
}
