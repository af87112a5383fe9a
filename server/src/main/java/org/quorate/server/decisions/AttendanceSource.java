package org.quorate.server.decisions;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.Optional;
import org.quorate.server.decisions.counting.Attendance;

/**
 * Who is present at a meeting, for quoracy of postal and meeting votes counted there. The meetings
 * feature provides it; without a meeting, decisions are judged on ballots alone.
 */
public interface AttendanceSource {
  AttendanceSource NONE = (db, meetingId) -> Future.succeededFuture(Optional.empty());

  Future<Optional<Attendance>> attendance(SqlClient db, long meetingId);
}
