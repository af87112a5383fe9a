package org.quorate.server.rooms;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.DomainException;

/** SQL for rooms, their members and the per-user room list. */
public final class RoomStore {
  /** A room's columns, selected from {@code room r}: {@link #room} reads them back. */
  public static final String COLUMNS = "r.id, r.kind, r.name, r.classification, r.modification_id, r.body_id, r.last_seq";

  /** Each existing room's last seq as committed now: the high-water mark live delivery is checked against. */
  public Future<java.util.Map<Long, Long>> lastSeqs(SqlClient db, java.util.Collection<Long> roomIds) {
    return db.preparedQuery("SELECT id, last_seq FROM room WHERE id = ANY($1)")
        .execute(Tuple.of(roomIds.toArray(Long[]::new)))
        .map(rows -> {
          java.util.Map<Long, Long> out = new java.util.HashMap<>();
          rows.forEach(r -> out.put(r.getLong("id"), r.getLong("last_seq")));
          return out;
        });
  }

  public Future<Room> get(SqlClient db, long id) {
    return db.preparedQuery("SELECT " + COLUMNS + " FROM room r WHERE r.id = $1").execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) {
        throw DomainException.notFound("room", id);
      }
      return room(rows.iterator().next());
    });
  }

  public Future<RoomAccess.Standing> standing(SqlClient db, long roomId, long userId) {
    return db.preparedQuery("SELECT moderator FROM room_member WHERE room_id = $1 AND user_id = $2")
        .execute(Tuple.of(roomId, userId))
        .map(rows -> rows.size() == 0 ? new RoomAccess.Standing(false, false)
            : new RoomAccess.Standing(true, rows.iterator().next().getBoolean("moderator")));
  }

  /** A room and one user's standing in it; {@code room} is null when there is no such room. */
  public record Opening(Room room, RoomAccess.Standing standing) {}

  /** {@link #get} and {@link #standing} for many (room, user) pairs at once, in the given order. */
  public Future<List<Opening>> openAll(SqlClient db, List<Long> roomIds, List<Long> userIds) {
    return db.preparedQuery("SELECT " + COLUMNS + ", m.user_id IS NOT NULL AS member, coalesce(m.moderator, false) AS moderator "
            + "FROM unnest($1::bigint[], $2::bigint[]) WITH ORDINALITY AS c(room_id, user_id, i) "
            + "LEFT JOIN room r ON r.id = c.room_id "
            + "LEFT JOIN room_member m ON m.room_id = c.room_id AND m.user_id = c.user_id ORDER BY c.i")
        // Tuple.tuple, not Tuple.of: of(a, b) with two arrays would spread the second as varargs.
        .execute(Tuple.tuple(List.of(roomIds.toArray(Long[]::new), userIds.toArray(Long[]::new))))
        .map(rows -> {
          List<Opening> out = new ArrayList<>(rows.size());
          for (Row r : rows) {
            out.add(new Opening(r.getLong("id") == null ? null : room(r),
                new RoomAccess.Standing(r.getBoolean("member"), r.getBoolean("moderator"))));
          }
          return out;
        });
  }

  /** Users' display names joined in order (a direct room's name), and how many of the ids exist. */
  public record Names(String joined, long found) {}

  public Future<Names> namesOf(SqlClient db, java.util.Collection<Long> userIds) {
    return db.preparedQuery("SELECT string_agg(display_name, ', ' ORDER BY display_name) AS n, count(*) AS c FROM app_user WHERE id = ANY($1)")
        .execute(Tuple.of(userIds.toArray(Long[]::new)))
        .map(rows -> new Names(rows.iterator().next().getString("n"), rows.iterator().next().getLong("c")));
  }

  public Future<Long> create(SqlClient db, String kind, String name, Classification classification,
      String modificationId, Long bodyId, Long createdBy) {
    return db.preparedQuery("INSERT INTO room (kind, name, classification, modification_id, body_id, created_by) "
            + "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .execute(Tuple.of(kind, name, classification.wire(), modificationId, bodyId, createdBy))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<Void> addMember(SqlClient db, long roomId, long userId, boolean moderator) {
    return db.preparedQuery("INSERT INTO room_member (room_id, user_id, moderator) VALUES ($1, $2, $3) "
            + "ON CONFLICT (room_id, user_id) DO UPDATE SET moderator = EXCLUDED.moderator")
        .execute(Tuple.of(roomId, userId, moderator)).mapEmpty();
  }

  public Future<Void> removeMember(SqlClient db, long roomId, long userId) {
    return db.preparedQuery("DELETE FROM room_member WHERE room_id = $1 AND user_id = $2")
        .execute(Tuple.of(roomId, userId)).mapEmpty();
  }

  /** Makes a body's room membership equal to the body's members; the chair moderates. */
  public Future<Void> syncBodyRoom(SqlClient db, long bodyId) {
    return db.preparedQuery("DELETE FROM room_member rm USING room r WHERE rm.room_id = r.id AND r.body_id = $1 "
            + "AND rm.user_id NOT IN (SELECT user_id FROM body_member WHERE body_id = $1) "
            + "AND rm.user_id IS DISTINCT FROM (SELECT chair_user_id FROM body WHERE id = $1)")
        .execute(Tuple.of(bodyId))
        .compose(v -> db.preparedQuery("INSERT INTO room_member (room_id, user_id, moderator) "
                + "SELECT r.id, u.user_id, u.user_id IS NOT DISTINCT FROM b.chair_user_id FROM room r JOIN body b ON b.id = r.body_id "
                + "JOIN (SELECT user_id FROM body_member WHERE body_id = $1 UNION SELECT chair_user_id FROM body WHERE id = $1 AND chair_user_id IS NOT NULL) u ON true "
                + "WHERE r.body_id = $1 ON CONFLICT (room_id, user_id) DO UPDATE SET moderator = EXCLUDED.moderator")
            .execute(Tuple.of(bodyId)))
        .mapEmpty();
  }

  public Future<Long> roomOfModification(SqlClient db, String modificationId) {
    return db.preparedQuery("SELECT id FROM room WHERE modification_id = $1").execute(Tuple.of(modificationId))
        .map(rows -> {
          if (rows.size() == 0) {
            throw DomainException.notFound("room of modification", modificationId);
          }
          return rows.iterator().next().getLong("id");
        });
  }

  public Future<Long> roomOfBody(SqlClient db, long bodyId) {
    return db.preparedQuery("SELECT id FROM room WHERE body_id = $1").execute(Tuple.of(bodyId))
        .map(rows -> {
          if (rows.size() == 0) {
            throw DomainException.notFound("room of body", bodyId);
          }
          return rows.iterator().next().getLong("id");
        });
  }

  /** A room in a user's list: what it is, how far they have read, whether they follow it. */
  public record Listed(Room room, boolean member, boolean moderator, long readSeq, long unread, boolean following,
      String modificationStage) {}

  /** Every room with the user's standing and unread count; the service filters by {@link RoomAccess}. */
  public Future<List<Listed>> listFor(SqlClient db, Principal user) {
    return db.preparedQuery("SELECT " + COLUMNS + ", m.user_id IS NOT NULL AS member, coalesce(m.moderator, false) AS moderator, "
            + "coalesce(rm.seq, 0) AS read_seq, f.user_id IS NOT NULL AS following, mo.stage, "
            + "(SELECT count(*) FROM message x WHERE x.room_id = r.id AND x.seq > coalesce(rm.seq, 0) "
            + "   AND x.author_id <> $1 AND x.deleted_at IS NULL) AS unread "
            + "FROM room r LEFT JOIN room_member m ON m.room_id = r.id AND m.user_id = $1 "
            + "LEFT JOIN read_marker rm ON rm.room_id = r.id AND rm.user_id = $1 "
            + "LEFT JOIN follow f ON f.room_id = r.id AND f.user_id = $1 "
            + "LEFT JOIN modification mo ON mo.id = r.modification_id "
            + "ORDER BY r.kind, r.name")
        .execute(Tuple.of(user.userId()))
        .map(rows -> {
          List<Listed> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Listed(room(r), r.getBoolean("member"), r.getBoolean("moderator"), r.getLong("read_seq"),
                r.getLong("unread"), r.getBoolean("following"), r.getString("stage")));
          }
          return out;
        });
  }

  public Future<List<Long>> memberIds(SqlClient db, long roomId) {
    return db.preparedQuery("SELECT user_id FROM room_member WHERE room_id = $1 ORDER BY user_id").execute(Tuple.of(roomId))
        .map(RoomStore::ids);
  }

  public Future<Void> follow(SqlClient db, long userId, long roomId, boolean following) {
    String sql = following
        ? "INSERT INTO follow (user_id, room_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
        : "DELETE FROM follow WHERE user_id = $1 AND room_id = $2";
    return db.preparedQuery(sql).execute(Tuple.of(userId, roomId)).mapEmpty();
  }

  public Future<List<Long>> followers(SqlClient db, long roomId) {
    return db.preparedQuery("SELECT user_id FROM follow WHERE room_id = $1").execute(Tuple.of(roomId)).map(RoomStore::ids);
  }

  /** The followers of each of these rooms (rooms nobody follows are absent). */
  public Future<java.util.Map<Long, List<Long>>> followersOf(SqlClient db, java.util.Collection<Long> roomIds) {
    if (roomIds.isEmpty()) {
      return Future.succeededFuture(java.util.Map.of());
    }
    return db.preparedQuery("SELECT room_id, user_id FROM follow WHERE room_id = ANY($1)")
        .execute(Tuple.of(roomIds.stream().distinct().toArray(Long[]::new)))
        .map(rows -> {
          java.util.Map<Long, List<Long>> out = new java.util.HashMap<>();
          rows.forEach(r -> out.computeIfAbsent(r.getLong("room_id"), k -> new ArrayList<>()).add(r.getLong("user_id")));
          return out;
        });
  }

  /** Moves the read marker forward only; returns the marker and what is still unread. */
  public Future<long[]> markRead(SqlClient db, long userId, long roomId, long seq) {
    return db.preparedQuery("INSERT INTO read_marker (user_id, room_id, seq) VALUES ($1, $2, $3) "
            + "ON CONFLICT (user_id, room_id) DO UPDATE SET seq = greatest(read_marker.seq, EXCLUDED.seq) RETURNING seq")
        .execute(Tuple.of(userId, roomId, seq))
        .compose(rows -> {
          long marker = rows.iterator().next().getLong("seq");
          return db.preparedQuery("SELECT count(*) AS n FROM message WHERE room_id = $1 AND seq > $2 AND author_id <> $3 AND deleted_at IS NULL")
              .execute(Tuple.of(roomId, marker, userId))
              .map(c -> new long[] {marker, c.iterator().next().getLong("n")});
        });
  }

  static List<Long> ids(RowSet<Row> rows) {
    List<Long> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.getLong(0)));
    return out;
  }

  public static Room room(Row r) {
    return new Room(r.getLong("id"), r.getString("kind"), r.getString("name"),
        Classification.fromWire(r.getString("classification")), r.getString("modification_id"), r.getLong("body_id"),
        r.getLong("last_seq"));
  }
}
