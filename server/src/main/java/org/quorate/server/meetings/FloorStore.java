package org.quorate.server.meetings;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.quorate.protocol.QueueEntry;
import org.quorate.protocol.UserRef;

/** SQL for the speaking queue: one row per raised hand, waiting ones numbered in speaking order. */
public final class FloorStore {

  /** The waiting hands, in speaking order, as the pure queue and as the wire shows them. */
  public record Waiting(SpeakingQueue queue, List<QueueEntry> wire) {}

  public Future<Waiting> waiting(SqlClient db, long meetingId) {
    return db.preparedQuery("SELECT s.id, s.user_id, u.display_name, s.point_of_order, s.raised_at FROM speaking_request s "
            + "JOIN app_user u ON u.id = s.user_id WHERE s.meeting_id = $1 AND s.state = 'waiting' ORDER BY s.position, s.id")
        .execute(Tuple.of(meetingId))
        .map(rows -> {
          List<SpeakingQueue.Entry> entries = new ArrayList<>();
          List<QueueEntry> wire = new ArrayList<>();
          rows.forEach(r -> {
            Instant raised = SqlTime.read(r, "raised_at");
            entries.add(new SpeakingQueue.Entry(r.getLong("id"), r.getLong("user_id"), r.getBoolean("point_of_order"), raised));
            wire.add(new QueueEntry(r.getLong("id"), new UserRef(r.getLong("user_id"), r.getString("display_name")),
                r.getBoolean("point_of_order"), raised));
          });
          return new Waiting(SpeakingQueue.of(entries), wire);
        });
  }

  public Future<Long> raise(SqlClient db, long meetingId, long userId, boolean pointOfOrder, Instant at) {
    return db.preparedQuery("INSERT INTO speaking_request (meeting_id, user_id, point_of_order, raised_at, position, state) "
            + "VALUES ($1, $2, $3, $4, 0, 'waiting') RETURNING id")
        .execute(Tuple.of(meetingId, userId, pointOfOrder, SqlTime.of(at)))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /** Ends a waiting hand: lowered by its owner, given the floor, or withdrawn (left, removed, closed). */
  public Future<Void> end(SqlClient db, long requestId, String state, Instant at) {
    return MeetingStore.exec(db, "UPDATE speaking_request SET state = $2, "
        + "ended_at = CASE WHEN $2 = 'floor' THEN NULL ELSE $3::timestamptz END WHERE id = $1",
        Tuple.of(requestId, state, SqlTime.of(at)));
  }

  /** The floor holder's request ends when the floor passes on. */
  public Future<Void> floorEnded(SqlClient db, Long requestId, Instant at) {
    if (requestId == null) {
      return Future.succeededFuture();
    }
    return MeetingStore.exec(db, "UPDATE speaking_request SET ended_at = $2 WHERE id = $1", Tuple.of(requestId, SqlTime.of(at)));
  }

  public Future<Void> withdrawAll(SqlClient db, long meetingId, Instant at) {
    return MeetingStore.exec(db, "UPDATE speaking_request SET state = 'withdrawn', ended_at = $2 WHERE meeting_id = $1 AND state = 'waiting'",
        Tuple.of(meetingId, SqlTime.of(at)));
  }

  /** Stores the queue's order as positions 1..n. */
  public Future<Void> store(SqlClient db, SpeakingQueue queue) {
    if (queue.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = new ArrayList<>();
    List<SpeakingQueue.Entry> entries = queue.entries();
    for (int i = 0; i < entries.size(); i++) {
      batch.add(Tuple.of(entries.get(i).requestId(), i + 1));
    }
    return db.preparedQuery("UPDATE speaking_request SET position = $2 WHERE id = $1").executeBatch(batch).mapEmpty();
  }
}
