package org.quorate.server.notifications;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.quorate.protocol.Mention;
import org.quorate.protocol.ServerEvent;
import org.quorate.protocol.UserRef;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.Role;
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
    return db.preparedQuery("SELECT u.id FROM app_user u LEFT JOIN party p ON p.id = u.party_id "
            + "WHERE u.id = ANY($1) OR u.party_id = ANY($2) OR p.category = ANY($3) ORDER BY u.id")
        .execute(Tuple.of(users.toArray(Long[]::new), parties.toArray(Long[]::new), categories.toArray(String[]::new)))
        .map(rows -> {
          List<Long> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getLong("id")));
          return out;
        });
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
    return db.preparedQuery("SELECT u.id, u.username, u.display_name, u.party_id, u.roles, m.user_id IS NOT NULL AS member, "
            + "coalesce(m.moderator, false) AS moderator FROM app_user u "
            + "LEFT JOIN room_member m ON m.user_id = u.id AND m.room_id = $2 WHERE u.id = ANY($1)")
        .execute(Tuple.of(candidates.toArray(Long[]::new), notice.room().id()))
        .compose(rows -> {
          List<Tuple> batch = new ArrayList<>();
          List<Long> readers = new ArrayList<>();
          for (Row r : rows) {
            if (!readersOnly || RoomAccess.canRead(principal(r), notice.room(),
                new RoomAccess.Standing(r.getBoolean("member"), r.getBoolean("moderator")))) {
              readers.add(r.getLong("id"));
              batch.add(Tuple.of(r.getLong("id"), notice.kind(), notice.room().id(), notice.seq(), notice.messageId(),
                  notice.from() == null ? null : notice.from().id(), notice.excerpt()));
            }
          }
          if (batch.isEmpty()) {
            return Future.<Void>succeededFuture();
          }
          tx.afterCommit(() -> {
            ServerEvent.Notification event = new ServerEvent.Notification(notice.kind(), notice.room().id(), notice.seq(),
                notice.messageId(), notice.from(), notice.excerpt(), Instant.now());
            readers.forEach(id -> bus.toUser(id, event));
          });
          // The email outbox is written in this transaction too: a committed notice is never left unemailed.
          return db.preparedQuery("INSERT INTO notification (user_id, kind, room_id, seq, message_id, from_user, excerpt) "
              + "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id").executeBatch(batch).compose(inserted -> {
                List<Long> ids = new ArrayList<>();
                for (RowSet<Row> r = inserted; r != null; r = r.next()) {
                  r.forEach(row -> ids.add(row.getLong("id")));
                }
                return email.queue(db, ids);
              });
        });
  }

  public record StoredNotification(long id, String kind, long room, Long seq, Long messageId, Long fromUser,
      String excerpt, OffsetDateTime createdAt, boolean read) {}

  /**
   * Newest first, and only those about rooms the user may read now (judged by the rooms' one access
   * function): losing access to a room takes its notifications with it. Addressed kinds stay.
   */
  public Future<List<StoredNotification>> recent(Principal user, int limit) {
    return rooms.list(user).compose(readable -> stored(user, readable.stream().map(RoomService.RoomSummary::id).toArray(Long[]::new),
        limit));
  }

  /**
   * A deleted or redacted message's text leaves every stored notification about it, in the
   * deleting transaction.
   */
  public Future<Void> blankExcerpts(SqlClient db, long roomId, long messageId) {
    return db.preparedQuery("UPDATE notification SET excerpt = NULL WHERE room_id = $1 AND message_id = $2 AND kind = ANY($3)")
        .execute(Tuple.of(roomId, messageId, MESSAGE_KINDS.toArray(String[]::new)))
        .mapEmpty();
  }

  private Future<List<StoredNotification>> stored(Principal user, Long[] readableRooms, int limit) {
    return pool.preparedQuery("SELECT id, kind, room_id, seq, message_id, from_user, excerpt, created_at, read_at "
            + "FROM notification WHERE user_id = $1 AND (room_id = ANY($2) OR kind = ANY($3)) "
            + "ORDER BY created_at DESC, id DESC LIMIT $4")
        .execute(Tuple.of(user.userId(), readableRooms, ADDRESSED_KINDS.toArray(String[]::new), limit))
        .map(rows -> {
          List<StoredNotification> out = new ArrayList<>();
          rows.forEach(r -> out.add(new StoredNotification(r.getLong("id"), r.getString("kind"), r.getLong("room_id"),
              r.getLong("seq"), r.getLong("message_id"), r.getLong("from_user"), r.getString("excerpt"),
              r.getOffsetDateTime("created_at"), r.getOffsetDateTime("read_at") != null)));
          return out;
        });
  }

  public Future<Void> markAllRead(Principal user) {
    return pool.preparedQuery("UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL")
        .execute(Tuple.of(user.userId())).mapEmpty();
  }

  static Principal principal(Row r) {
    Set<Role> roles = Arrays.stream(r.getArrayOfStrings("roles")).map(Role::fromWire)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    return new Principal(r.getLong("id"), r.getString("username"), r.getString("display_name"), r.getLong("party_id"), roles);
  }
}
