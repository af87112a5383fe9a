package org.quorate.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

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
})
public sealed interface ClientCommand permits ClientCommand.Authenticate, ClientCommand.Subscribe,
    ClientCommand.Unsubscribe, ClientCommand.PostMessage, ClientCommand.EditMessage, ClientCommand.DeleteMessage,
    ClientCommand.PinMessage, ClientCommand.Typing, ClientCommand.MarkRead, ClientCommand.FetchHistory,
    ClientCommand.Search, ClientCommand.Follow, DecisionCommand {

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
}
