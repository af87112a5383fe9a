package org.quorate.server.ledger;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import org.quorate.protocol.Receipt;

/**
 * Where a transaction's decision entries go at its end: the {@link HashChain}, or — for a benchmark
 * baseline only ({@code --ledger off}) — {@link #offForBenchmark nowhere}. The choice is made once,
 * when the server is wired; nothing else asks whether the ledger is on except the checkpoints,
 * which have no head worth posting without it.
 */
public interface LedgerChain {
  boolean enabled();

  /** Chains the entries; returns the receipt of the one marked for it, or null. */
  Future<Receipt> append(SqlClient conn, List<LedgerEntry> entries);

  /** Chains a batch's entries; answers each entry's own receipt (or null), in order. */
  Future<List<Receipt>> appendAll(SqlClient conn, List<LedgerEntry> entries);

  /** The current head (position and hash), for checkpoints. */
  default Future<Receipt> head(SqlClient db) {
    return db.query("SELECT position, hash FROM ledger_head WHERE id = 1").execute()
        .map(rows -> new Receipt(rows.iterator().next().getLong("position"), rows.iterator().next().getString("hash")));
  }

  static LedgerChain chained() {
    return new HashChain();
  }

  /**
   * Appends nothing: the baseline against which the ledger's cost is measured (bench W5). Every
   * decision, ballot and close written meanwhile is missing from the chain, and {@code verify}
   * names them; so this is never for a store whose record matters.
   */
  static LedgerChain offForBenchmark() {
    org.slf4j.LoggerFactory.getLogger(LedgerChain.class).warn("""

        ************************************************************************************
        *  THE DECISION LEDGER IS OFF (--ledger off): decisions, ballots and closes are     *
        *  NOT chained. This is a benchmark baseline only; the record of this store cannot  *
        *  be verified, and `verify` will report every missing entry.                       *
        ************************************************************************************""");
    return new LedgerChain() {
      @Override
      public boolean enabled() {
        return false;
      }

      @Override
      public Future<Receipt> append(SqlClient conn, List<LedgerEntry> entries) {
        return Future.succeededFuture();
      }

      @Override
      public Future<List<Receipt>> appendAll(SqlClient conn, List<LedgerEntry> entries) {
        return Future.succeededFuture(java.util.Collections.nCopies(entries.size(), (Receipt) null));
      }
    };
  }
}
