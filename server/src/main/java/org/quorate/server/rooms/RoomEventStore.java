package org.quorate.server.rooms;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.quorate.protocol.ProtocolCodec;
import org.quorate.protocol.RoomEvent;

/** Reads a room's stored events: replays after a sequence number and history pages before one. */
public final class RoomEventStore {

  /** A stored event exactly as it goes on the wire. */
  public record StoredEvent(long seq, String json) {
    public RoomEvent decode() {
      try {
        return (RoomEvent) ProtocolCodec.decodeEvent(json);
      } catch (RuntimeException e) {
        throw new IllegalStateException("stored event " + seq + " does not decode: " + e.getMessage() + ": " + json, e);
      }
    }
  }

  /** Events with {@code from < seq <= to}, oldest first. */
  public Future<List<StoredEvent>> between(SqlClient db, long roomId, long from, long to) {
    return db.preparedQuery("SELECT seq, payload::text AS json FROM room_event WHERE room_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq")
        .execute(Tuple.of(roomId, from, to))
        .map(RoomEventStore::events);
  }

  /** Up to {@code limit} events before {@code beforeSeq} (exclusive), returned oldest first. */
  public Future<List<StoredEvent>> before(SqlClient db, long roomId, long beforeSeq, int limit) {
    return db.preparedQuery("SELECT seq, payload::text AS json FROM (SELECT seq, payload FROM room_event "
            + "WHERE room_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3) page ORDER BY seq")
        .execute(Tuple.of(roomId, beforeSeq, limit))
        .map(RoomEventStore::events);
  }

  /** Rewrites a stored event (only for redaction, which must strip content from history too). */
  public Future<Void> replace(SqlClient db, long roomId, long seq, RoomEvent replacement) {
    return db.preparedQuery("UPDATE room_event SET payload = CAST($3::text AS json) WHERE room_id = $1 AND seq = $2")
        .execute(Tuple.of(roomId, seq, ProtocolCodec.encode(replacement)))
        .mapEmpty();
  }

  public Future<List<StoredEvent>> ofTypeForMessage(SqlClient db, long roomId, String type, long messageId) {
    return db.preparedQuery("SELECT seq, payload::text AS json FROM room_event WHERE room_id = $1 AND type = $2 "
            + "AND (payload->>'message_id')::bigint = $3 ORDER BY seq")
        .execute(Tuple.of(roomId, type, messageId))
        .map(RoomEventStore::events);
  }

  private static List<StoredEvent> events(io.vertx.sqlclient.RowSet<Row> rows) {
    List<StoredEvent> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(new StoredEvent(r.getLong("seq"), r.getString("json"))));
    return out;
  }
}
