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
import org.quorate.protocol.Receipt;
import org.quorate.protocol.RoomEvent;
import org.quorate.server.ledger.LedgerChain;
import org.quorate.server.ledger.LedgerEntry;
import org.quorate.server.store.Transactions;

/**
 * The one write path for room events: command de-duplication, gap-free per-room sequence numbers,
 * the stored event, then publication after commit. Every feature that changes a room (threads,
 * decisions, meetings) writes through {@link #write}.
 *
 * <p>Sequence numbers come from {@code UPDATE room SET last_seq = last_seq + 1}, whose row lock is
 * held until commit: a later number can never commit (or be published) before an earlier one.
 *
 * <p>{@link #writeBatch} (group commit) keeps that lock order but takes the rows later: it reads the
 * batch's prior command outcomes with its checks, locks all its rooms in ascending id only to take
 * their numbers, and inserts the command results last, before any ledger head.
 */
public final class RoomEventLog {
  private final Pool pool;
  private final RoomBus bus;
  private final LedgerChain ledger;

  public RoomEventLog(Pool pool, RoomBus bus, LedgerChain ledger) {
    this.pool = pool;
    this.bus = bus;
    this.ledger = ledger;
  }

  public LedgerChain ledger() {
    return ledger;
  }

  /** What a write returns to the client's ack; {@code receipt} is the ledger entry of a ballot. */
  public record Outcome(long room, Long seq, Long messageId, boolean duplicate, Receipt receipt) {
    public Outcome(long room, Long seq, Long messageId, boolean duplicate) {
      this(room, seq, messageId, duplicate, null);
    }

    public Outcome withReceipt(Receipt r) {
      return r == null ? this : new Outcome(room, seq, messageId, duplicate, r);
    }

    /** The answer to a resend of the command that produced this outcome. */
    public Outcome asDuplicate() {
      return new Outcome(room, seq, messageId, true, receipt);
    }
  }

  /** Who sent a command and its id: a command is written at most once per key. */
  public record CommandKey(long userId, String commandId) {}

  /** Inside a write: appends events to rooms and records after-commit work. */
  public static final class Tx {
    private final SqlConnection conn;
    private final List<Published> published = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final java.util.Set<Long> accessChanged = new java.util.LinkedHashSet<>();
    private final List<LedgerEntry> entries = new ArrayList<>();
    private final List<io.vertx.core.Promise<Receipt>> receipts = new ArrayList<>();
    /** Statements sent without waiting for their answer; the transaction waits for them before it ends. */
    private final List<Future<?>> pending = new ArrayList<>();
    /** Inserts held for one statement at the batch's end ({@link #combineInserts}); null: each is sent at once. */
    private List<Insert> held;

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

    /**
     * Appends one event per entry, to rooms in any mix, with two statements whatever their number:
     * the rooms' rows locked in ascending id and each room's {@code last_seq} advanced once by its
     * count, then the events inserted together. Entries of one room get consecutive numbers in list order.
     */
    public Future<List<RoomEvent>> appendAll(List<Long> roomIds, List<LongFunction<RoomEvent>> eventsAtSeq) {
      java.util.TreeMap<Long, Integer> counts = new java.util.TreeMap<>();
      roomIds.forEach(r -> counts.merge(r, 1, Integer::sum));
      // One statement: the CTE locks the rows in ascending id before the UPDATE can touch any of them
      // (the UPDATE only reaches a row through the CTE), so its waits, if any, are in the lock order.
      Future<io.vertx.sqlclient.RowSet<Row>> taken = conn.preparedQuery("WITH locked AS MATERIALIZED "
              + "(SELECT id FROM room WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE) "
              + "UPDATE room SET last_seq = room.last_seq + c.n FROM unnest($1::bigint[], $2::int[]) AS c(id, n) "
              + "WHERE room.id = c.id AND room.id IN (SELECT id FROM locked) RETURNING room.id, room.last_seq")
          .execute(Tuple.tuple(List.of(counts.keySet().toArray(Long[]::new), counts.values().toArray(Integer[]::new))));
      return taken.compose(v -> {
        java.util.Map<Long, Long> next = new java.util.HashMap<>();
        for (Row r : taken.result()) {
          next.put(r.getLong("id"), r.getLong("last_seq") - counts.get(r.getLong("id")) + 1);
        }
        int n = roomIds.size();
        List<RoomEvent> out = new ArrayList<>(n);
        Long[] rooms = new Long[n];
        Long[] seqs = new Long[n];
        String[] types = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
          long room = roomIds.get(i);
          long seq = next.merge(room, 1L, Long::sum) - 1;
          RoomEvent event = eventsAtSeq.get(i).apply(seq);
          String json = ProtocolCodec.encode(event);
          out.add(event);
          rooms[i] = room;
          seqs[i] = seq;
          types[i] = typeOf(json);
          payloads[i] = json;
          published.add(new Published(room, seq, json));
        }
        // Sent without waiting: the rows that refer to these events follow in the same round trip.
        insert("INSERT INTO room_event (room_id, seq, type, payload) "
                + "SELECT r, s, t, CAST(p AS json) FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS e(r, s, t, p)",
            Tuple.of(rooms, seqs, types, payloads));
        return Future.succeededFuture(out);
      });
    }

    /**
     * The stored outcome (marked duplicate) of each key already written, or null: read with the
     * batch's other checks, before any lock. A copy committed after this read makes
     * {@link #recordAll} fail, and the batch runs again ({@link #writeBatch}).
     */
    public Future<List<Outcome>> priorAll(List<CommandKey> keys) {
      if (keys.isEmpty()) {
        return Future.succeededFuture(List.of());
      }
      return conn.preparedQuery("SELECT user_id, command_id, room_id, seq, message_id FROM command_result "
              + "WHERE (user_id, command_id) IN (SELECT * FROM unnest($1::bigint[], $2::text[]))")
          .execute(keyArrays(keys))
          .map(found -> {
            java.util.Map<CommandKey, Outcome> outcomes = new java.util.HashMap<>();
            found.forEach(r -> outcomes.put(new CommandKey(r.getLong("user_id"), r.getString("command_id")), prior(r)));
            return keys.stream().map(outcomes::get).toList();
          });
    }

    /**
     * Stores each written command's outcome, for its resends, in one statement sent without waiting
     * (the batch's end waits for it). Keys go in sorted order, so two batches that share resent
     * commands cannot wait on each other in a cycle.
     */
    public void recordAll(List<CommandKey> keys, List<Outcome> outcomes) {
      if (keys.isEmpty()) {
        return;
      }
      Integer[] order = java.util.stream.IntStream.range(0, keys.size()).boxed()
          .sorted(java.util.Comparator.comparing((Integer i) -> keys.get(i).userId()).thenComparing(i -> keys.get(i).commandId()))
          .toArray(Integer[]::new);
      insert("INSERT INTO command_result (user_id, command_id, room_id, seq, message_id) "
              + "SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[])",
          Tuple.of(java.util.Arrays.stream(order).map(i -> keys.get(i).userId()).toArray(Long[]::new),
              java.util.Arrays.stream(order).map(i -> keys.get(i).commandId()).toArray(String[]::new),
              java.util.Arrays.stream(order).map(i -> outcomes.get(i).room()).toArray(Long[]::new),
              java.util.Arrays.stream(order).map(i -> outcomes.get(i).seq()).toArray(Long[]::new),
              java.util.Arrays.stream(order).map(i -> outcomes.get(i).messageId()).toArray(Long[]::new)));
    }

    /**
     * From now on, the inserts of this batch ({@link #appendAll}, {@link #recordAll}, {@link #insert})
     * go to PostgreSQL as one statement when the work is done, each a data-modifying {@code WITH}
     * of it: one statement costs PostgreSQL less than three. Only for work whose own statements do
     * not read or refer to those rows before the end (foreign keys are checked at the end of the
     * statement, so the inserted rows may refer to each other).
     */
    public void combineInserts() {
      if (held == null) {
        held = new ArrayList<>();
      }
    }

    /** An {@code INSERT ... SELECT} without {@code RETURNING}: sent now without waiting, or held ({@link #combineInserts}). */
    public void insert(String sql, Tuple params) {
      if (held != null) {
        held.add(new Insert(sql, params));
      } else {
        pending.add(conn.preparedQuery(sql).execute(params));
      }
    }

    /** Sends the held inserts now, as one statement ({@link #combineInserts}); the batch's end does it otherwise. */
    public void sendInserts() {
      if (held == null || held.isEmpty()) {
        return;
      }
      StringBuilder sql = new StringBuilder();
      Tuple params = Tuple.tuple();
      for (int k = 0; k < held.size(); k++) {
        Insert i = held.get(k);
        int offset = params.size();
        // $n of each insert becomes $(n + the parameters before it)
        String renumbered = PARAMETER.matcher(i.sql()).replaceAll(m -> "\\$" + (Integer.parseInt(m.group(1)) + offset));
        boolean last = k == held.size() - 1;
        sql.append(k == 0 && !last ? "WITH " : "").append(last ? renumbered : "i" + k + " AS (" + renumbered + ")")
            .append(last ? "" : k == held.size() - 2 ? " " : ", ");
        for (int j = 0; j < i.params().size(); j++) {
          params.addValue(i.params().getValue(j));
        }
      }
      held.clear();
      pending.add(conn.preparedQuery(sql.toString()).execute(params));
    }

    /**
     * Records a fact that decides: chained into the ledger at the end of this transaction. In a batch
     * ({@link #writeBatch}) the answer is this entry's own receipt, known once the chain is appended
     * (null while the ledger is off); other writes answer one receipt with the outcome and leave it pending.
     */
    public Future<Receipt> ledger(LedgerEntry entry) {
      entries.add(entry);
      io.vertx.core.Promise<Receipt> receipt = io.vertx.core.Promise.promise();
      receipts.add(receipt);
      return receipt.future();
    }

    /**
     * Locks these rooms' rows in ascending id, the documented lock order ({@link Transactions}); a
     * transaction that appends to more than one room calls this first, so two such transactions
     * never wait on each other in a cycle.
     */
    public Future<Void> lockRooms(java.util.Collection<Long> roomIds) {
      return conn.preparedQuery("SELECT id FROM room WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE")
          .execute(Tuple.of(roomIds.stream().distinct().sorted().toArray(Long[]::new)))
          .mapEmpty();
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

  private record Insert(String sql, Tuple params) {}

  private static final java.util.regex.Pattern PARAMETER = java.util.regex.Pattern.compile("\\$(\\d+)");

  /**
   * Runs {@code work} in one transaction, at most once per (user, command id). A retry of a
   * committed command returns the original outcome marked duplicate and appends nothing. A
   * transaction PostgreSQL aborts as a deadlock victim or for a serialization failure is run again
   * ({@link Transactions}), which the command id makes safe.
   */
  public Future<Outcome> write(long userId, String commandId, long roomId, Function<Tx, Future<Outcome>> work) {
    List<Tx> holder = new ArrayList<>(1);
    return Transactions.run(pool, conn -> claim(conn, userId, commandId).compose(prior -> {
          holder.clear();
          if (prior != null) {
            return Future.succeededFuture(prior);
          }
          Tx tx = new Tx(conn);
          holder.add(tx);
          return work.apply(tx).compose(outcome -> remember(conn, userId, commandId, outcome))
              .compose(outcome -> ledger.append(conn, tx.entries).map(outcome::withReceipt));
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
    return Transactions.run(pool, conn -> {
          Tx tx = new Tx(conn);
          holder.clear();
          holder.add(tx);
          return work.apply(tx).compose(outcome -> ledger.append(conn, tx.entries).map(r -> outcome == null ? null : outcome.withReceipt(r)));
        })
        .onSuccess(outcome -> {
          Tx tx = holder.get(0);
          publish(tx);
        });
  }

  /**
   * Runs a batch of commands in one transaction ({@link WriteBatcher}): {@code work} claims their keys
   * ({@link Tx#claimAll}), checks them, appends with {@link Tx#appendAll} and answers each in order.
   * Events are published after commit, in sequence order per room.
   */
  public Future<List<Future<Outcome>>> writeBatch(Function<Tx, Future<List<Future<Outcome>>>> work) {
    return writeBatch(work, 1);
  }

  private Future<List<Future<Outcome>>> writeBatch(Function<Tx, Future<List<Future<Outcome>>>> work, int attempt) {
    List<Tx> holder = new ArrayList<>(1);
    return Transactions.run(pool, conn -> {
          Tx tx = new Tx(conn);
          holder.clear();
          holder.add(tx);
          return work.apply(tx)
              .compose(results -> {
                tx.sendInserts();
                return Future.all(tx.pending).map(results);
              })
              .compose(results -> ledger.appendAll(conn, tx.entries).map(chained -> {
                for (int i = 0; i < chained.size(); i++) {
                  tx.receipts.get(i).complete(chained.get(i));
                }
                return results;
              }));
        })
        .onSuccess(results -> {
          Tx tx = holder.get(0);
          tx.published.sort(java.util.Comparator.comparingLong(Published::room).thenComparingLong(Published::seq));
          publish(tx);
        })
        // A copy of a command committed between the batch's read of prior outcomes and its own
        // insert (the batch's only unique key that can collide): run again, now seeing that copy.
        .recover(e -> attempt < Transactions.ATTEMPTS && e instanceof io.vertx.pgclient.PgException pg
            && "23505".equals(pg.getSqlState()) ? writeBatch(work, attempt + 1) : Future.failedFuture(e));
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
                .map(prior -> prior(prior.iterator().next())));
  }

  private static Outcome prior(Row r) {
    return new Outcome(r.getLong("room_id") == null ? 0 : r.getLong("room_id"), r.getLong("seq"), r.getLong("message_id"), true);
  }

  private static Tuple keyArrays(List<CommandKey> keys) {
    // Tuple.tuple, not Tuple.of: of(a, b) with two arrays would spread the second as varargs.
    return Tuple.tuple(List.of(keys.stream().map(CommandKey::userId).toArray(Long[]::new),
        keys.stream().map(CommandKey::commandId).toArray(String[]::new)));
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
