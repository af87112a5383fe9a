package org.quorate.protocol;

import java.time.Instant;
import java.util.List;

/**
 * A stored event of a room, numbered by the room's gap-free sequence in commit order. Replays and
 * history pages send exactly these, so a client that applies them in {@code seq} order converges.
 */
public sealed interface RoomEvent extends ServerEvent permits RoomEvent.MessagePosted, RoomEvent.MessageEdited,
    RoomEvent.MessageDeleted, RoomEvent.MessagePinned, RoomEvent.SystemNotice, DecisionEvent {
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
}
