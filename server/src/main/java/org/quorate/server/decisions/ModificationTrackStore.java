package org.quorate.server.decisions;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.quorate.server.decisions.ModificationRegister.Track;

/** The decision track each Modification was put on, newest last ({@code modification_track}). */
final class ModificationTrackStore {

  /** The track a Modification is on now, or null if none was set. */
  Future<Track> current(SqlClient db, String modificationId) {
    return db.preparedQuery("SELECT track, reason, set_by, set_at FROM modification_track WHERE modification_id = $1 ORDER BY id DESC LIMIT 1")
        .execute(Tuple.of(modificationId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next()).map(r -> r == null ? null
            : new Track(r.getString("track"), r.getString("reason"), r.getLong("set_by"), r.getOffsetDateTime("set_at").toInstant()));
  }

  Future<Void> set(SqlClient db, String modificationId, String track, long setBy, String reason) {
    return db.preparedQuery("INSERT INTO modification_track (modification_id, track, set_by, reason) VALUES ($1, $2, $3, $4)")
        .execute(Tuple.of(modificationId, track, setBy, reason)).mapEmpty();
  }
}
