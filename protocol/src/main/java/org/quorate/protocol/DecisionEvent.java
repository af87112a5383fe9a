package org.quorate.protocol;

import java.time.Instant;
import java.util.List;

/** Room events of decisions. */
public sealed interface DecisionEvent extends RoomEvent {
  long decisionId();

  /** A decision opened for ballots; {@code options} is null for approve / reject / abstain. */
  record DecisionOpened(long room, long seq, long decisionId, long groupId, String item, String question, String kind,
      String visibility, String body, String modificationId, String motionText, int motionVersion, Instant closesAt,
      boolean reasonsRequired, int electorate, String rules, DecisionViews.Quoracy quoracy, UserRef by, List<String> options)
      implements DecisionEvent {}

  /** An open-visibility ballot was cast, changed or withdrawn ({@code ballot.choice} null). */
  record BallotCast(long room, long seq, long decisionId, DecisionViews.Ballot ballot, boolean changed,
      DecisionViews.Tally tally, DecisionViews.Quoracy quoracy) implements DecisionEvent {}

  /** A sealed ballot arrived: only the count and quoracy are told before the close. */
  record BallotReceived(long room, long seq, long decisionId, int ballotsReceived, DecisionViews.Quoracy quoracy)
      implements DecisionEvent {}

  /** A moderator extended, amended or recorded a recusal, with the reason. */
  record DecisionChanged(long room, long seq, long decisionId, String change, String reason, UserRef by,
      Instant closesAt, String motionText, int motionVersion, DecisionViews.Quoracy quoracy) implements DecisionEvent {}

  /**
   * The decision closed (or was cancelled): the outcome (carried, not_carried, inquorate,
   * cancelled), the rule that decided, tallies, quoracy and every ballot with its reason.
   */
  record DecisionClosed(long room, long seq, long decisionId, String outcome, String explanation, String rules,
      DecisionViews.Tally tally, DecisionViews.Quoracy quoracy, List<DecisionViews.Ballot> ballots, String followUp,
      String reason, UserRef by) implements DecisionEvent {}
}
