package org.quorate.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.List;

/**
 * Everything the server sends over {@code /ws}. {@link RoomEvent}s are stored and carry the room's
 * gap-free sequence number; the others are replies or ephemeral signals without one.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ServerEvent.Welcome.class, name = "welcome"),
  @JsonSubTypes.Type(value = ServerEvent.Ack.class, name = "ack"),
  @JsonSubTypes.Type(value = ServerEvent.Error.class, name = "error"),
  @JsonSubTypes.Type(value = ServerEvent.Subscribed.class, name = "subscribed"),
  @JsonSubTypes.Type(value = ServerEvent.ResyncRequired.class, name = "resync_required"),
  @JsonSubTypes.Type(value = ServerEvent.History.class, name = "history"),
  @JsonSubTypes.Type(value = ServerEvent.SearchResults.class, name = "search_results"),
  @JsonSubTypes.Type(value = ServerEvent.Presence.class, name = "presence"),
  @JsonSubTypes.Type(value = ServerEvent.PresenceChanged.class, name = "presence_changed"),
  @JsonSubTypes.Type(value = ServerEvent.TypingIndicator.class, name = "typing_indicator"),
  @JsonSubTypes.Type(value = ServerEvent.Notification.class, name = "notification"),
  @JsonSubTypes.Type(value = ServerEvent.ReadMarker.class, name = "read_marker"),
  @JsonSubTypes.Type(value = ServerEvent.AccessLost.class, name = "access_lost"),
  @JsonSubTypes.Type(value = ServerEvent.DecisionTally.class, name = "decision_tally"),
  @JsonSubTypes.Type(value = RoomEvent.MessagePosted.class, name = "message_posted"),
  @JsonSubTypes.Type(value = RoomEvent.MessageEdited.class, name = "message_edited"),
  @JsonSubTypes.Type(value = RoomEvent.MessageDeleted.class, name = "message_deleted"),
  @JsonSubTypes.Type(value = RoomEvent.MessagePinned.class, name = "message_pinned"),
  @JsonSubTypes.Type(value = RoomEvent.SystemNotice.class, name = "system_notice"),
  @JsonSubTypes.Type(value = DecisionEvent.DecisionOpened.class, name = "decision_opened"),
  @JsonSubTypes.Type(value = DecisionEvent.BallotCast.class, name = "ballot_cast"),
  @JsonSubTypes.Type(value = DecisionEvent.BallotReceived.class, name = "ballot_received"),
  @JsonSubTypes.Type(value = DecisionEvent.DecisionChanged.class, name = "decision_changed"),
  @JsonSubTypes.Type(value = DecisionEvent.DecisionClosed.class, name = "decision_closed"),
  @JsonSubTypes.Type(value = RoomEvent.MeetingStateChanged.class, name = "meeting_state_changed"),
  @JsonSubTypes.Type(value = RoomEvent.AgendaMoved.class, name = "agenda_moved"),
  @JsonSubTypes.Type(value = RoomEvent.AttendanceChanged.class, name = "attendance_changed"),
  @JsonSubTypes.Type(value = RoomEvent.QuoracyChanged.class, name = "quoracy_changed"),
  @JsonSubTypes.Type(value = RoomEvent.SpeakingQueueChanged.class, name = "speaking_queue_changed"),
  @JsonSubTypes.Type(value = RoomEvent.FloorChanged.class, name = "floor_changed"),
  @JsonSubTypes.Type(value = RoomEvent.ChairRuling.class, name = "chair_ruling"),
  @JsonSubTypes.Type(value = RoomEvent.MeetingVoteOpened.class, name = "meeting_vote_opened"),
  @JsonSubTypes.Type(value = RoomEvent.MeetingBallotCount.class, name = "meeting_ballot_count"),
  @JsonSubTypes.Type(value = RoomEvent.MeetingVoteClosed.class, name = "meeting_vote_closed"),
  @JsonSubTypes.Type(value = RoomEvent.MeetingDecisionRecorded.class, name = "meeting_decision_recorded"),
  @JsonSubTypes.Type(value = RoomEvent.ActionRecorded.class, name = "action_recorded"),
  @JsonSubTypes.Type(value = RoomEvent.ActionUpdated.class, name = "action_updated"),
  @JsonSubTypes.Type(value = RoomEvent.QuestionSubmitted.class, name = "question_submitted"),
  @JsonSubTypes.Type(value = RoomEvent.QuestionUpvoted.class, name = "question_upvoted"),
  @JsonSubTypes.Type(value = RoomEvent.QuestionTaken.class, name = "question_taken"),
  @JsonSubTypes.Type(value = RoomEvent.MinutesPublished.class, name = "minutes_published"),
})
public sealed interface ServerEvent permits ServerEvent.Welcome, ServerEvent.Ack, ServerEvent.Error,
    ServerEvent.Subscribed, ServerEvent.ResyncRequired, ServerEvent.History, ServerEvent.SearchResults,
    ServerEvent.Presence, ServerEvent.PresenceChanged, ServerEvent.TypingIndicator, ServerEvent.Notification, ServerEvent.ReadMarker,
    ServerEvent.AccessLost, ServerEvent.DecisionTally, RoomEvent {

  /**
   * The connection is signed in: the first message when the token came on the upgrade request,
   * else right after the {@code ack} of {@code authenticate}.
   */
  record Welcome(int protocolVersion, UserRef user, Instant serverTime) implements ServerEvent {}

  /**
   * A command succeeded and is durable (sent only after its transaction committed). For writes,
   * {@code seq} is the room event it produced and {@code message_id} the message it made or changed;
   * for {@code mark_read}, {@code seq} is the read marker; {@code authenticate} sets neither room nor
   * seq. {@code duplicate} is true when this answers a retry of an already-applied command.
   */
  record Ack(String id, Long room, Long seq, Long messageId, boolean duplicate, Receipt receipt) implements ServerEvent {
    /** An ack without a ledger receipt (every command but a ballot's). */
    public Ack(String id, Long room, Long seq, Long messageId, boolean duplicate) {
      this(id, room, seq, messageId, duplicate, null);
    }
  }

  /**
   * A command failed; nothing was changed. {@code field} names the offending field for
   * {@code invalid}; {@code id} is null when the frame had no readable id.
   */
  record Error(String id, ErrorCode code, String message, String field) implements ServerEvent {}

  /** Subscription is live; every event up to {@code last_seq} has been delivered before this. */
  record Subscribed(String id, long room, long lastSeq) implements ServerEvent {}

  /**
   * The resume point cannot be served (never issued, or older than the server replays): drop local
   * state for the room and start from this snapshot of its most recent events, oldest first;
   * {@code subscribed} and live events follow.
   */
  record ResyncRequired(String id, long room, String reason, long lastSeq, List<RoomEvent> recent) implements ServerEvent {}

  /** A page of history, oldest first; {@code has_more} when older events exist. */
  record History(String id, long room, List<RoomEvent> events, boolean hasMore) implements ServerEvent {}

  /** One search hit: where the message is and a short excerpt. */
  record SearchHit(long room, String roomName, long messageId, long seq, UserRef author, String excerpt, Instant createdAt) {}

  record SearchResults(String id, List<SearchHit> hits) implements ServerEvent {}

  /**
   * Who is online in a room now, on any node: the full list, each user once across all their
   * connections. Sent only to a connection that subscribes; changes follow as {@link PresenceChanged}. Ephemeral.
   */
  record Presence(long room, List<UserRef> online) implements ServerEvent {}

  /** One user came online in the room or left it (their last connection, on any node, went). Ephemeral. */
  record PresenceChanged(long room, UserRef user, Change change) implements ServerEvent {
    public enum Change {
      JOINED("joined"), LEFT("left");

      private final String wire;

      Change(String wire) {
        this.wire = wire;
      }

      @com.fasterxml.jackson.annotation.JsonValue
      public String wire() {
        return wire;
      }
    }
  }
  /**
   * The running tally of a decision as of room seq {@code throughSeq}, sent at most every ~150 ms while
   * ballots arrive and once after the last. Ephemeral. {@code tally} is null while ballots are sealed.
   */
  record DecisionTally(long room, long decisionId, long throughSeq, DecisionViews.Tally tally, DecisionViews.Quoracy quoracy)
      implements ServerEvent {}

  /** Someone else is typing in a room. Ephemeral; clients show it for a few seconds. */
  record TypingIndicator(long room, UserRef user) implements ServerEvent {}

  /**
   * Something the user asked to hear about: {@code mention}, {@code new_thread} in a followed room,
   * or (decisions) {@code decision_opened}, {@code decision_closed}, {@code ballot_reminder}, {@code ballot_needed};
   * {@code chair_ruling} (a ruling about the user).
   */
  record Notification(String kind, long room, Long seq, Long messageId, UserRef from, String excerpt, Instant at) implements ServerEvent {}

  /**
   * The user's read marker moved; sent to every connection of the user, the one that moved it
   * included. {@code unread} counts messages after the marker by others, not deleted.
   */
  record ReadMarker(long room, long seq, long unread) implements ServerEvent {}

  /**
   * The user may no longer read a room this connection was subscribed to (a role, Party, membership,
   * appointment or meeting changed): the subscription has ended and no further event of the room
   * follows. Subscribing again is refused with {@code not_authorised} while access stays lost.
   */
  record AccessLost(long room, String reason) implements ServerEvent {}
}
