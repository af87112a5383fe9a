package org.quorate.server.decisions;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.Optional;

/**
 * A meeting's attendance, for quoracy of postal and meeting votes counted there. The meetings
 * feature keeps the register ({@link MeetingAttendanceStore} reads it); without a meeting, decisions are
 * judged on ballots alone.
 */
public interface AttendanceSource {
  AttendanceSource NONE = (db, meetingId) -> Future.succeededFuture(Optional.empty());

  /** The meeting's attendance record, or empty when there is no such meeting. */
  Future<Optional<MeetingPresence>> presence(SqlClient db, long meetingId);
}
