package org.quorate.server.meetings;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for the chair's rulings and the mutes and removals they put in force. */
public final class RulingStore {

  public record Ruling(long id, Long itemId, String kind, Long subjectId, String subjectName, String reason, long byId,
      String byName, Instant at) {}

  public record Sanction(long userId, String name, String kind, String reason, Instant since) {}

  public Future<Long> record(SqlClient db, long meetingId, Long itemId, String kind, Long subjectId, String reason, long by, Instant at) {
    return db.preparedQuery("INSERT INTO chair_ruling (meeting_id, agenda_item_id, kind, subject_user_id, reason, by_user_id, at) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .execute(Tuple.of(meetingId, itemId, kind, subjectId, reason, by, SqlTime.of(at)))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<List<Ruling>> rulings(SqlClient db, long meetingId) {
    return db.preparedQuery("SELECT c.*, s.display_name AS subject_name, b.display_name AS by_name FROM chair_ruling c "
            + "LEFT JOIN app_user s ON s.id = c.subject_user_id JOIN app_user b ON b.id = c.by_user_id "
            + "WHERE c.meeting_id = $1 ORDER BY c.id")
        .execute(Tuple.of(meetingId))
        .map(rows -> {
          List<Ruling> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Ruling(r.getLong("id"), r.getLong("agenda_item_id"), r.getString("kind"), r.getLong("subject_user_id"),
                r.getString("subject_name"), r.getString("reason"), r.getLong("by_user_id"), r.getString("by_name"), SqlTime.read(r, "at")));
          }
          return out;
        });
  }

  public Future<Void> impose(SqlClient db, long meetingId, long userId, String kind, long rulingId) {
    return MeetingStore.exec(db, "INSERT INTO meeting_sanction (meeting_id, user_id, kind, ruling_id) VALUES ($1, $2, $3, $4)",
        Tuple.of(meetingId, userId, kind, rulingId));
  }

  public Future<Void> lift(SqlClient db, long meetingId, long userId, String kind, Instant at) {
    return MeetingStore.exec(db, "UPDATE meeting_sanction SET lifted_at = $4 "
            + "WHERE meeting_id = $1 AND user_id = $2 AND kind = $3 AND lifted_at IS NULL",
        Tuple.of(meetingId, userId, kind, SqlTime.of(at)));
  }

  public Future<Optional<String>> activeKind(SqlClient db, long meetingId, long userId, String kind) {
    return db.preparedQuery("SELECT kind FROM meeting_sanction WHERE meeting_id = $1 AND user_id = $2 AND kind = $3 AND lifted_at IS NULL")
        .execute(Tuple.of(meetingId, userId, kind))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString("kind")));
  }

  public Future<List<Sanction>> active(SqlClient db, long meetingId) {
    return db.preparedQuery("SELECT s.user_id, u.display_name, s.kind, c.reason, c.at FROM meeting_sanction s "
            + "JOIN app_user u ON u.id = s.user_id JOIN chair_ruling c ON c.id = s.ruling_id "
            + "WHERE s.meeting_id = $1 AND s.lifted_at IS NULL ORDER BY s.id")
        .execute(Tuple.of(meetingId))
        .map(rows -> {
          List<Sanction> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Sanction(r.getLong("user_id"), r.getString("display_name"), r.getString("kind"),
              r.getString("reason"), SqlTime.read(r, "at"))));
          return out;
        });
  }

  /** Where a user stands under the rulings of one meeting open or adjourned in a room. */
  public record PostingStanding(boolean roomLocked, String sanctions, boolean insider) {}

  /**
   * For each meeting open or adjourned in the room: whether its room is locked, the user's sanctions
   * in force (comma-separated kinds, or null), and whether the user is an insider of a locked room
   * (body member, body chair, acting chair, co-chair or minute-taker, live alternate or proxy).
   */
  public Future<List<PostingStanding>> postingStandings(SqlClient db, long roomId, long userId) {
    return db.preparedQuery("SELECT m.room_locked, "
            + "(SELECT string_agg(s.kind, ',') FROM meeting_sanction s "
            + "  WHERE s.meeting_id = m.id AND s.user_id = $2 AND s.lifted_at IS NULL) AS sanctions, "
            + "(EXISTS (SELECT 1 FROM body_member bm WHERE bm.body_id = m.body_id AND bm.user_id = $2) "
            + "  OR b.chair_user_id = $2 OR m.acting_chair_id = $2 "
            + "  OR EXISTS (SELECT 1 FROM meeting_role r WHERE r.meeting_id = m.id AND r.user_id = $2) "
            + "  OR EXISTS (SELECT 1 FROM meeting_delegate d "
            + "    WHERE d.meeting_id = m.id AND d.delegate_user_id = $2 AND d.revoked_at IS NULL)) AS insider "
            + "FROM meeting m JOIN body b ON b.id = m.body_id WHERE m.room_id = $1 AND m.state IN ('open', 'adjourned')")
        .execute(Tuple.of(roomId, userId))
        .map(rows -> {
          List<PostingStanding> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new PostingStanding(r.getBoolean("room_locked"), r.getString("sanctions"), r.getBoolean("insider")));
          }
          return out;
        });
  }
}
