package org.quorate.server.meetings;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.quorate.protocol.UserRef;
import org.quorate.server.domain.DomainException;
import org.quorate.server.domain.Role;

/** SQL for meetings, their agenda, roles and minutes text, and the user names events carry. */
public final class MeetingStore {
  private static final String SELECT = "SELECT m.*, b.name AS body_name, b.chair_user_id AS body_chair_id, "
      + "ARRAY(SELECT user_id FROM meeting_role r WHERE r.meeting_id = m.id AND r.role = 'co_chair' ORDER BY user_id) AS co_chairs, "
      + "ARRAY(SELECT user_id FROM meeting_role r WHERE r.meeting_id = m.id AND r.role = 'minute_taker' ORDER BY user_id) AS minute_takers "
      + "FROM meeting m JOIN body b ON b.id = m.body_id ";

  /** A meeting's current state, as its writes lock and read it. */
  public record MeetingRow(long id, long bodyId, String bodyName, Long bodyChairId, long roomId, String title,
      Instant scheduledStart, String state, Long actingChairId, Long currentItemId, boolean roomLocked, Long floorUserId,
      Long floorRequestId, Instant floorSince, Instant floorEndsAt, Instant openedAt, Long openedBy, Instant closedAt,
      Instant minutesPublishedAt, List<Long> coChairs, List<Long> minuteTakers) {

    public boolean is(String... states) {
      return Arrays.asList(states).contains(state);
    }
  }

  public record AgendaItem(long id, int position, String title, String modificationId, Long modificationRoom,
      Instant startedAt, Long startedSeq, Instant endedAt, Long endedSeq) {}

  /** Locks the meeting row: every write to one meeting applies one at a time, in room-sequence order. */
  public Future<MeetingRow> lock(SqlClient db, long id) {
    return one(db, SELECT + "WHERE m.id = $1 FOR UPDATE OF m", id);
  }

  public Future<MeetingRow> get(SqlClient db, long id) {
    return one(db, SELECT + "WHERE m.id = $1", id);
  }

  private Future<MeetingRow> one(SqlClient db, String sql, long id) {
    return db.preparedQuery(sql).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) {
        throw DomainException.notFound("meeting", id);
      }
      return meeting(rows.iterator().next());
    });
  }

  /** Whether the user is the acting chair of a meeting open or adjourned in the room. */
  public Future<Boolean> isActingChairInRoom(SqlClient db, long roomId, long userId) {
    return db.preparedQuery("SELECT 1 FROM meeting WHERE room_id = $1 AND acting_chair_id = $2 AND state IN ('open', 'adjourned')")
        .execute(Tuple.of(roomId, userId))
        .map(rows -> rows.size() > 0);
  }

  /** A body as a meeting's organiser sees it: who chairs it ({@code chairUserId} null if nobody). */
  public record BodyChair(Long chairUserId) {}

  /** Empty if there is no such body. */
  public Future<Optional<BodyChair>> bodyChair(SqlClient db, long bodyId) {
    return db.preparedQuery("SELECT chair_user_id FROM body WHERE id = $1").execute(Tuple.of(bodyId))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(new BodyChair(rows.iterator().next().getLong("chair_user_id"))));
  }

  public Future<Long> roomOf(SqlClient db, long meetingId) {
    return db.preparedQuery("SELECT room_id FROM meeting WHERE id = $1").execute(Tuple.of(meetingId)).map(rows -> {
      if (rows.size() == 0) {
        throw DomainException.notFound("meeting", meetingId);
      }
      return rows.iterator().next().getLong("room_id");
    });
  }

  public Future<List<MeetingRow>> inRooms(SqlClient db, List<Long> roomIds, Long bodyId) {
    return db.preparedQuery(SELECT + "WHERE m.room_id = ANY($1) AND ($2::bigint IS NULL OR m.body_id = $2) "
            + "ORDER BY m.scheduled_start DESC, m.id DESC")
        .execute(Tuple.of(roomIds.toArray(Long[]::new), bodyId))
        .map(rows -> {
          List<MeetingRow> out = new ArrayList<>();
          rows.forEach(r -> out.add(meeting(r)));
          return out;
        });
  }

  /** Meetings in progress (open or adjourned) in a room: at most one, as opening checks. */
  public Future<List<Long>> liveInRoom(SqlClient db, long roomId) {
    return db.preparedQuery("SELECT id FROM meeting WHERE room_id = $1 AND state IN ('open', 'adjourned') ORDER BY id")
        .execute(Tuple.of(roomId)).map(MeetingStore::ids);
  }

  public Future<Long> insert(SqlClient db, long bodyId, long roomId, String title, Instant start, long createdBy) {
    return db.preparedQuery("INSERT INTO meeting (body_id, room_id, title, scheduled_start, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .execute(Tuple.of(bodyId, roomId, title, SqlTime.of(start), createdBy))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<Void> update(SqlClient db, long id, String title, Instant start) {
    // A visible change bumps the sequence calendar feeds publish, so calendar clients move the event.
    return exec(db, "UPDATE meeting SET sequence = sequence + CASE WHEN title = $2 AND scheduled_start = $3 THEN 0 ELSE 1 END, "
        + "updated_at = CASE WHEN title = $2 AND scheduled_start = $3 THEN updated_at ELSE now() END, "
        + "title = $2, scheduled_start = $3 WHERE id = $1", Tuple.of(id, title, SqlTime.of(start)));
  }

  public Future<Void> setState(SqlClient db, long id, String state, Instant at) {
    return exec(db, "UPDATE meeting SET state = $2, "
        + "opened_at = CASE WHEN $2 = 'open' THEN coalesce(opened_at, $3) ELSE opened_at END, "
        + "closed_at = CASE WHEN $2 IN ('closed', 'cancelled') THEN $3 ELSE closed_at END, "
        + "sequence = sequence + CASE WHEN $2 = 'cancelled' THEN 1 ELSE 0 END, "
        + "updated_at = CASE WHEN $2 = 'cancelled' THEN $3 ELSE updated_at END WHERE id = $1",
        Tuple.of(id, state, SqlTime.of(at)));
  }

  public record StateChange(String state, String reason, String byName, Instant at) {}

  public Future<Void> recordStateChange(SqlClient db, long id, String state, String reason, long by, Instant at) {
    return exec(db, "INSERT INTO meeting_state_change (meeting_id, state, reason, by_user_id, at) VALUES ($1, $2, $3, $4, $5)",
        Tuple.of(id, state, reason, by, SqlTime.of(at)));
  }

  public Future<List<StateChange>> stateChanges(SqlClient db, long id) {
    return db.preparedQuery("SELECT c.state, c.reason, u.display_name, c.at FROM meeting_state_change c JOIN app_user u ON u.id = c.by_user_id "
            + "WHERE c.meeting_id = $1 ORDER BY c.id")
        .execute(Tuple.of(id))
        .map(rows -> {
          List<StateChange> out = new ArrayList<>();
          rows.forEach(r -> out.add(new StateChange(r.getString("state"), r.getString("reason"), r.getString("display_name"),
              SqlTime.read(r, "at"))));
          return out;
        });
  }

  public Future<Void> setActingChair(SqlClient db, long id, long userId) {
    return exec(db, "UPDATE meeting SET acting_chair_id = $2, opened_by = coalesce(opened_by, $2) WHERE id = $1", Tuple.of(id, userId));
  }

  public Future<Void> setLocked(SqlClient db, long id, boolean locked) {
    return exec(db, "UPDATE meeting SET room_locked = $2 WHERE id = $1", Tuple.of(id, locked));
  }

  public Future<Void> setFloor(SqlClient db, long id, Long userId, Long requestId, Instant since, Instant endsAt) {
    return exec(db, "UPDATE meeting SET floor_user_id = $2, floor_request_id = $3, floor_since = $4, floor_ends_at = $5 WHERE id = $1",
        Tuple.of(id, userId, requestId, SqlTime.of(since), SqlTime.of(endsAt)));
  }

  // ---- agenda ----

  public Future<List<AgendaItem>> agenda(SqlClient db, long meetingId) {
    return db.preparedQuery("SELECT a.*, r.id AS modification_room FROM agenda_item a LEFT JOIN room r ON r.modification_id = a.modification_id "
            + "WHERE a.meeting_id = $1 ORDER BY a.position, a.id")
        .execute(Tuple.of(meetingId))
        .map(rows -> {
          List<AgendaItem> out = new ArrayList<>();
          rows.forEach(r -> out.add(new AgendaItem(r.getLong("id"), r.getInteger("position"), r.getString("title"),
              r.getString("modification_id"), r.getLong("modification_room"), SqlTime.read(r, "started_at"),
              r.getLong("started_seq"), SqlTime.read(r, "ended_at"), r.getLong("ended_seq"))));
          return out;
        });
  }

  public Future<AgendaItem> item(SqlClient db, long meetingId, long itemId) {
    return agenda(db, meetingId).map(items -> items.stream().filter(i -> i.id() == itemId).findFirst()
        .orElseThrow(() -> DomainException.notFound("agenda item", itemId)));
  }

  public Future<Long> insertItem(SqlClient db, long meetingId, int position, String title, String modificationId) {
    return db.preparedQuery("INSERT INTO agenda_item (meeting_id, position, title, modification_id) VALUES ($1, $2, $3, $4) RETURNING id")
        .execute(Tuple.of(meetingId, position, title, modificationId))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<Void> updateItem(SqlClient db, long itemId, String title, String modificationId) {
    return exec(db, "UPDATE agenda_item SET title = $2, modification_id = $3 WHERE id = $1", Tuple.of(itemId, title, modificationId));
  }

  public Future<Void> deleteItem(SqlClient db, long itemId) {
    return exec(db, "DELETE FROM agenda_item WHERE id = $1 AND started_at IS NULL", Tuple.of(itemId));
  }

  /** Rewrites positions 1..n in the given order. */
  public Future<Void> renumber(SqlClient db, List<Long> itemIdsInOrder) {
    if (itemIdsInOrder.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = new ArrayList<>();
    for (int i = 0; i < itemIdsInOrder.size(); i++) {
      batch.add(Tuple.of(itemIdsInOrder.get(i), i + 1));
    }
    return db.preparedQuery("UPDATE agenda_item SET position = $2 WHERE id = $1").executeBatch(batch).mapEmpty();
  }

  /** Ends the current item at {@code seq} and starts {@code next} there (its first start is kept). */
  public Future<Void> moveTo(SqlClient db, long meetingId, Long previous, long next, long seq, Instant at) {
    Future<Void> end = previous == null ? Future.succeededFuture()
        : exec(db, "UPDATE agenda_item SET ended_at = $2, ended_seq = $3 WHERE id = $1", Tuple.of(previous, SqlTime.of(at), seq));
    return end.compose(v -> exec(db, "UPDATE agenda_item SET started_at = coalesce(started_at, $2), started_seq = coalesce(started_seq, $3), "
            + "ended_at = NULL, ended_seq = NULL WHERE id = $1", Tuple.of(next, SqlTime.of(at), seq)))
        .compose(v -> exec(db, "UPDATE meeting SET current_item_id = $2 WHERE id = $1", Tuple.of(meetingId, next)));
  }

  public Future<Void> endItem(SqlClient db, long itemId, long seq, Instant at) {
    return exec(db, "UPDATE agenda_item SET ended_at = $2, ended_seq = $3 WHERE id = $1", Tuple.of(itemId, SqlTime.of(at), seq));
  }

  // ---- roles ----

  public Future<Void> grantRole(SqlClient db, long meetingId, long userId, String role, long by) {
    return exec(db, "INSERT INTO meeting_role (meeting_id, user_id, role, granted_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        Tuple.of(meetingId, userId, role, by));
  }

  public Future<Void> revokeRole(SqlClient db, long meetingId, long userId, String role) {
    return exec(db, "DELETE FROM meeting_role WHERE meeting_id = $1 AND user_id = $2 AND role = $3", Tuple.of(meetingId, userId, role));
  }

  // ---- minutes ----

  public record MinutesText(String draft, Long editedBy, Instant editedAt, String published, Long publishedBy, Instant publishedAt) {}

  public Future<MinutesText> minutes(SqlClient db, long meetingId) {
    return db.preparedQuery("SELECT minutes_draft, minutes_edited_by, minutes_edited_at, minutes_published, minutes_published_by, "
            + "minutes_published_at FROM meeting WHERE id = $1")
        .execute(Tuple.of(meetingId))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new MinutesText(r.getString("minutes_draft"), r.getLong("minutes_edited_by"), SqlTime.read(r, "minutes_edited_at"),
              r.getString("minutes_published"), r.getLong("minutes_published_by"), SqlTime.read(r, "minutes_published_at"));
        });
  }

  public Future<Void> saveDraft(SqlClient db, long meetingId, String markdown, long by, Instant at) {
    return exec(db, "UPDATE meeting SET minutes_draft = $2, minutes_edited_by = $3, minutes_edited_at = $4 WHERE id = $1",
        Tuple.of(meetingId, markdown, by, SqlTime.of(at)));
  }

  public Future<Void> publish(SqlClient db, long meetingId, String markdown, long by, Instant at) {
    return exec(db, "UPDATE meeting SET minutes_published = $2, minutes_published_by = $3, minutes_published_at = $4 WHERE id = $1",
        Tuple.of(meetingId, markdown, by, SqlTime.of(at)));
  }

  // ---- people ----

  public Future<UserRef> user(SqlClient db, long userId) {
    return db.preparedQuery("SELECT id, display_name FROM app_user WHERE id = $1").execute(Tuple.of(userId)).map(rows -> {
      if (rows.size() == 0) {
        throw DomainException.invalid("user", "no user " + userId);
      }
      Row r = rows.iterator().next();
      return new UserRef(r.getLong("id"), r.getString("display_name"));
    });
  }

  public Future<Set<Role>> roles(SqlClient db, long userId) {
    return db.preparedQuery("SELECT roles FROM app_user WHERE id = $1").execute(Tuple.of(userId)).map(rows -> {
      if (rows.size() == 0) {
        throw DomainException.invalid("user", "no user " + userId);
      }
      return Arrays.stream(rows.iterator().next().getArrayOfStrings("roles")).map(Role::fromWire)
          .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    });
  }

  static Future<Void> exec(SqlClient db, String sql, Tuple args) {
    return db.preparedQuery(sql).execute(args).mapEmpty();
  }

  static List<Long> longs(Row r, String column) {
    Long[] values = r.getArrayOfLongs(column);
    return values == null ? List.of() : List.of(values);
  }

  static List<Long> ids(RowSet<Row> rows) {
    List<Long> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.getLong(0)));
    return out;
  }

  private static MeetingRow meeting(Row r) {
    return new MeetingRow(r.getLong("id"), r.getLong("body_id"), r.getString("body_name"), r.getLong("body_chair_id"),
        r.getLong("room_id"), r.getString("title"), SqlTime.read(r, "scheduled_start"), r.getString("state"),
        r.getLong("acting_chair_id"), r.getLong("current_item_id"), r.getBoolean("room_locked"), r.getLong("floor_user_id"),
        r.getLong("floor_request_id"), SqlTime.read(r, "floor_since"), SqlTime.read(r, "floor_ends_at"),
        SqlTime.read(r, "opened_at"), r.getLong("opened_by"), SqlTime.read(r, "closed_at"), SqlTime.read(r, "minutes_published_at"),
        longs(r, "co_chairs"), longs(r, "minute_takers"));
  }
}
