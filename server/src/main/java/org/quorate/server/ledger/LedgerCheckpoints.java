package org.quorate.server.ledger;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import org.quorate.protocol.RoomEvent;
import org.quorate.server.rooms.RoomEventLog;

/**
 * Posts the ledger's head into a body's room (a {@code system_notice} of kind
 * {@code ledger_checkpoint}): after a decision of the body closes, and at least daily in every body's
 * room. Whoever saw a checkpoint can later show that the history before it was rewritten, because a
 * rewrite changes every hash from the altered entry on. The notice itself adds no entry.
 */
public final class LedgerCheckpoints {
  static final Duration DAILY = Duration.ofHours(24);
  private final Pool pool;
  private final RoomEventLog log;

  public LedgerCheckpoints(Pool pool, RoomEventLog log) {
    this.pool = pool;
    this.log = log;
  }

  /** The head now, posted into the room. */
  public Future<Void> post(long roomId) {
    if (!log.ledger().enabled()) {
      return Future.succeededFuture();
    }
    return log.writeSystem(tx -> log.ledger().head(tx.conn()).compose(head -> tx.append(roomId, seq -> new RoomEvent.SystemNotice(roomId,
            seq, "ledger_checkpoint", "Ledger checkpoint: entry " + head.position() + ", hash " + head.hash(), Instant.now()))
        .map(e -> new RoomEventLog.Outcome(roomId, e.seq(), null, false)))).mapEmpty();
  }

  /**
   * After a decision's close: the head, and the close's own entry, so that whoever holds the decision's
   * archive can match its close entry's hash against what the room was told at the time.
   */
  public Future<Void> postAfterClose(long roomId, long decisionId) {
    if (!log.ledger().enabled()) {
      return Future.succeededFuture();
    }
    return log.writeSystem(tx -> tx.conn().preparedQuery("SELECT position, hash FROM ledger_entry WHERE decision_id = $1 "
            + "AND kind = 'decision_closed' ORDER BY position DESC LIMIT 1").execute(Tuple.of(decisionId))
        .compose(close -> log.ledger().head(tx.conn()).compose(head -> {
          Row c = close.size() == 0 ? null : close.iterator().next();
          String text = (c == null ? "" : "Decision " + decisionId + " closed at ledger entry " + c.getLong("position") + ", hash "
              + c.getString("hash") + ". ") + "Ledger checkpoint: entry " + head.position() + ", hash " + head.hash();
          return tx.append(roomId, seq -> new RoomEvent.SystemNotice(roomId, seq, "ledger_checkpoint", text, Instant.now()));
        }))
        .map(e -> new RoomEventLog.Outcome(roomId, e.seq(), null, false))).mapEmpty();
  }

  /** Every body's room whose last checkpoint is a day old (or that never had one) gets one now. */
  public Future<Void> daily() {
    return pool.preparedQuery("SELECT r.id FROM room r WHERE r.kind = 'body' AND NOT EXISTS (SELECT 1 FROM room_event e "
            + "WHERE e.room_id = r.id AND e.type = 'system_notice' AND e.payload->>'kind' = 'ledger_checkpoint' "
            + "AND e.created_at > now() - make_interval(hours => $1))").execute(Tuple.of((int) DAILY.toHours()))
        .compose(rows -> {
          Future<Void> chain = Future.succeededFuture();
          for (Row r : rows) {
            long room = r.getLong("id");
            chain = chain.compose(v -> post(room));
          }
          return chain;
        });
  }
}
