package org.quorate.server.meetings;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.DomainException;
import org.quorate.server.rooms.Room;
import org.quorate.server.threads.PostingGate;

/**
 * Enforces the chair's rulings on posting while a meeting is open or adjourned in a body's room: a
 * muted or removed participant may not post, and a locked room takes posts only from the body's
 * members, its chair, the meeting's co-chairs and minute-takers, and appointed alternates and proxies.
 * The acting chair may pin messages there.
 */
public final class MeetingPostingGate implements PostingGate {

  @Override
  public Future<Void> checkPost(SqlClient db, Room room, Principal user) {
    if (room.bodyId() == null) {
      return Future.succeededFuture();
    }
    return db.preparedQuery("SELECT m.room_locked, "
            + "(SELECT string_agg(s.kind, ',') FROM meeting_sanction s "
            + "  WHERE s.meeting_id = m.id AND s.user_id = $2 AND s.lifted_at IS NULL) AS sanctions, "
            + "(EXISTS (SELECT 1 FROM body_member bm WHERE bm.body_id = m.body_id AND bm.user_id = $2) "
            + "  OR b.chair_user_id = $2 OR m.acting_chair_id = $2 "
            + "  OR EXISTS (SELECT 1 FROM meeting_role r WHERE r.meeting_id = m.id AND r.user_id = $2) "
            + "  OR EXISTS (SELECT 1 FROM meeting_delegate d "
            + "    WHERE d.meeting_id = m.id AND d.delegate_user_id = $2 AND d.revoked_at IS NULL)) AS insider "
            + "FROM meeting m JOIN body b ON b.id = m.body_id WHERE m.room_id = $1 AND m.state IN ('open', 'adjourned')")
        .execute(Tuple.of(room.id(), user.userId()))
        .compose(rows -> {
          for (Row r : rows) {
            String sanctions = r.getString("sanctions");
            if (sanctions != null && sanctions.contains("removed")) {
              return Future.failedFuture(DomainException.notAuthorised("the chair removed you from the meeting in this room"));
            }
            if (sanctions != null && sanctions.contains("muted")) {
              return Future.failedFuture(DomainException.notAuthorised("the chair has muted you in this meeting"));
            }
            if (r.getBoolean("room_locked") && !r.getBoolean("insider")) {
              return Future.failedFuture(DomainException.notAuthorised("the chair has locked this meeting's room to its members"));
            }
          }
          return Future.succeededFuture();
        });
  }

  @Override
  public Future<Boolean> grantsPin(SqlClient db, Room room, Principal user) {
    if (room.bodyId() == null) {
      return Future.succeededFuture(false);
    }
    return db.preparedQuery("SELECT 1 FROM meeting WHERE room_id = $1 AND acting_chair_id = $2 AND state IN ('open', 'adjourned')")
        .execute(Tuple.of(room.id(), user.userId()))
        .map(rows -> rows.size() > 0);
  }
}
