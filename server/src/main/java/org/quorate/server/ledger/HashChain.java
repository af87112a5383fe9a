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
public final class HashChain implements LedgerChain {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public Future<Receipt> append(SqlClient conn, List<LedgerEntry> entries) {
    if (entries.isEmpty()) {
      return Future.succeededFuture();
    }
    if (entries.size() == 1) {
      return appendOne(conn, entries.get(0));
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
      return conn.preparedQuery("INSERT INTO ledger_entry (position, kind, decision_id, user_id, body, prev_hash, hash) "
              + "VALUES ($1, $2, $3, $4, $5, $6, $7)").executeBatch(inserts)
          .compose(v -> salts.isEmpty() ? Future.succeededFuture()
              : conn.preparedQuery("INSERT INTO ledger_salt (position, decision_id, salt, opening) VALUES ($1, $2, $3, $4)").executeBatch(salts))
          .compose(v -> conn.preparedQuery("UPDATE ledger_head SET position = $1, hash = $2 WHERE id = 1").execute(Tuple.of(last, lastHash)))
          .map(answer);
    });
  }

  /**
   * The common case (one ballot, one change): the head is locked, the entry chained and the head moved
   * in a single statement, so the global head lock is held for that statement and the commit only, not
   * across a round trip to this process and back (which under load waits for a busy event loop). The
   * entry's position is only known under the lock, so the body is canonicalised here with a placeholder
   * position that PostgreSQL replaces, and PostgreSQL computes the same SHA-256(prev ‖ body) as
   * {@link Canonical#entryHash} (the verifier recomputes it in Java). The placeholder cannot occur
   * anywhere else in canonical JSON: inside a string its quotes would be escaped.
   */
  private Future<Receipt> appendOne(SqlClient conn, LedgerEntry e) {
    TreeMap<String, Object> body = new TreeMap<>(e.body());
    body.put("kind", e.kind());
    body.put("position", PLACEHOLDER);
    String salt = null;
    String opening = null;
    if (e.sealedBallot() != null) {
      byte[] bytes = new byte[32];
      RANDOM.nextBytes(bytes);
      salt = HexFormat.of().formatHex(bytes);
      opening = Canonical.json(e.sealedBallot());
      body.put("commitment", Canonical.commitment(salt, opening));
    }
    String template = Canonical.json(body);
    String sql = "WITH head AS (SELECT position + 1 AS pos, hash AS prev FROM ledger_head WHERE id = 1 FOR UPDATE), "
        + "entry AS (SELECT pos, prev, replace($1, '\"position\":" + PLACEHOLDER + "', '\"position\":' || pos) AS body FROM head), "
        + "hashed AS (SELECT pos, prev, body, encode(sha256(decode(prev, 'hex') || convert_to(body, 'UTF8')), 'hex') AS hash FROM entry), "
        + "inserted AS (INSERT INTO ledger_entry (position, kind, decision_id, user_id, body, prev_hash, hash) "
        + "SELECT pos, $2, $3, $4, body, prev, hash FROM hashed RETURNING position, hash)"
        + (salt == null ? "" : ", salted AS (INSERT INTO ledger_salt (position, decision_id, salt, opening) SELECT pos, $3, $5, $6 FROM hashed)")
        + " UPDATE ledger_head h SET position = i.position, hash = i.hash FROM inserted i WHERE h.id = 1 RETURNING i.position, i.hash";
    List<Object> params = new ArrayList<>(java.util.Arrays.asList(template, e.kind(), e.decisionId(), e.userId()));
    if (salt != null) {
      params.add(salt);
      params.add(opening);
    }
    return conn.preparedQuery(sql).execute(Tuple.tuple(params)).map(rows -> {
      var row = rows.iterator().next();
      return e.receipt() ? new Receipt(row.getLong("position"), row.getString("hash")) : null;
    });
  }

  /**
   * Chains many entries (a batch of ballots) in one statement, so the head lock is held for that
   * statement and the commit only, however many entries there are; answers each entry's own position
   * and hash, in order. As in {@link #appendOne}, bodies are
   * canonicalised here with a placeholder position, and PostgreSQL walks the entries in order
   * (a recursive query) computing each SHA-256(prev ‖ body) from the one before.
   */
  @Override
  public Future<List<Receipt>> appendAll(SqlClient conn, List<LedgerEntry> entries) {
    if (entries.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    int n = entries.size();
    String[] templates = new String[n];
    String[] kinds = new String[n];
    Long[] decisions = new Long[n];
    Long[] users = new Long[n];
    String[] salts = new String[n];
    String[] openings = new String[n];
    for (int i = 0; i < n; i++) {
      LedgerEntry e = entries.get(i);
      TreeMap<String, Object> body = new TreeMap<>(e.body());
      body.put("kind", e.kind());
      body.put("position", PLACEHOLDER);
      if (e.sealedBallot() != null) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        salts[i] = HexFormat.of().formatHex(bytes);
        openings[i] = Canonical.json(e.sealedBallot());
        body.put("commitment", Canonical.commitment(salts[i], openings[i]));
      }
      templates[i] = Canonical.json(body);
      kinds[i] = e.kind();
      decisions[i] = e.decisionId();
      users[i] = e.userId();
    }
    String placed = "replace(t.template, '\"position\":" + PLACEHOLDER + "', '\"position\":' || (c.pos + 1))";
    String sql = "WITH RECURSIVE head AS (SELECT position, hash FROM ledger_head WHERE id = 1 FOR UPDATE), "
        + "input AS (SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::text[], $6::text[]) "
        + "WITH ORDINALITY AS t(template, kind, decision_id, user_id, salt, opening, i)), "
        + "chain AS (SELECT 0::bigint AS i, h.position AS pos, h.hash AS hash, NULL::text AS prev, NULL::text AS body FROM head h "
        + "UNION ALL SELECT t.i, c.pos + 1, encode(sha256(decode(c.hash, 'hex') || convert_to(" + placed + ", 'UTF8')), 'hex'), "
        + "c.hash, " + placed + " FROM chain c JOIN input t ON t.i = c.i + 1), "
        + "entries AS (SELECT c.i, c.pos, c.prev, c.body, c.hash, t.kind, t.decision_id, t.user_id, t.salt, t.opening "
        + "FROM chain c JOIN input t ON t.i = c.i), "
        + "inserted AS (INSERT INTO ledger_entry (position, kind, decision_id, user_id, body, prev_hash, hash) "
        + "SELECT pos, kind, decision_id, user_id, body, prev, hash FROM entries), "
        + "salted AS (INSERT INTO ledger_salt (position, decision_id, salt, opening) "
        + "SELECT pos, decision_id, salt, opening FROM entries WHERE salt IS NOT NULL), "
        + "moved AS (UPDATE ledger_head h SET position = e.pos, hash = e.hash "
        + "FROM (SELECT pos, hash FROM entries ORDER BY i DESC LIMIT 1) e WHERE h.id = 1) "
        + "SELECT i, pos, hash FROM entries ORDER BY i";
    return conn.preparedQuery(sql).execute(Tuple.tuple(java.util.Arrays.asList(templates, kinds, decisions, users, salts, openings))).map(rows -> {
      List<Receipt> out = new ArrayList<>(n);
      for (var row : rows) {
        int i = (int) (long) row.getLong("i") - 1;
        out.add(entries.get(i).receipt() ? new Receipt(row.getLong("pos"), row.getString("hash")) : null);
      }
      if (out.size() != n) {
        throw new IllegalStateException("ledger chained " + out.size() + " of " + n + " entries");
      }
      return out;
    });
  }

  /** Stands for the position in a body canonicalised before the position is known; no real position is negative. */
  private static final long PLACEHOLDER = -7_355_608_123_456_789L;
}
