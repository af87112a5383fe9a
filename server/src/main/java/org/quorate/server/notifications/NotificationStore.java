package org.quorate.server.notifications;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.Role;
import org.quorate.server.rooms.RoomAccess;

/** SQL for stored notifications and for finding who a notice may go to. */
public final class NotificationStore {

  /** A possible recipient, with their standing in the room the notice is about. */
  public record Candidate(Principal principal, RoomAccess.Standing standing) {}

  public record StoredNotification(long id, String kind, long room, Long seq, Long messageId, Long fromUser,
      String excerpt, OffsetDateTime createdAt, boolean read) {}

  /** Users named directly, through their Party, or through their Party's category; by id. */
  public Future<List<Long>> mentionedUsers(SqlClient db, Long[] users, Long[] parties, String[] categories) {
    return db.preparedQuery("SELECT u.id FROM app_user u LEFT JOIN party p ON p.id = u.party_id "
            + "WHERE u.id = ANY($1) OR u.party_id = ANY($2) OR p.category = ANY($3) ORDER BY u.id")
        .execute(Tuple.of(users, parties, categories))
        .map(rows -> {
          List<Long> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getLong("id")));
          return out;
        });
  }

  /** The users who exist among those given, each with their membership of the room. */
  public Future<List<Candidate>> candidates(SqlClient db, Long[] userIds, long roomId) {
    return db.preparedQuery("SELECT u.id, u.username, u.display_name, u.party_id, u.roles, m.user_id IS NOT NULL AS member, "
            + "coalesce(m.moderator, false) AS moderator FROM app_user u "
            + "LEFT JOIN room_member m ON m.user_id = u.id AND m.room_id = $2 WHERE u.id = ANY($1)")
        .execute(Tuple.of(userIds, roomId))
        .map(rows -> {
          List<Candidate> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Candidate(principal(r), new RoomAccess.Standing(r.getBoolean("member"), r.getBoolean("moderator"))));
          }
          return out;
        });
  }

  /** One notification for each recipient, in one batch; returns their ids. */
  public Future<List<Long>> insert(SqlClient db, List<Long> recipients, String kind, long roomId, Long seq, Long messageId,
      Long fromUser, String excerpt) {
    List<Tuple> batch = new ArrayList<>();
    recipients.forEach(id -> batch.add(Tuple.of(id, kind, roomId, seq, messageId, fromUser, excerpt)));
    return db.preparedQuery("INSERT INTO notification (user_id, kind, room_id, seq, message_id, from_user, excerpt) "
        + "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id").executeBatch(batch).map(inserted -> {
          List<Long> ids = new ArrayList<>();
          for (RowSet<Row> r = inserted; r != null; r = r.next()) {
            r.forEach(row -> ids.add(row.getLong("id")));
          }
          return ids;
        });
  }

  public Future<Void> blankExcerpts(SqlClient db, long roomId, long messageId, String[] kinds) {
    return db.preparedQuery("UPDATE notification SET excerpt = NULL WHERE room_id = $1 AND message_id = $2 AND kind = ANY($3)")
        .execute(Tuple.of(roomId, messageId, kinds))
        .mapEmpty();
  }

  /** Newest first: those about the rooms given, and those of the kinds given whatever their room. */
  public Future<List<StoredNotification>> recent(SqlClient db, long userId, Long[] rooms, String[] anyRoomKinds, int limit) {
    return db.preparedQuery("SELECT id, kind, room_id, seq, message_id, from_user, excerpt, created_at, read_at "
            + "FROM notification WHERE user_id = $1 AND (room_id = ANY($2) OR kind = ANY($3)) "
            + "ORDER BY created_at DESC, id DESC LIMIT $4")
        .execute(Tuple.of(userId, rooms, anyRoomKinds, limit))
        .map(rows -> {
          List<StoredNotification> out = new ArrayList<>();
          rows.forEach(r -> out.add(new StoredNotification(r.getLong("id"), r.getString("kind"), r.getLong("room_id"),
              r.getLong("seq"), r.getLong("message_id"), r.getLong("from_user"), r.getString("excerpt"),
              r.getOffsetDateTime("created_at"), r.getOffsetDateTime("read_at") != null)));
          return out;
        });
  }

  public Future<Void> markAllRead(SqlClient db, long userId) {
    return db.preparedQuery("UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL")
        .execute(Tuple.of(userId)).mapEmpty();
  }

  private static Principal principal(Row r) {
    Set<Role> roles = Arrays.stream(r.getArrayOfStrings("roles")).map(Role::fromWire)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    return new Principal(r.getLong("id"), r.getString("username"), r.getString("display_name"), r.getLong("party_id"), roles);
  }
}
