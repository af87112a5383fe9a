package org.quorate.protocol;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A stored event of a room, numbered by the room's gap-free sequence in commit order. Replays and
 * history pages send exactly these, so a client that applies them in {@code seq} order converges.
 */
public sealed interface RoomEvent extends ServerEvent permits RoomEvent.MessagePosted, RoomEvent.MessageEdited, RoomEvent.MessageDeleted, RoomEvent.MessagePinned, RoomEvent.SystemNotice, RoomEvent.MeetingStateChanged, RoomEvent.AgendaMoved, RoomEvent.AttendanceChanged, RoomEvent.QuoracyChanged, RoomEvent.SpeakingQueueChanged, RoomEvent.FloorChanged, RoomEvent.ChairRuling, RoomEvent.MeetingVoteOpened, RoomEvent.MeetingBallotCount, RoomEvent.MeetingVoteClosed, RoomEvent.MeetingDecisionRecorded, RoomEvent.ActionRecorded, RoomEvent.ActionUpdated, RoomEvent.QuestionSubmitted, RoomEvent.QuestionUpvoted, RoomEvent.QuestionTaken, RoomEvent.MinutesPublished, DecisionEvent {
  long room();

  long seq();

  /**
   * A message was posted. {@code thread_root} is the message it replies to (null for a new thread).
   * After deletion the stored event becomes a tombstone: {@code deleted} true, {@code body} null and
   * {@code mentions} empty.
   */
  record MessagePosted(long room, long seq, long messageId, UserRef author, String body, Long threadRoot,
      List<Mention> mentions, Instant createdAt, boolean deleted) implements RoomEvent {}

  /**
   * A message's text was replaced by its author; the previous text stays in its history.
   * {@code revision} is 1 after the first edit. Once the message is deleted, the stored event's
   * {@code body} is null.
   */
  record MessageEdited(long room, long seq, long messageId, String body, UserRef editor, Instant editedAt,
      int revision) implements RoomEvent {}

  /** A message was deleted by its author, or redacted by a moderator ({@code redaction} true, with reason). */
  record MessageDeleted(long room, long seq, long messageId, UserRef by, boolean redaction, String reason,
      Instant deletedAt) implements RoomEvent {}

  /** A message was pinned or unpinned. */
  record MessagePinned(long room, long seq, long messageId, boolean pinned, UserRef by, Instant at) implements RoomEvent {}

  /** A notice from Quorate itself (a stage change, a decision result, published minutes). */
  record SystemNotice(long room, long seq, String kind, String text, Instant at) implements RoomEvent {}
  // ---- Meetings. Each meeting runs in its body's room; these events are that meeting's record.

  /** A meeting opened (or resumed: state open again), adjourned or closed, with the chair's reason if one was given. */
  record MeetingStateChanged(long room, long seq, long meetingId, String state, UserRef by, String reason, Instant at)
      implements RoomEvent {}

  /** The chair moved the meeting to an agenda item; {@code modification_room} is the linked Modification's room. */
  record AgendaMoved(long room, long seq, long meetingId, long itemId, int position, String title, String modificationId,
      Long modificationRoom, UserRef by, Instant at) implements RoomEvent {}

  /**
   * Someone joined or left a meeting, or the chair changed how they attend. {@code capacity} is member,
   * alternate, proxy, chair or guest; {@code on_behalf_of} is the member whose seat an alternate or proxy fills.
   */
  record AttendanceChanged(long room, long seq, long meetingId, UserRef attendee, boolean present, String mode,
      String capacity, UserRef onBehalfOf, String seat, UserRef by, Instant at) implements RoomEvent {}

  /**
   * The meeting's quoracy as the attendance now stands: {@code present} of {@code base} voting seats,
   * {@code required} needed, an explanation for people and the rule it applied.
   */
  record QuoracyChanged(long room, long seq, long meetingId, boolean quorate, int present, int base, int required,
      String explanation, String rule, Instant at) implements RoomEvent {}

  /**
   * The speaking queue after a change ({@code raised}, {@code lowered}, {@code reordered}, {@code given_floor},
   * {@code withdrawn}: its owner left or was removed), in speaking order; {@code reason} for a chair's reorder
   * or a withdrawal.
   */
  record SpeakingQueueChanged(long room, long seq, long meetingId, String change, List<QueueEntry> queue, UserRef by,
      String reason, Instant at) implements RoomEvent {}

  /** The floor was given ({@code holder}, until {@code ends_at} if a speaking time was set) or taken back ({@code holder} null). */
  record FloorChanged(long room, long seq, long meetingId, UserRef holder, Instant endsAt, UserRef by, String reason,
      Instant at) implements RoomEvent {}

  /**
   * A ruling of the chair, recorded with its reason: {@code reorder}, {@code mute}, {@code unmute},
   * {@code remove}, {@code early_close}, {@code room_locked}, {@code room_unlocked}, {@code chair_handover}.
   */
  record ChairRuling(long room, long seq, long meetingId, long rulingId, String kind, UserRef subject, String reason,
      UserRef by, Instant at) implements RoomEvent {}

  /** The chair called a vote on an agenda item; the electorate of {@code electorate} seats is frozen now. */
  record MeetingVoteOpened(long room, long seq, long meetingId, long voteId, Long itemId, String question,
      List<String> options, int electorate, UserRef by, Instant at) implements RoomEvent {}

  /** How many of the electorate have cast a ballot so far (never how anyone voted before the close). */
  record MeetingBallotCount(long room, long seq, long meetingId, long voteId, int cast, int electorate, Instant at)
      implements RoomEvent {}

  /** A meeting vote closed: the tally, the outcome, whether it was quorate and why, under which rule. */
  record MeetingVoteClosed(long room, long seq, long meetingId, long voteId, List<TallyCount> tally, String outcome,
      boolean quorate, String explanation, String rule, UserRef by, String reason, Instant at) implements RoomEvent {}

  /** A decision recorded on an agenda item, with its reason and the meeting vote it rests on, if any. */
  record MeetingDecisionRecorded(long room, long seq, long meetingId, long decisionId, Long itemId, String text,
      String reason, Long voteId, UserRef by, Instant at) implements RoomEvent {}

  /** An action recorded on an agenda item, owned by a user or a Party, due on a Working Day. */
  record ActionRecorded(long room, long seq, long meetingId, long actionId, int number, Long itemId, String text,
      UserRef ownerUser, PartyRef ownerParty, LocalDate dueDate, int dueWorkingDays, String status, UserRef by, Instant at)
      implements RoomEvent {}

  /** An action's status changed (open, done, dropped). */
  record ActionUpdated(long room, long seq, long meetingId, long actionId, int number, String status, String note,
      UserRef by, Instant at) implements RoomEvent {}

  /** A question from the floor; {@code asker} is null when the asker chose to be anonymous to other participants. */
  record QuestionSubmitted(long room, long seq, long meetingId, long questionId, String text, boolean anonymous,
      UserRef asker, Instant at) implements RoomEvent {}

  /** A question's up-vote count changed. */
  record QuestionUpvoted(long room, long seq, long meetingId, long questionId, int votes, Instant at) implements RoomEvent {}

  /** The chair took a question from the floor. */
  record QuestionTaken(long room, long seq, long meetingId, long questionId, UserRef by, Instant at) implements RoomEvent {}

  /** A meeting's minutes were published (Markdown), in the body's room and in each linked Modification's room. */
  record MinutesPublished(long room, long seq, long meetingId, String title, String markdown, UserRef by, Instant at)
      implements RoomEvent {}
}
