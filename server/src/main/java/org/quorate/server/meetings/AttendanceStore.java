package org.quorate.server.meetings;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for seats, the attendance register, appointed alternates and proxies, and the quoracy log. */
public final class AttendanceStore {

  /** A seat on the body; {@code category} is the seat's own or its Party's; {@code votingGroupId} its Party's Voting Group. */
  public record Seat(long holderId, String holderName, String seat, boolean voting, Long partyId, String partyName,
      String category, Long votingGroupId) {}

  /** One stretch of presence ({@code leftAt} null while present). */
  public record Stretch(long userId, String name, String capacity, Long seatHolderId, String seatHolderName, String seat,
      Long partyId, String partyName, String mode, Instant joinedAt, Instant leftAt) {}

  public record Delegate(long principalId, String principalName, long delegateId, String delegateName, String kind,
      Instant appointedAt) {}

  public record LoggedQuoracy(Long itemId, Instant at, boolean quorate, int present, int base, int required, String explanation) {}

  public Future<List<Seat>> seats(SqlClient db, long bodyId) {
    return db.preparedQuery("SELECT bm.user_id, u.display_name, bm.seat, bm.voting, bm.party_id, p.name AS party_name, p.voting_group_id, "
            + "coalesce(bm.category, p.category) AS category FROM body_member bm JOIN app_user u ON u.id = bm.user_id "
            + "LEFT JOIN party p ON p.id = bm.party_id WHERE bm.body_id = $1 ORDER BY u.display_name, bm.user_id")
        .execute(Tuple.of(bodyId))
        .map(rows -> {
          List<Seat> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Seat(r.getLong("user_id"), r.getString("display_name"), r.getString("seat"),
              r.getBoolean("voting"), r.getLong("party_id"), r.getString("party_name"), r.getString("category"),
              r.getLong("voting_group_id"))));
          return out;
        });
  }

  public Future<Optional<Seat>> seatOf(SqlClient db, long bodyId, long userId) {
    return seats(db, bodyId).map(all -> all.stream().filter(s -> s.holderId() == userId).findFirst());
  }

  private static final String STRETCH = "SELECT a.*, u.display_name AS name, h.display_name AS holder_name, p.name AS party_name "
      + "FROM attendance a JOIN app_user u ON u.id = a.user_id LEFT JOIN app_user h ON h.id = a.seat_holder_id "
      + "LEFT JOIN party p ON p.id = a.party_id ";

  public Future<List<Stretch>> present(SqlClient db, long meetingId) {
    return stretches(db, STRETCH + "WHERE a.meeting_id = $1 AND a.left_at IS NULL ORDER BY u.display_name, a.id", Tuple.of(meetingId));
  }

  public Future<List<Stretch>> history(SqlClient db, long meetingId) {
    return stretches(db, STRETCH + "WHERE a.meeting_id = $1 ORDER BY u.display_name, a.joined_at, a.id", Tuple.of(meetingId));
  }

  public Future<Optional<Stretch>> presence(SqlClient db, long meetingId, long userId) {
    return stretches(db, STRETCH + "WHERE a.meeting_id = $1 AND a.user_id = $2 AND a.left_at IS NULL", Tuple.of(meetingId, userId))
        .map(list -> list.stream().findFirst());
  }

  private Future<List<Stretch>> stretches(SqlClient db, String sql, Tuple args) {
    return db.preparedQuery(sql).execute(args).map(rows -> {
      List<Stretch> out = new ArrayList<>();
      rows.forEach(r -> out.add(new Stretch(r.getLong("user_id"), r.getString("name"), r.getString("capacity"),
          r.getLong("seat_holder_id"), r.getString("holder_name"), r.getString("seat"), r.getLong("party_id"),
          r.getString("party_name"), r.getString("mode"), SqlTime.read(r, "joined_at"), SqlTime.read(r, "left_at"))));
      return out;
    });
  }

  public Future<Void> join(SqlClient db, long meetingId, long userId, String capacity, Seat seat, String mode, Instant at, Long markedBy) {
    return MeetingStore.exec(db, "INSERT INTO attendance "
            + "(meeting_id, user_id, capacity, seat_holder_id, seat, party_id, mode, joined_at, marked_by) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        Tuple.of(meetingId, userId, capacity, seat == null ? null : seat.holderId(), seat == null ? null : seat.seat(),
            seat == null ? null : seat.partyId(), mode, SqlTime.of(at), markedBy));
  }

  public Future<Void> setMode(SqlClient db, long meetingId, long userId, String mode, long markedBy) {
    return MeetingStore.exec(db, "UPDATE attendance SET mode = $3, marked_by = $4 WHERE meeting_id = $1 AND user_id = $2 AND left_at IS NULL",
        Tuple.of(meetingId, userId, mode, markedBy));
  }

  public Future<Void> leave(SqlClient db, long meetingId, long userId, Instant at) {
    return MeetingStore.exec(db, "UPDATE attendance SET left_at = $3 WHERE meeting_id = $1 AND user_id = $2 AND left_at IS NULL",
        Tuple.of(meetingId, userId, SqlTime.of(at)));
  }

  public Future<Void> leaveAll(SqlClient db, long meetingId, Instant at) {
    return MeetingStore.exec(db, "UPDATE attendance SET left_at = $2 WHERE meeting_id = $1 AND left_at IS NULL",
        Tuple.of(meetingId, SqlTime.of(at)));
  }

  // ---- alternates and proxies ----

  private static final String DELEGATE = "SELECT d.*, p.display_name AS principal_name, g.display_name AS delegate_name "
      + "FROM meeting_delegate d JOIN app_user p ON p.id = d.principal_user_id JOIN app_user g ON g.id = d.delegate_user_id ";

  public Future<List<Delegate>> delegates(SqlClient db, long meetingId) {
    return delegateRows(db, DELEGATE + "WHERE d.meeting_id = $1 AND d.revoked_at IS NULL ORDER BY p.display_name", Tuple.of(meetingId));
  }

  public Future<Optional<Delegate>> delegateFor(SqlClient db, long meetingId, long principalId) {
    return delegateRows(db, DELEGATE + "WHERE d.meeting_id = $1 AND d.principal_user_id = $2 AND d.revoked_at IS NULL",
        Tuple.of(meetingId, principalId)).map(list -> list.stream().findFirst());
  }

  private Future<List<Delegate>> delegateRows(SqlClient db, String sql, Tuple args) {
    return db.preparedQuery(sql).execute(args).map(rows -> {
      List<Delegate> out = new ArrayList<>();
      rows.forEach(r -> out.add(new Delegate(r.getLong("principal_user_id"), r.getString("principal_name"),
          r.getLong("delegate_user_id"), r.getString("delegate_name"), r.getString("kind"), SqlTime.read(r, "appointed_at"))));
      return out;
    });
  }

  public Future<Void> appoint(SqlClient db, long meetingId, long principalId, long delegateId, String kind, long by, Instant at) {
    return revoke(db, meetingId, principalId, at).compose(v -> MeetingStore.exec(db,
        "INSERT INTO meeting_delegate (meeting_id, principal_user_id, delegate_user_id, kind, appointed_by, appointed_at) "
            + "VALUES ($1, $2, $3, $4, $5, $6)",
        Tuple.of(meetingId, principalId, delegateId, kind, by, SqlTime.of(at))));
  }

  public Future<Void> revoke(SqlClient db, long meetingId, long principalId, Instant at) {
    return MeetingStore.exec(db, "UPDATE meeting_delegate SET revoked_at = $3 "
            + "WHERE meeting_id = $1 AND principal_user_id = $2 AND revoked_at IS NULL",
        Tuple.of(meetingId, principalId, SqlTime.of(at)));
  }

  /** Every seat and how it is filled now: by its holder, else by a present alternate or proxy. */
  public Future<RegisterSnapshot> register(SqlClient db, long meetingId, long bodyId) {
    return db.preparedQuery("SELECT code, rules FROM body WHERE id = $1").execute(Tuple.of(bodyId)).compose(body -> seats(db, bodyId)
        .compose(seats -> present(db, meetingId).map(present -> {
          Map<Long, Stretch> bySeat = new HashMap<>();
          for (Stretch s : present) {
            if (s.seatHolderId() != null) {
              // The holder in person wins over their delegate: one seat is filled once.
              bySeat.merge(s.seatHolderId(), s, (a, b) -> "member".equals(a.capacity()) ? a : b);
            }
          }
          List<RegisterSnapshot.SeatPresence> out = new ArrayList<>();
          for (Seat seat : seats) {
            Stretch filled = bySeat.get(seat.holderId());
            out.add(new RegisterSnapshot.SeatPresence(seat.holderId(), seat.holderName(), seat.seat(), seat.partyId(),
                seat.votingGroupId(), seat.category(), seat.voting(), filled == null ? null : filled.capacity(),
                filled == null ? null : filled.userId()));
          }
          Row b = body.iterator().next();
          return new RegisterSnapshot(bodyId, b.getString("code"), b.getString("rules"), out);
        })));
  }

  // ---- quoracy log ----

  public Future<Optional<LoggedQuoracy>> lastQuoracy(SqlClient db, long meetingId) {
    return quoracyRows(db, "SELECT * FROM quoracy_log WHERE meeting_id = $1 ORDER BY id DESC LIMIT 1", meetingId)
        .map(list -> list.stream().findFirst());
  }

  public Future<List<LoggedQuoracy>> quoracyLog(SqlClient db, long meetingId) {
    return quoracyRows(db, "SELECT * FROM quoracy_log WHERE meeting_id = $1 ORDER BY id", meetingId);
  }

  private Future<List<LoggedQuoracy>> quoracyRows(SqlClient db, String sql, long meetingId) {
    return db.preparedQuery(sql).execute(Tuple.of(meetingId)).map(rows -> {
      List<LoggedQuoracy> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new LoggedQuoracy(r.getLong("agenda_item_id"), SqlTime.read(r, "at"), r.getBoolean("quorate"),
            r.getInteger("present"), r.getInteger("base"), r.getInteger("required"), r.getString("explanation")));
      }
      return out;
    });
  }

  public Future<Void> logQuoracy(SqlClient db, long meetingId, Long itemId, Instant at, Quoracy q) {
    return MeetingStore.exec(db, "INSERT INTO quoracy_log (meeting_id, agenda_item_id, at, quorate, present, base, required, explanation) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        Tuple.of(meetingId, itemId, SqlTime.of(at), q.quorate(), q.present(), q.base(), q.required(), q.explanation()));
  }

  /**
   * Adds the live alternates and proxies of the body's meetings not yet over to their meeting's
   * room; members already there stay as they are.
   */
  public Future<Void> addLiveDelegatesToBodyRoom(SqlClient db, long bodyId) {
    return db.preparedQuery("INSERT INTO room_member (room_id, user_id, moderator) "
            + "SELECT DISTINCT m.room_id, d.delegate_user_id, false FROM meeting_delegate d JOIN meeting m ON m.id = d.meeting_id "
            + "WHERE m.body_id = $1 AND d.revoked_at IS NULL AND m.state IN ('scheduled', 'open', 'adjourned') "
            + "ON CONFLICT (room_id, user_id) DO NOTHING")
        .execute(Tuple.of(bodyId)).mapEmpty();
  }
}
