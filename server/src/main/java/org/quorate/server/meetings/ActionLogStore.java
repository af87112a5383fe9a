package org.quorate.server.meetings;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.quorate.server.domain.DomainException;

/** SQL for the decisions and actions a meeting records, and the search across meetings and bodies. */
public final class ActionLogStore {

  public record Decision(long id, Long itemId, String text, String reason, Long voteId, String recordedBy, Instant at) {}

  public record Action(long id, long meetingId, String meetingTitle, long bodyId, String bodyName, long roomId, int number,
      Long itemId, String text, Long ownerUserId, String ownerUserName, Long ownerPartyId, String ownerPartyName,
      int dueWorkingDays, LocalDate dueDate, String status, String recordedBy, Instant recordedAt, Instant updatedAt) {

    public String ownerName() {
      return ownerUserName != null ? ownerUserName : ownerPartyName;
    }
  }

  /** Search filters; null means any. {@code readableRooms} limits to meetings the user may read, plus their own. */
  public record ActionQuery(String text, String status, Long bodyId, Long meetingId, Long ownerUserId, Long ownerPartyId,
      List<Long> readableRooms, long userId, Long userPartyId, int limit) {}

  public Future<Long> insertDecision(SqlClient db, long meetingId, Long itemId, String text, String reason, Long voteId, long by, Instant at) {
    return db.preparedQuery("INSERT INTO meeting_decision (meeting_id, agenda_item_id, text, reason, vote_id, recorded_by, recorded_at) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .execute(Tuple.of(meetingId, itemId, text, reason, voteId, by, SqlTime.of(at)))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<List<Decision>> decisions(SqlClient db, long meetingId) {
    return db.preparedQuery("SELECT d.*, u.display_name FROM meeting_decision d JOIN app_user u ON u.id = d.recorded_by "
            + "WHERE d.meeting_id = $1 ORDER BY d.id")
        .execute(Tuple.of(meetingId))
        .map(rows -> {
          List<Decision> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Decision(r.getLong("id"), r.getLong("agenda_item_id"), r.getString("text"),
              r.getString("reason"), r.getLong("vote_id"), r.getString("display_name"), SqlTime.read(r, "recorded_at"))));
          return out;
        });
  }

  public Future<Long> insertAction(SqlClient db, long meetingId, Long itemId, String text, Long ownerUser, Long ownerParty,
      int dueWorkingDays, LocalDate due, long by, Instant at) {
    return db.preparedQuery("INSERT INTO meeting_action (meeting_id, number, agenda_item_id, text, owner_user_id, owner_party_id, "
            + "due_working_days, due_date, status, recorded_by, recorded_at, updated_at) "
            + "SELECT $1, coalesce(max(number), 0) + 1, $2::bigint, $3::text, $4::bigint, $5::bigint, $6::int, $7::date, 'open', $8::bigint, "
            + "$9::timestamptz, $9::timestamptz FROM meeting_action WHERE meeting_id = $1 "
            + "RETURNING id")
        .execute(Tuple.of(meetingId, itemId, text, ownerUser, ownerParty, dueWorkingDays, due, by, SqlTime.of(at)))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  private static final String ACTION = "SELECT a.*, m.title AS meeting_title, m.body_id, b.name AS body_name, m.room_id, "
      + "ou.display_name AS owner_user_name, op.name AS owner_party_name, rb.display_name AS recorded_by_name "
      + "FROM meeting_action a JOIN meeting m ON m.id = a.meeting_id JOIN body b ON b.id = m.body_id "
      + "LEFT JOIN app_user ou ON ou.id = a.owner_user_id LEFT JOIN party op ON op.id = a.owner_party_id "
      + "JOIN app_user rb ON rb.id = a.recorded_by ";

  public Future<Action> action(SqlClient db, long id, boolean lock) {
    return db.preparedQuery(ACTION + "WHERE a.id = $1" + (lock ? " FOR UPDATE OF a" : "")).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) {
        throw DomainException.notFound("action", id);
      }
      return action(rows.iterator().next());
    });
  }

  public Future<List<Action>> actions(SqlClient db, long meetingId) {
    return list(db, ACTION + "WHERE a.meeting_id = $1 ORDER BY a.number", Tuple.of(meetingId));
  }

  public Future<List<Action>> search(SqlClient db, ActionQuery q) {
    return list(db, ACTION + "WHERE (m.room_id = ANY($1) OR a.owner_user_id = $2 OR a.owner_party_id = $3) "
            + "AND ($4::text IS NULL OR a.search @@ websearch_to_tsquery('english', $4)) "
            + "AND ($5::text IS NULL OR a.status = $5) AND ($6::bigint IS NULL OR m.body_id = $6) "
            + "AND ($7::bigint IS NULL OR a.meeting_id = $7) AND ($8::bigint IS NULL OR a.owner_user_id = $8) "
            + "AND ($9::bigint IS NULL OR a.owner_party_id = $9) ORDER BY a.due_date, a.id LIMIT $10",
        Tuple.of(q.readableRooms().toArray(Long[]::new), q.userId(), q.userPartyId(), q.text(), q.status(), q.bodyId(),
            q.meetingId(), q.ownerUserId(), q.ownerPartyId(), q.limit()));
  }

  public Future<Void> setStatus(SqlClient db, long actionId, String status, String note, long by, Instant at) {
    return MeetingStore.exec(db, "UPDATE meeting_action SET status = $2, updated_at = $3 WHERE id = $1", Tuple.of(actionId, status, SqlTime.of(at)))
        .compose(v -> MeetingStore.exec(db,
            "INSERT INTO meeting_action_update (action_id, status, note, by_user_id, at) VALUES ($1, $2, $3, $4, $5)",
            Tuple.of(actionId, status, note, by, SqlTime.of(at))));
  }

  public Future<String> partyName(SqlClient db, long partyId) {
    return db.preparedQuery("SELECT name FROM party WHERE id = $1").execute(Tuple.of(partyId)).map(rows -> {
      if (rows.size() == 0) {
        throw DomainException.invalid("owner_party", "no Party " + partyId);
      }
      return rows.iterator().next().getString("name");
    });
  }

  public Future<List<Long>> usersOfParty(SqlClient db, long partyId) {
    return db.preparedQuery("SELECT id FROM app_user WHERE party_id = $1 ORDER BY id").execute(Tuple.of(partyId)).map(MeetingStore::ids);
  }

  private Future<List<Action>> list(SqlClient db, String sql, Tuple args) {
    return db.preparedQuery(sql).execute(args).map(rows -> {
      List<Action> out = new ArrayList<>();
      rows.forEach(r -> out.add(action(r)));
      return out;
    });
  }

  private static Action action(Row r) {
    return new Action(r.getLong("id"), r.getLong("meeting_id"), r.getString("meeting_title"), r.getLong("body_id"),
        r.getString("body_name"), r.getLong("room_id"), r.getInteger("number"), r.getLong("agenda_item_id"), r.getString("text"),
        r.getLong("owner_user_id"), r.getString("owner_user_name"), r.getLong("owner_party_id"), r.getString("owner_party_name"),
        r.getInteger("due_working_days"), r.getLocalDate("due_date"), r.getString("status"), r.getString("recorded_by_name"),
        SqlTime.read(r, "recorded_at"), SqlTime.read(r, "updated_at"));
  }
}
