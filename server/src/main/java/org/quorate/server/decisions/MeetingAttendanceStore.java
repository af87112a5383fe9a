package org.quorate.server.decisions;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the meetings feature's attendance register (its {@code attendance} and {@code meeting_delegate}
 * tables) for decisions counted at a meeting, inside the caller's transaction.
 */
public final class MeetingAttendanceStore implements AttendanceSource {

  @Override
  public Future<Optional<MeetingPresence>> presence(SqlClient db, long meetingId) {
    Tuple id = Tuple.of(meetingId);
    return db.preparedQuery("SELECT body_id, state FROM meeting WHERE id = $1").execute(id).compose(meeting -> {
      if (meeting.size() == 0) {
        return Future.succeededFuture(Optional.empty());
      }
      Row m = meeting.iterator().next();
      return db.preparedQuery("SELECT user_id, joined_at, left_at FROM attendance WHERE meeting_id = $1 ORDER BY id").execute(id)
          .compose(stretchRows -> db.preparedQuery("SELECT id, principal_user_id, delegate_user_id, appointed_at, revoked_at "
                  + "FROM meeting_delegate WHERE meeting_id = $1 ORDER BY id").execute(id)
              .map(delegateRows -> {
                List<MeetingPresence.Stretch> stretches = new ArrayList<>();
                stretchRows.forEach(r -> stretches.add(new MeetingPresence.Stretch(r.getLong("user_id"), instant(r, "joined_at"),
                    instant(r, "left_at"))));
                List<MeetingPresence.Delegation> delegations = new ArrayList<>();
                delegateRows.forEach(r -> delegations.add(new MeetingPresence.Delegation(r.getLong("id"), r.getLong("principal_user_id"),
                    r.getLong("delegate_user_id"), instant(r, "appointed_at"), instant(r, "revoked_at"))));
                return Optional.of(new MeetingPresence(meetingId, m.getLong("body_id"), m.getString("state"), stretches, delegations));
              }));
    });
  }

  private static Instant instant(Row r, String column) {
    OffsetDateTime t = r.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }
}
