package org.quorate.server.rooms;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.quorate.protocol.ProtocolCodec;
import org.quorate.protocol.RoomEvent;

/**
 * The one write path for room events: command de-duplication, gap-free per-room sequence numbers,
 * the stored event, then publication after commit. Every feature that changes a room (threads,
 * decisions, meetings) writes through {@link #write}.
 *
 * <p>Sequence numbers come from {@code UPDATE room SET last_seq = last_seq + 1}, whose row lock is
 * held until commit: a later number can never commit (or be published) before an earlier one.
 */
public final class RoomEventLog {
  private final Pool pool;
  private final RoomBus bus;

  public RoomEventLog(Pool pool, RoomBus bus) {
    this.pool = pool;
    this.bus = bus;
  }

  /** What a write returns to the client's ack. */
  public record Outcome(long room, Long seq, Long messageId, boolean duplicate) {}

  /** Inside a write: appends events to rooms and records after-commit work. */
  public static final class Tx {
    private final SqlConnection conn;
    private final List<Published> published = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final java.util.Set<Long> accessChanged = new java.util.LinkedHashSet<>();

    Tx(SqlConnection conn) {
      this.conn = conn;
    }

    public SqlConnection conn() {
      return conn;
    }

    /** Takes the room's next sequence number and stores the event built for it. */
    public Future<RoomEvent> append(long roomId, LongFunction<RoomEvent> eventAtSeq) {
      return conn.preparedQuery("UPDATE room SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq")
          .execute(Tuple.of(roomId))
          .compose(rows -> {
            long seq = rows.iterator().next().getLong("last_seq");
            RoomEvent event = eventAtSeq.apply(seq);
            String json = ProtocolCodec.encode(event);
            return conn.preparedQuery("INSERT INTO room_event (room_id, seq, type, payload) VALUES ($1, $2, $3, CAST($4::text AS json))")
                .execute(Tuple.of(roomId, seq, typeOf(json), json))
                .map(v -> {
                  published.add(new Published(roomId, seq, json));
                  return event;
                });
          });
    }

    /** Runs once the transaction has committed (notifications, timers); never before. */
    public void afterCommit(Runnable action) {
      afterCommit.add(action);
    }

    /** Who may read the room may have changed: once committed, its subscribed connections re-check. */
    public void accessChanged(long roomId) {
      accessChanged.add(roomId);
    }
  }

  private record Published(long room, long seq, String json) {}

  /**
   * Runs {@code work} in one transaction, at most once per (user, command id). A retry of a
   * committed command returns the original outcome marked duplicate and appends nothing.
   */
  public Future<Outcome> write(long userId, String commandId, long roomId, Function<Tx, Future<Outcome>> work) {
    List<Tx> holder = new ArrayList<>(1);
    return pool.withTransaction(conn -> claim(conn, userId, commandId).compose(prior -> {
          if (prior != null) {
            return Future.succeededFuture(prior);
          }
          Tx tx = new Tx(conn);
          holder.add(tx);
          return work.apply(tx).compose(outcome -> remember(conn, userId, commandId, outcome));
        }))
        .onSuccess(outcome -> {
          if (!holder.isEmpty()) {
            Tx tx = holder.get(0);
            publish(tx);
          }
        });
  }

  /** Same as {@link #write} for system-made changes that have no client command to de-duplicate. */
  public Future<Outcome> writeSystem(Function<Tx, Future<Outcome>> work) {
    List<Tx> holder = new ArrayList<>(1);
    return pool.withTransaction(conn -> {
          Tx tx = new Tx(conn);
          holder.add(tx);
          return work.apply(tx);
        })
        .onSuccess(outcome -> {
          Tx tx = holder.get(0);
          publish(tx);
        });
  }

  private void publish(Tx tx) {
    tx.published.forEach(p -> bus.publishCommitted(p.room, p.seq, p.json));
    tx.accessChanged.forEach(bus::publishAccessChanged);
    tx.afterCommit.forEach(Runnable::run);
  }

  private static Future<Outcome> claim(SqlConnection conn, long userId, String commandId) {
    // A concurrent duplicate blocks on the primary key until the first commits, then sees its row.
    return conn.preparedQuery("INSERT INTO command_result (user_id, command_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id")
        .execute(Tuple.of(userId, commandId))
        .compose(rows -> rows.size() == 1 ? Future.succeededFuture((Outcome) null)
            : conn.preparedQuery("SELECT room_id, seq, message_id FROM command_result WHERE user_id = $1 AND command_id = $2")
                .execute(Tuple.of(userId, commandId))
                .map(prior -> {
                  Row r = prior.iterator().next();
                  return new Outcome(r.getLong("room_id") == null ? 0 : r.getLong("room_id"), r.getLong("seq"),
                      r.getLong("message_id"), true);
                }));
  }

  private static Future<Outcome> remember(SqlConnection conn, long userId, String commandId, Outcome outcome) {
    return conn.preparedQuery("UPDATE command_result SET room_id = $3, seq = $4, message_id = $5 WHERE user_id = $1 AND command_id = $2")
        .execute(Tuple.of(userId, commandId, outcome.room(), outcome.seq(), outcome.messageId()))
        .map(outcome);
  }

  private static String typeOf(String json) {
    // Encoded protocol events always begin with {"type":"<name>"
    int start = json.indexOf("\"type\":\"") + 8;
    return json.substring(start, json.indexOf('"', start));
  }
}
