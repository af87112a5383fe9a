package org.quorate.server.threads;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.quorate.server.rooms.RoomAccess;
import org.quorate.server.rooms.RoomEventLog.CommandKey;
import org.quorate.server.rooms.RoomEventLog.Outcome;
import org.quorate.server.rooms.RoomStore;

/**
 * The one read of a batch of posts ({@link PostBatch}): PostgreSQL spends more of its time per
 * statement than per row, so what used to be four statements (the rooms and the posters' standing,
 * the rooms' followers, new message ids, prior outcomes of the commands) is one.
 */
final class PostStore {

  /**
   * What one post needs to know before it is written: its room (null when there is none) and the
   * poster's standing there, the room's followers (only for a post that starts a thread), an id for
   * the message, and the outcome of the same command if it was already written (else null).
   */
  record Opening(RoomStore.Opening opening, List<Long> followers, long messageId, Outcome prior) {}

  /** One row per key, in order; {@code rooms.get(i)} is where the i-th command posts, {@code topLevel.get(i)} whether it starts a thread. */
  Future<List<Opening>> open(SqlClient db, List<Long> rooms, List<CommandKey> keys, List<Boolean> topLevel) {
    int n = keys.size();
    Long[] userIds = new Long[n];
    String[] commandIds = new String[n];
    for (int i = 0; i < n; i++) {
      userIds[i] = keys.get(i).userId();
      commandIds[i] = keys.get(i).commandId();
    }
    return db.preparedQuery("SELECT " + RoomStore.COLUMNS + ", m.user_id IS NOT NULL AS member, "
            + "coalesce(m.moderator, false) AS moderator, nextval('message_id_seq') AS message_id, "
            + "CASE WHEN c.top THEN ARRAY(SELECT f.user_id FROM follow f WHERE f.room_id = c.room_id) END AS followers, "
            + "cr.user_id IS NOT NULL AS written, cr.room_id AS prior_room, cr.seq AS prior_seq, cr.message_id AS prior_message "
            + "FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::boolean[]) WITH ORDINALITY AS c(room_id, user_id, command_id, top, i) "
            + "LEFT JOIN room r ON r.id = c.room_id "
            + "LEFT JOIN room_member m ON m.room_id = c.room_id AND m.user_id = c.user_id "
            + "LEFT JOIN command_result cr ON cr.user_id = c.user_id AND cr.command_id = c.command_id "
            + "ORDER BY c.i")
        .execute(Tuple.tuple(List.of(rooms.toArray(Long[]::new), userIds, commandIds, topLevel.toArray(Boolean[]::new))))
        .map(rows -> {
          List<Opening> out = new ArrayList<>(n);
          for (Row r : rows) {
            RoomStore.Opening o = new RoomStore.Opening(r.getLong("id") == null ? null : RoomStore.room(r),
                new RoomAccess.Standing(r.getBoolean("member"), r.getBoolean("moderator")));
            Long[] followers = r.getArrayOfLongs("followers");
            Outcome prior = !r.getBoolean("written") ? null : new Outcome(r.getLong("prior_room") == null ? 0 : r.getLong("prior_room"),
                r.getLong("prior_seq"), r.getLong("prior_message"), true);
            out.add(new Opening(o, followers == null ? List.of() : Arrays.asList(followers), r.getLong("message_id"), prior));
          }
          return out;
        });
  }
}
