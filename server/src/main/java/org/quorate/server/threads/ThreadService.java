package org.quorate.server.threads;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.List;
import org.quorate.protocol.ClientCommand;
import org.quorate.protocol.RoomEvent;
import org.quorate.protocol.UserRef;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.DomainException;
import org.quorate.server.notifications.NotificationService;
import org.quorate.server.rooms.RoomAccess;
import org.quorate.server.rooms.RoomEventLog;
import org.quorate.server.rooms.RoomEventLog.Outcome;
import org.quorate.server.rooms.RoomEventStore;
import org.quorate.server.rooms.RoomService;
import org.quorate.server.rooms.WriteBatcher;
import org.quorate.server.threads.MessageStore.Message;

/**
 * Threaded discussion: post, reply, edit with history, delete or redact with a tombstone, pin.
 * Every change is a room event written through {@link RoomEventLog}: de-duplicated, sequenced,
 * acknowledged only after commit.
 */
public final class ThreadService {
  private final Pool pool;
  private final RoomService rooms;
  private final RoomEventLog log;
  private final RoomEventStore events;
  private final MessageStore messages;
  private final NotificationService notifications;
  private final PostingGate gate;
  private final WriteBatcher<PostBatch.Post> posts;

  /** Posts per transaction at most; a few hundred keep each statement's arrays small. */
  static final int MAX_BATCH = 256;
  /** Batches written at once: one commits while the next reads and checks. */
  static final int BATCHES_IN_FLIGHT = 2;

  public ThreadService(Vertx vertx, Pool pool, RoomService rooms, RoomEventLog log, RoomEventStore events, MessageStore messages,
      NotificationService notifications, PostingGate gate) {
    this.pool = pool;
    this.rooms = rooms;
    this.log = log;
    this.events = events;
    this.messages = messages;
    this.notifications = notifications;
    this.gate = gate;
    this.posts = new WriteBatcher<>(vertx, new PostBatch(log, messages, notifications, gate), PostBatch.Post::key,
        MAX_BATCH, BATCHES_IN_FLIGHT);
  }

  /**
   * Posts and replies go through group commit ({@link PostBatch}): many per transaction, each
   * acknowledged only after its batch commits.
   */
  public Future<Outcome> post(Principal user, ClientCommand.PostMessage cmd) {
    return posts.submit(new PostBatch.Post(user, cmd));
  }

  public Future<Outcome> edit(Principal user, ClientCommand.EditMessage cmd) {
    return rooms.open(user, cmd.room()).compose(o -> {
      RoomAccess.requirePost(user, o.room(), o.standing());
      return log.write(user.userId(), cmd.id(), cmd.room(), tx -> messages.lock(tx.conn(), cmd.room(), cmd.messageId())
          .compose(old -> {
            if (old.authorId() != user.userId()) {
              return Future.failedFuture(DomainException.notAuthorised("only the author may edit a message"));
            }
            if (old.deleted()) {
              return Future.failedFuture(DomainException.conflict("message " + old.id() + " was deleted"));
            }
            return messages.edit(tx.conn(), old, cmd.body(), user.userId())
                .compose(v -> tx.append(cmd.room(), seq -> new RoomEvent.MessageEdited(cmd.room(), seq, old.id(), cmd.body(),
                    ref(user), Instant.now(), old.revision() + 1)))
                .map(e -> new Outcome(cmd.room(), e.seq(), old.id(), false));
          }));
    });
  }

  /**
   * Authors delete their own messages; moderators redact anyone's, with a reason. Either way the
   * text leaves the stored history (the posted and edited events become tombstones) and a
   * {@code message_deleted} event tells everyone.
   */
  public Future<Outcome> delete(Principal user, ClientCommand.DeleteMessage cmd) {
    return rooms.open(user, cmd.room()).compose(o -> {
      RoomAccess.requireRead(user, o.room(), o.standing());
      return log.write(user.userId(), cmd.id(), cmd.room(), tx -> messages.lock(tx.conn(), cmd.room(), cmd.messageId())
          .compose(old -> {
            boolean own = old.authorId() == user.userId();
            boolean moderator = RoomAccess.canModerate(user, o.room(), o.standing());
            if (!own && !moderator) {
              return Future.failedFuture(DomainException.notAuthorised("only the author or a moderator may delete a message"));
            }
            boolean redaction = !own;
            if (redaction && (cmd.reason() == null || cmd.reason().isBlank())) {
              return Future.failedFuture(DomainException.invalid("reason", "a redaction needs a reason"));
            }
            if (old.deleted()) {
              return Future.failedFuture(DomainException.conflict("message " + old.id() + " is already deleted"));
            }
            return messages.delete(tx.conn(), old, user.userId(), redaction, cmd.reason())
                .compose(v -> tombstone(tx, old))
                .compose(v -> notifications.blankExcerpts(tx.conn(), cmd.room(), old.id()))
                .compose(v -> tx.append(cmd.room(), seq -> new RoomEvent.MessageDeleted(cmd.room(), seq, old.id(), ref(user),
                    redaction, cmd.reason(), Instant.now())))
                .map(e -> new Outcome(cmd.room(), e.seq(), old.id(), false));
          }));
    });
  }

  private Future<Void> tombstone(RoomEventLog.Tx tx, Message old) {
    return events.ofTypeForMessage(tx.conn(), old.roomId(), "message_posted", old.id())
        .compose(posted -> {
          Future<Void> chain = Future.succeededFuture();
          for (RoomEventStore.StoredEvent s : posted) {
            RoomEvent.MessagePosted p = (RoomEvent.MessagePosted) s.decode();
            chain = chain.compose(v -> events.replace(tx.conn(), p.room(), p.seq(), new RoomEvent.MessagePosted(p.room(), p.seq(),
                p.messageId(), p.author(), null, p.threadRoot(), List.of(), p.createdAt(), true)));
          }
          return chain;
        })
        .compose(v -> events.ofTypeForMessage(tx.conn(), old.roomId(), "message_edited", old.id()))
        .compose(edits -> {
          Future<Void> chain = Future.succeededFuture();
          for (RoomEventStore.StoredEvent s : edits) {
            RoomEvent.MessageEdited e = (RoomEvent.MessageEdited) s.decode();
            chain = chain.compose(v -> events.replace(tx.conn(), e.room(), e.seq(), new RoomEvent.MessageEdited(e.room(), e.seq(),
                e.messageId(), null, e.editor(), e.editedAt(), e.revision())));
          }
          return chain;
        });
  }

  public Future<Outcome> pin(Principal user, ClientCommand.PinMessage cmd) {
    return rooms.open(user, cmd.room()).compose(o -> (RoomAccess.canModerate(user, o.room(), o.standing())
        ? Future.succeededFuture(true) : gate.grantsPin(pool, o.room(), user)).compose(allowed -> {
      if (!allowed) {
        RoomAccess.requireModerate(user, o.room(), o.standing());
      }
      return log.write(user.userId(), cmd.id(), cmd.room(), tx -> messages.lock(tx.conn(), cmd.room(), cmd.messageId())
          .compose(old -> messages.pin(tx.conn(), old.id(), cmd.pinned()))
          .compose(v -> tx.append(cmd.room(), seq -> new RoomEvent.MessagePinned(cmd.room(), seq, cmd.messageId(), cmd.pinned(),
              ref(user), Instant.now())))
          .map(e -> new Outcome(cmd.room(), e.seq(), cmd.messageId(), false)));
    }));
  }

  /** A message with its thread and (unless deleted) its edit history. */
  public record MessageView(Message message, List<MessageStore.Revision> revisions, List<Message> replies) {}

  public Future<MessageView> message(Principal user, long roomId, long messageId) {
    return rooms.openForRead(user, roomId).compose(o -> messages.get(pool, roomId, messageId).compose(m -> {
      Future<List<MessageStore.Revision>> revisions = m.deleted() && !user.isSecas()
          ? Future.succeededFuture(List.of()) : messages.revisions(pool, messageId);
      long root = m.threadRootId() != null ? m.threadRootId() : m.id();
      return revisions.compose(r -> messages.replies(pool, roomId, root).map(replies -> new MessageView(m, r, replies)));
    }));
  }

  public Future<List<MessageStore.ThreadSummary>> threads(Principal user, long roomId, int limit) {
    return rooms.openForRead(user, roomId).compose(o -> messages.threads(pool, roomId, limit));
  }

  public Future<List<MessageStore.Hit>> search(Principal user, String query, Long room, Long author, int limit) {
    if (query == null || query.isBlank()) {
      return Future.failedFuture(DomainException.invalid("q", "is required"));
    }
    return rooms.list(user).compose(visible -> {
      List<Long> ids = visible.stream().map(RoomService.RoomSummary::id).toList();
      if (room != null && !ids.contains(room)) {
        return Future.failedFuture(DomainException.notAuthorised("you may not read room " + room));
      }
      return messages.search(pool, query, ids, room, author, limit);
    });
  }

  static UserRef ref(Principal user) {
    return new UserRef(user.userId(), user.displayName());
  }

}
