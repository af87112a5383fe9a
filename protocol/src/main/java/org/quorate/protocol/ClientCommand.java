package org.quorate.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Set;

/**
 * Everything a client may send over {@code /ws}. Every command except {@code typing} carries a
 * client-chosen {@code id}: the server echoes it in the {@code ack} or {@code error}, and a retried
 * write with the same id (same user) returns the original result instead of acting twice.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ClientCommand.Authenticate.class, name = "authenticate"),
  @JsonSubTypes.Type(value = ClientCommand.Subscribe.class, name = "subscribe"),
  @JsonSubTypes.Type(value = ClientCommand.Unsubscribe.class, name = "unsubscribe"),
  @JsonSubTypes.Type(value = ClientCommand.PostMessage.class, name = "post_message"),
  @JsonSubTypes.Type(value = ClientCommand.EditMessage.class, name = "edit_message"),
  @JsonSubTypes.Type(value = ClientCommand.DeleteMessage.class, name = "delete_message"),
  @JsonSubTypes.Type(value = ClientCommand.PinMessage.class, name = "pin_message"),
  @JsonSubTypes.Type(value = ClientCommand.Typing.class, name = "typing"),
  @JsonSubTypes.Type(value = ClientCommand.MarkRead.class, name = "mark_read"),
  @JsonSubTypes.Type(value = ClientCommand.FetchHistory.class, name = "fetch_history"),
  @JsonSubTypes.Type(value = ClientCommand.Search.class, name = "search"),
  @JsonSubTypes.Type(value = ClientCommand.Follow.class, name = "follow"),
  @JsonSubTypes.Type(value = DecisionCommand.OpenDecision.class, name = "open_decision"),
  @JsonSubTypes.Type(value = DecisionCommand.CastBallot.class, name = "cast_ballot"),
  @JsonSubTypes.Type(value = DecisionCommand.WithdrawBallot.class, name = "withdraw_ballot"),
  @JsonSubTypes.Type(value = DecisionCommand.ChangeDecision.class, name = "change_decision"),
  @JsonSubTypes.Type(value = DecisionCommand.Recuse.class, name = "recuse"),
  @JsonSubTypes.Type(value = DecisionCommand.CastingVote.class, name = "casting_vote"),
  @JsonSubTypes.Type(value = ClientCommand.JoinMeeting.class, name = "join_meeting"),
  @JsonSubTypes.Type(value = ClientCommand.LeaveMeeting.class, name = "leave_meeting"),
  @JsonSubTypes.Type(value = ClientCommand.MarkAttendance.class, name = "mark_attendance"),
  @JsonSubTypes.Type(value = ClientCommand.SetMeetingState.class, name = "set_meeting_state"),
  @JsonSubTypes.Type(value = ClientCommand.MoveAgenda.class, name = "move_agenda"),
  @JsonSubTypes.Type(value = ClientCommand.RaiseHand.class, name = "raise_hand"),
  @JsonSubTypes.Type(value = ClientCommand.LowerHand.class, name = "lower_hand"),
  @JsonSubTypes.Type(value = ClientCommand.GiveFloor.class, name = "give_floor"),
  @JsonSubTypes.Type(value = ClientCommand.TakeFloorBack.class, name = "take_floor_back"),
  @JsonSubTypes.Type(value = ClientCommand.ReorderQueue.class, name = "reorder_queue"),
  @JsonSubTypes.Type(value = ClientCommand.MuteParticipant.class, name = "mute_participant"),
  @JsonSubTypes.Type(value = ClientCommand.RemoveParticipant.class, name = "remove_participant"),
  @JsonSubTypes.Type(value = ClientCommand.LockMeetingRoom.class, name = "lock_meeting_room"),
  @JsonSubTypes.Type(value = ClientCommand.HandOverChair.class, name = "hand_over_chair"),
  @JsonSubTypes.Type(value = ClientCommand.CallMeetingVote.class, name = "call_meeting_vote"),
  @JsonSubTypes.Type(value = ClientCommand.CastMeetingBallot.class, name = "cast_meeting_ballot"),
  @JsonSubTypes.Type(value = ClientCommand.CloseMeetingVote.class, name = "close_meeting_vote"),
  @JsonSubTypes.Type(value = ClientCommand.RecordDecision.class, name = "record_decision"),
  @JsonSubTypes.Type(value = ClientCommand.RecordAction.class, name = "record_action"),
  @JsonSubTypes.Type(value = ClientCommand.UpdateAction.class, name = "update_action"),
  @JsonSubTypes.Type(value = ClientCommand.SubmitQuestion.class, name = "submit_question"),
  @JsonSubTypes.Type(value = ClientCommand.UpvoteQuestion.class, name = "upvote_question"),
  @JsonSubTypes.Type(value = ClientCommand.TakeQuestion.class, name = "take_question"),
})
public sealed interface ClientCommand permits ClientCommand.Authenticate, ClientCommand.Subscribe, ClientCommand.Unsubscribe, ClientCommand.PostMessage, ClientCommand.EditMessage, ClientCommand.DeleteMessage, ClientCommand.PinMessage, ClientCommand.Typing, ClientCommand.MarkRead, ClientCommand.FetchHistory, ClientCommand.Search, ClientCommand.Follow, ClientCommand.JoinMeeting, ClientCommand.LeaveMeeting, ClientCommand.MarkAttendance, ClientCommand.SetMeetingState, ClientCommand.MoveAgenda, ClientCommand.RaiseHand, ClientCommand.LowerHand, ClientCommand.GiveFloor, ClientCommand.TakeFloorBack, ClientCommand.ReorderQueue, ClientCommand.MuteParticipant, ClientCommand.RemoveParticipant, ClientCommand.LockMeetingRoom, ClientCommand.HandOverChair, ClientCommand.CallMeetingVote, ClientCommand.CastMeetingBallot, ClientCommand.CloseMeetingVote, ClientCommand.RecordDecision, ClientCommand.RecordAction, ClientCommand.UpdateAction, ClientCommand.SubmitQuestion, ClientCommand.UpvoteQuestion, ClientCommand.TakeQuestion, DecisionCommand {

  /** The client's command id, echoed in the reply; null only for {@code typing}. */
  String id();

  /**
   * Signs the connection in when the token was not sent on the upgrade request. Must come first;
   * answered with {@code ack}, then {@code welcome}.
   */
  record Authenticate(String id, String token, int protocolVersion) implements ClientCommand {
    public Authenticate {
      ProtocolViolation.commandId(id);
      ProtocolViolation.text(token, "token", 200);
    }
  }

  /**
   * Starts receiving a room's events. With {@code since_seq}, first replays every event after it
   * (exactly once, in order), then live ones; a resume point the server cannot serve gets
   * {@code resync_required}. Without it, only live events. Answered with {@code subscribed}.
   */
  record Subscribe(String id, Long room, Long sinceSeq) implements ClientCommand {
    public Subscribe {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(room, "room");
      if (sinceSeq != null && sinceSeq < 0) {
        throw new ProtocolViolation("since_seq", "since_seq must not be negative");
      }
    }
  }

  /** Stops receiving a room's events on this connection. */
  record Unsubscribe(String id, Long room) implements ClientCommand {
    public Unsubscribe {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(room, "room");
    }
  }

  /** Posts a message (Markdown subset, stored as text); with {@code thread_root}, a reply in that thread. */
  record PostMessage(String id, Long room, String body, Long threadRoot, List<Mention> mentions) implements ClientCommand {
    public PostMessage {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(room, "room");
      ProtocolViolation.text(body, "body", Protocol.MAX_MESSAGE_BODY);
      mentions = mentions == null ? List.of() : List.copyOf(mentions);
      if (mentions.size() > 50) {
        throw new ProtocolViolation("mentions", "at most 50 mentions");
      }
    }
  }

  /** Replaces the text of one's own message; earlier versions are kept as history. */
  record EditMessage(String id, Long room, Long messageId, String body) implements ClientCommand {
    public EditMessage {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(room, "room");
      ProtocolViolation.positive(messageId, "message_id");
      ProtocolViolation.text(body, "body", Protocol.MAX_MESSAGE_BODY);
    }
  }

  /**
   * Deletes one's own message ({@code reason} optional), or (moderators) redacts someone else's
   * ({@code reason} required). A tombstone stays in the history in both cases.
   */
  record DeleteMessage(String id, Long room, Long messageId, String reason) implements ClientCommand {
    public DeleteMessage {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(room, "room");
      ProtocolViolation.positive(messageId, "message_id");
      if (reason != null && reason.length() > Protocol.MAX_REASON) {
        throw new ProtocolViolation("reason", "reason must be at most " + Protocol.MAX_REASON + " characters");
      }
    }
  }

  /** Pins or unpins a message (moderators and chairs). */
  record PinMessage(String id, Long room, Long messageId, Boolean pinned) implements ClientCommand {
    public PinMessage {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(room, "room");
      ProtocolViolation.positive(messageId, "message_id");
      ProtocolViolation.required(pinned, "pinned");
    }
  }

  /**
   * An ephemeral "is typing" signal; never stored, never acknowledged. Its {@code id} is optional and
   * only echoed in an {@code error}.
   */
  record Typing(String id, Long room) implements ClientCommand {
    public Typing {
      ProtocolViolation.positive(room, "room");
    }
  }

  /**
   * Moves the user's read marker in a room forward to {@code seq}; a lower one leaves it where it is
   * (never backwards). Acknowledged with the marker as {@code seq}.
   */
  record MarkRead(String id, Long room, Long seq) implements ClientCommand {
    public MarkRead {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(room, "room");
      ProtocolViolation.required(seq, "seq");
    }
  }

  /**
   * A page of history before {@code before_seq} (exclusive; null = from the newest), newest last;
   * {@code limit} defaults to 50.
   */
  record FetchHistory(String id, Long room, Long beforeSeq, Integer limit) implements ClientCommand {
    public FetchHistory {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(room, "room");
      if (limit != null && (limit < 1 || limit > Protocol.MAX_HISTORY_PAGE)) {
        throw new ProtocolViolation("limit", "limit must be between 1 and " + Protocol.MAX_HISTORY_PAGE);
      }
    }
  }

  /**
   * Full-text search over the messages the user may read, optionally within a room or by an author.
   * The server brings {@code limit} into 1–100 (default 20) rather than refusing it.
   */
  record Search(String id, String query, Long room, Long author, Integer limit) implements ClientCommand {
    public Search {
      ProtocolViolation.commandId(id);
      ProtocolViolation.text(query, "query", 200);
    }
  }

  /** Follows (or stops following) a room, to be notified of its new threads and decisions. */
  record Follow(String id, Long room, Boolean following) implements ClientCommand {
    public Follow {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(room, "room");
      ProtocolViolation.required(following, "following");
    }
  }
  // ---- Meetings (virtual chairing). Chair powers are refused with not_authorised for anyone but the
  // meeting's acting chair; every write is acknowledged only after commit and is retry-safe by id.

  /** Attendance modes: taking part remotely, or present in the meeting room (the chair can mark this). */
  Set<String> ATTENDANCE_MODES = Set.of("remote", "in_room");

  /**
   * Joins a meeting's attendance register. With {@code on_behalf_of}, joins as the alternate or proxy
   * appointed for that member's seat at this meeting.
   */
  record JoinMeeting(String id, Long meeting, String mode, Long onBehalfOf) implements ClientCommand {
    public JoinMeeting {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(meeting, "meeting");
      mode = mode == null ? "remote" : ProtocolViolation.oneOf(mode, "mode", ATTENDANCE_MODES);
    }
  }

  /** Leaves a meeting (the attendance register keeps the time). */
  record LeaveMeeting(String id, Long meeting) implements ClientCommand {
    public LeaveMeeting {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(meeting, "meeting");
    }
  }

  /** Chair: marks a participant present (in the room or remote) or no longer present. */
  record MarkAttendance(String id, Long meeting, Long user, Boolean present, String mode) implements ClientCommand {
    public MarkAttendance {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(meeting, "meeting");
      ProtocolViolation.positive(user, "user");
      ProtocolViolation.required(present, "present");
      mode = mode == null ? "in_room" : ProtocolViolation.oneOf(mode, "mode", ATTENDANCE_MODES);
    }
  }

  /**
   * Chair: opens (or resumes), adjourns or closes the meeting. Adjourning while quorate, and closing
   * before the last agenda item, need a {@code reason} (recorded as a ruling).
   */
  record SetMeetingState(String id, Long meeting, String state, String reason) implements ClientCommand {
    public SetMeetingState {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(meeting, "meeting");
      ProtocolViolation.oneOf(state, "state", Set.of("open", "adjourned", "closed"));
      reason = ProtocolViolation.optionalText(reason, "reason", Protocol.MAX_REASON);
    }
  }

  /** Chair: moves the meeting to an agenda item. */
  record MoveAgenda(String id, Long meeting, Long item) implements ClientCommand {
    public MoveAgenda {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(meeting, "meeting");
      ProtocolViolation.positive(item, "item");
    }
  }

  /** Raises one's hand to speak; a point of order goes to the top of the queue. */
  record RaiseHand(String id, Long meeting, Boolean pointOfOrder) implements ClientCommand {
    public RaiseHand {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(meeting, "meeting");
      pointOfOrder = pointOfOrder != null && pointOfOrder;
    }
  }

  /** Lowers one's own raised hand. */
  record LowerHand(String id, Long meeting) implements ClientCommand {
    public LowerHand {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(meeting, "meeting");
    }
  }

  /**
   * Chair: gives the floor to {@code user} (or, when null, to the head of the queue), optionally for
   * {@code speaking_seconds}.
   */
  record GiveFloor(String id, Long meeting, Long user, Integer speakingSeconds) implements ClientCommand {
    public GiveFloor {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(meeting, "meeting");
      if (speakingSeconds != null && (speakingSeconds < 10 || speakingSeconds > 3600)) {
        throw new ProtocolViolation("speaking_seconds", "speaking_seconds must be between 10 and 3600");
      }
    }
  }

  /** Chair: takes the floor back from whoever holds it. */
  record TakeFloorBack(String id, Long meeting, String reason) implements ClientCommand {
    public TakeFloorBack {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(meeting, "meeting");
      reason = ProtocolViolation.optionalText(reason, "reason", Protocol.MAX_REASON);
    }
  }

  /** Chair: moves a waiting speaker to {@code position} (1 = next), a ruling that needs a reason. */
  record ReorderQueue(String id, Long meeting, Long user, Integer position, String reason) implements ClientCommand {
    public ReorderQueue {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(meeting, "meeting");
      ProtocolViolation.positive(user, "user");
      ProtocolViolation.required(position, "position");
      if (position < 1) {
        throw new ProtocolViolation("position", "position must be at least 1");
      }
      ProtocolViolation.text(reason, "reason", Protocol.MAX_REASON);
    }
  }

  /** Chair: stops (or, with muted false, allows again) a participant's posting in the meeting room. */
  record MuteParticipant(String id, Long meeting, Long user, Boolean muted, String reason) implements ClientCommand {
    public MuteParticipant {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(meeting, "meeting");
      ProtocolViolation.positive(user, "user");
      ProtocolViolation.required(muted, "muted");
      reason = muted ? ProtocolViolation.text(reason, "reason", Protocol.MAX_REASON)
          : ProtocolViolation.optionalText(reason, "reason", Protocol.MAX_REASON);
    }
  }

  /** Chair: removes a participant for the rest of the meeting (they cannot rejoin or post in its room). */
  record RemoveParticipant(String id, Long meeting, Long user, String reason) implements ClientCommand {
    public RemoveParticipant {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(meeting, "meeting");
      ProtocolViolation.positive(user, "user");
      ProtocolViolation.text(reason, "reason", Protocol.MAX_REASON);
    }
  }

  /** Chair: while locked, only the body's members (and the meeting's chairs and appointed delegates) may join and post. */
  record LockMeetingRoom(String id, Long meeting, Boolean locked, String reason) implements ClientCommand {
    public LockMeetingRoom {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(meeting, "meeting");
      ProtocolViolation.required(locked, "locked");
      reason = ProtocolViolation.optionalText(reason, "reason", Protocol.MAX_REASON);
    }
  }

  /**
   * Hands the chair to {@code to} (the body chair, a co-chair or a SECAS moderator). The acting chair
   * hands over; any other eligible person may also take the chair themselves ({@code to} = self).
   */
  record HandOverChair(String id, Long meeting, Long to, String reason) implements ClientCommand {
    public HandOverChair {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(meeting, "meeting");
      ProtocolViolation.positive(to, "to");
      reason = ProtocolViolation.optionalText(reason, "reason", Protocol.MAX_REASON);
    }
  }

  /**
   * Chair: calls a vote on an agenda item; the electorate is frozen when it opens. {@code options}
   * default to approve, reject, abstain.
   */
  record CallMeetingVote(String id, Long meeting, Long item, String question, List<String> options) implements ClientCommand {
    public CallMeetingVote {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(meeting, "meeting");
      ProtocolViolation.positive(item, "item");
      ProtocolViolation.text(question, "question", 1_000);
      options = options == null || options.isEmpty() ? List.of("approve", "reject", "abstain") : List.copyOf(options);
      if (options.size() < 2 || options.size() > 10 || options.stream().distinct().count() != options.size()) {
        throw new ProtocolViolation("options", "options must be 2 to 10 distinct choices");
      }
      options.forEach(o -> ProtocolViolation.text(o, "options", 100));
    }
  }

  /** Casts (or changes, until the close) one's ballot in a meeting vote. */
  record CastMeetingBallot(String id, Long meeting, Long vote, String choice, String reason) implements ClientCommand {
    public CastMeetingBallot {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(meeting, "meeting");
      ProtocolViolation.positive(vote, "vote");
      ProtocolViolation.text(choice, "choice", 100);
      reason = ProtocolViolation.optionalText(reason, "reason", Protocol.MAX_REASON);
    }
  }

  /** Chair: closes a meeting vote and announces its result. */
  record CloseMeetingVote(String id, Long meeting, Long vote, String reason) implements ClientCommand {
    public CloseMeetingVote {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(meeting, "meeting");
      ProtocolViolation.positive(vote, "vote");
      reason = ProtocolViolation.optionalText(reason, "reason", Protocol.MAX_REASON);
    }
  }

  /** Chair or minute-taker: records a decision on the current agenda item, optionally citing a meeting vote. */
  record RecordDecision(String id, Long meeting, String text, String reason, Long vote) implements ClientCommand {
    public RecordDecision {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(meeting, "meeting");
      ProtocolViolation.text(text, "text", 4_000);
      reason = ProtocolViolation.optionalText(reason, "reason", Protocol.MAX_REASON);
    }
  }

  /**
   * Chair or minute-taker: records an action on the current agenda item, owned by a user or a Party,
   * due in {@code due_working_days} Working Days.
   */
  record RecordAction(String id, Long meeting, String text, Long ownerUser, Long ownerParty, Integer dueWorkingDays)
      implements ClientCommand {
    public RecordAction {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(meeting, "meeting");
      ProtocolViolation.text(text, "text", 4_000);
      if ((ownerUser == null) == (ownerParty == null)) {
        throw new ProtocolViolation("owner_user", "name exactly one owner: owner_user or owner_party");
      }
      ProtocolViolation.required(dueWorkingDays, "due_working_days");
      if (dueWorkingDays < 0 || dueWorkingDays > 260) {
        throw new ProtocolViolation("due_working_days", "due_working_days must be between 0 and 260");
      }
    }
  }

  /** An action's owner (or the chair) sets its status: open, done or dropped. */
  record UpdateAction(String id, Long action, String status, String note) implements ClientCommand {
    public UpdateAction {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(action, "action");
      ProtocolViolation.oneOf(status, "status", Set.of("open", "done", "dropped"));
      note = ProtocolViolation.optionalText(note, "note", Protocol.MAX_REASON);
    }
  }

  /** Submits a question to the chair; {@code anonymous} hides the asker from other participants (never from the record). */
  record SubmitQuestion(String id, Long meeting, String text, Boolean anonymous) implements ClientCommand {
    public SubmitQuestion {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(meeting, "meeting");
      ProtocolViolation.text(text, "text", 2_000);
      anonymous = anonymous != null && anonymous;
    }
  }

  /** Up-votes someone else's open question (once). */
  record UpvoteQuestion(String id, Long meeting, Long question) implements ClientCommand {
    public UpvoteQuestion {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(meeting, "meeting");
      ProtocolViolation.positive(question, "question");
    }
  }

  /** Chair: takes a question (or, when null, the open question with most up-votes, earliest first). */
  record TakeQuestion(String id, Long meeting, Long question) implements ClientCommand {
    public TakeQuestion {
      ProtocolViolation.commandId(id);
      ProtocolViolation.positive(meeting, "meeting");
    }
  }
}
