package org.quorate.server.notifications;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.quorate.protocol.Mention;
import org.quorate.protocol.ServerEvent;
import org.quorate.protocol.UserRef;
import org.quorate.server.auth.Principal;
import org.quorate.server.email.EmailService;
import org.quorate.server.rooms.Room;
import org.quorate.server.rooms.RoomAccess;
import org.quorate.server.rooms.RoomBus;
import org.quorate.server.rooms.RoomEventLog;
import org.quorate.server.rooms.RoomService;

/**
 * Tailored notifications: mentions of a user, their Party or their Party Category, and new threads
 * (later decisions) in rooms the user follows. Stored in the writing transaction, pushed after
 * commit, and only to users who may read the room.
 */
public final class NotificationService {
  /** Kinds whose {@code message_id} and excerpt are a message's: a deleted message takes its text from them. */
  static final Set<String> MESSAGE_KINDS = Set.of("mention", "new_thread");
  /**
   * Kinds sent with {@link #notifyAddressed} to people because of who they are, who may not read
   * the room; their excerpt carries only what the addressee is entitled to see.
   */
  static final Set<String> ADDRESSED_KINDS = Set.of("action_assigned", "proxy_voted", "proxy_appointed", "proxy_revoked");

  private final Pool pool;
  private final RoomBus bus;
  private final RoomService rooms;
  private final EmailService email;
  private final NotificationStore store = new NotificationStore();

  public NotificationService(Pool pool, RoomBus bus, RoomService rooms, EmailService email) {
    this.pool = pool;
    this.bus = bus;
    this.rooms = rooms;
    this.email = email;
  }

  /** What to tell, and from whom. */
  public record Notice(String kind, Room room, Long seq, Long messageId, UserRef from, String excerpt) {}

  /** Users named by the mentions (directly, by Party, by Party Category). */
  public Future<List<Long>> mentioned(SqlClient db, List<Mention> mentions) {
    if (mentions.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<Long> users = new ArrayList<>();
    List<Long> parties = new ArrayList<>();
    List<String> categories = new ArrayList<>();
    for (Mention m : mentions) {
      switch (m.kind()) {
        case USER -> users.add(parseId(m.ref()));
        case PARTY -> parties.add(parseId(m.ref()));
        case CATEGORY -> categories.add(m.ref());
      }
    }
    return store.mentionedUsers(db, users.toArray(Long[]::new), parties.toArray(Long[]::new), categories.toArray(String[]::new));
  }

  private static long parseId(String ref) {
    try {
      return Long.parseLong(ref);
    } catch (NumberFormatException e) {
      throw org.quorate.server.domain.DomainException.invalid("mentions.ref", "users and Parties are mentioned by id");
    }
  }

  /**
   * Stores a notice for each recipient who may read the room (never the sender) and pushes it to
   * their connections once the transaction commits.
   */
  public Future<Void> notify(RoomEventLog.Tx tx, Notice notice, List<Long> recipients, long senderId) {
    return deliver(tx, notice, recipients, senderId, true);
  }

  /**
   * For notices addressed to named people because of who they are (an action's owner), who are told
   * even if they cannot read the room. The excerpt must carry only what they are entitled to see.
   */
  public Future<Void> notifyAddressed(RoomEventLog.Tx tx, Notice notice, List<Long> recipients, long senderId) {
    if (!ADDRESSED_KINDS.contains(notice.kind())) {
      throw new IllegalArgumentException(notice.kind() + " is not listed as an addressed kind, so readers-only lists would hide it");
    }
    return deliver(tx, notice, recipients, senderId, false);
  }

  private Future<Void> deliver(RoomEventLog.Tx tx, Notice notice, List<Long> recipients, long senderId, boolean readersOnly) {
    List<Long> candidates = recipients.stream().distinct().filter(id -> id != senderId).toList();
    if (candidates.isEmpty()) {
      return Future.succeededFuture();
    }
    SqlClient db = tx.conn();
    return store.candidates(db, candidates.toArray(Long[]::new), notice.room().id())
        .compose(found -> {
          List<Long> readers = new ArrayList<>();
          for (NotificationStore.Candidate c : found) {
            if (!readersOnly || RoomAccess.canRead(c.principal(), notice.room(), c.standing())) {
              readers.add(c.principal().userId());
            }
          }
          if (readers.isEmpty()) {
            return Future.<Void>succeededFuture();
          }
          tx.afterCommit(() -> {
            ServerEvent.Notification event = new ServerEvent.Notification(notice.kind(), notice.room().id(), notice.seq(),
                notice.messageId(), notice.from(), notice.excerpt(), Instant.now());
            readers.forEach(id -> bus.toUser(id, event));
          });
          // The email outbox is written in this transaction too: a committed notice is never left unemailed.
          return store.insert(db, readers, notice.kind(), notice.room().id(), notice.seq(), notice.messageId(),
              notice.from() == null ? null : notice.from().id(), notice.excerpt()).compose(ids -> email.queue(db, ids));
        });
  }

  /**
   * Newest first, and only those about rooms the user may read now (judged by the rooms' one access
   * function): losing access to a room takes its notifications with it. Addressed kinds stay.
   */
  public Future<List<NotificationStore.StoredNotification>> recent(Principal user, int limit) {
    return rooms.list(user).compose(readable -> stored(user, readable.stream().map(RoomService.RoomSummary::id).toArray(Long[]::new),
        limit));
  }

  /**
   * A deleted or redacted message's text leaves every stored notification about it, in the
   * deleting transaction.
   */
  public Future<Void> blankExcerpts(SqlClient db, long roomId, long messageId) {
    return store.blankExcerpts(db, roomId, messageId, MESSAGE_KINDS.toArray(String[]::new));
  }

  private Future<List<NotificationStore.StoredNotification>> stored(Principal user, Long[] readableRooms, int limit) {
    return store.recent(pool, user.userId(), readableRooms, ADDRESSED_KINDS.toArray(String[]::new), limit);
  }

  public Future<Void> markAllRead(Principal user) {
    return store.markAllRead(pool, user.userId());
  }

}
