package org.quorate.server.ledger;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import org.quorate.protocol.Receipt;

/**
 * Appends a transaction's entries to the one global chain, at the end of that transaction.
 *
 * <p>One global chain rather than one per body: a single head is what a checkpoint, a backup and
 * {@code verify} compare, and cross-body facts (a proxy appointment, an attendance change) need no
 * home. Its cost is that writers that decide serialise on the head row, so the head is locked
 * {@code FOR UPDATE} as the <em>last</em> lock of the transaction (lock order: command_result claim,
 * decision row, room sequence rows, then ledger_head) and held only for the inserts and the commit.
 * Entries of concurrent transactions therefore enter the chain in commit order and never fork it.
 */
public final class LedgerChain {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final boolean enabled;

  public LedgerChain(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean enabled() {
    return enabled;
  }

  /** Chains the entries; returns the receipt of the one marked for it, or null. */
  public Future<Receipt> append(SqlClient conn, List<LedgerEntry> entries) {
    if (!enabled || entries.isEmpty()) {
      return Future.succeededFuture();
    }
    return conn.query("SELECT position, hash FROM ledger_head WHERE id = 1 FOR UPDATE").execute().compose(rows -> {
      var head = rows.iterator().next();
      long position = head.getLong("position");
      String prev = head.getString("hash");
      List<Tuple> inserts = new ArrayList<>();
      List<Tuple> salts = new ArrayList<>();
      Receipt receipt = null;
      for (LedgerEntry e : entries) {
        position++;
        TreeMap<String, Object> body = new TreeMap<>(e.body());
        body.put("kind", e.kind());
        body.put("position", position);
        if (e.sealedBallot() != null) {
          byte[] salt = new byte[32];
          RANDOM.nextBytes(salt);
          String saltHex = HexFormat.of().formatHex(salt);
          String opening = Canonical.json(e.sealedBallot());
          body.put("commitment", Canonical.commitment(saltHex, opening));
          salts.add(Tuple.of(position, e.decisionId(), saltHex, opening));
        }
        String canonical = Canonical.json(body);
        String hash = Canonical.entryHash(prev, canonical);
        inserts.add(Tuple.tuple(java.util.Arrays.asList(position, e.kind(), e.decisionId(), e.userId(), canonical, prev, hash)));
        if (e.receipt()) {
          receipt = new Receipt(position, hash);
        }
        prev = hash;
      }
      Receipt answer = receipt;
      long last = position;
      String lastHash = prev;
      if (inserts.size() == 1 && salts.isEmpty()) {
        // The common case (one open ballot): entry and head in one round trip, the head lock held the shorter.
        return conn.preparedQuery("WITH entry AS (INSERT INTO ledger_entry (position, kind, decision_id, user_id, body, prev_hash, hash) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7)) UPDATE ledger_head SET position = $1, hash = $7 WHERE id = 1")
            .execute(inserts.get(0)).map(answer);
      }
      return conn.preparedQuery("INSERT INTO ledger_entry (position, kind, decision_id, user_id, body, prev_hash, hash) "
              + "VALUES ($1, $2, $3, $4, $5, $6, $7)").executeBatch(inserts)
          .compose(v -> salts.isEmpty() ? Future.succeededFuture()
              : conn.preparedQuery("INSERT INTO ledger_salt (position, decision_id, salt, opening) VALUES ($1, $2, $3, $4)").executeBatch(salts))
          .compose(v -> conn.preparedQuery("UPDATE ledger_head SET position = $1, hash = $2 WHERE id = 1").execute(Tuple.of(last, lastHash)))
          .map(answer);
    });
  }

  /** The current head (position and hash), for checkpoints. */
  public Future<Receipt> head(SqlClient db) {
    return db.query("SELECT position, hash FROM ledger_head WHERE id = 1").execute()
        .map(rows -> new Receipt(rows.iterator().next().getLong("position"), rows.iterator().next().getString("hash")));
  }
}
