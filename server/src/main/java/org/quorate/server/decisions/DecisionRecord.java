package org.quorate.server.decisions;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.DomainException;
import org.quorate.server.ledger.Canonical;

/**
 * The ledger as a decision's readers and voters see it: a voter's receipt check, and the decision's
 * archive (verifiable offline with {@code verify --archive}). Sealed ballots' content never leaves
 * before the close: their entries hold only commitments, and the archive waits for the close.
 */
final class DecisionRecord {
  private final Pool pool;
  private final DecisionService decisions;
  private final DecisionStore store;

  DecisionRecord(Pool pool, DecisionService decisions, DecisionStore store) {
    this.pool = pool;
    this.decisions = decisions;
    this.store = store;
  }

  /** An entry as the archive and the receipt check give it: exactly what was hashed, with its links. */
  public record Entry(long position, String kind, String body, String prevHash, String hash, Instant recordedAt) {}

  /**
   * What a receipt proves: the entry is in the chain ({@code intact}: its hash recomputes and its
   * neighbours link to it), and once the decision closed, whether this ballot was the one counted.
   */
  public record ReceiptCheck(long position, String hash, long decisionId, boolean intact, boolean sealed, String decisionStatus,
      Boolean counted, Instant recordedAt, Map<String, Object> ballot) {}

  Future<ReceiptCheck> receipt(Principal who, String hash) {
    return pool.preparedQuery("SELECT e.*, n.prev_hash AS next_prev FROM ledger_entry e LEFT JOIN ledger_entry n ON n.position = e.position + 1 "
            + "WHERE e.hash = $1 AND e.kind = 'ballot'").execute(Tuple.of(hash.toLowerCase()))
        .compose(rows -> {
          if (rows.size() == 0) {
            throw DomainException.notFound("receipt", hash);
          }
          Row r = rows.iterator().next();
          long decisionId = r.getLong("decision_id");
          Entry e = entry(r);
          String nextPrev = r.getString("next_prev");
          Future<Void> allowed = Long.valueOf(who.userId()).equals(r.getLong("user_id")) ? Future.succeededFuture()
              : store.get(pool, decisionId).compose(d -> decisions.rooms().openForRead(who, d.roomId())).mapEmpty();
          return allowed.compose(v -> pool.preparedQuery("SELECT hash FROM ledger_entry WHERE position = $1").execute(Tuple.of(e.position() - 1)))
              .compose(prev -> store.get(pool, decisionId).compose(d -> closedEntry(decisionId).map(closed -> {
                String before = e.position() == 1 ? Canonical.GENESIS : prev.size() == 0 ? null : prev.iterator().next().getString("hash");
                boolean linked = e.prevHash().equals(before) && (nextPrev == null || nextPrev.equals(e.hash()));
                boolean intact = linked && e.hash().equals(Canonical.entryHash(e.prevHash(), e.body()));
                Map<String, Object> body = Canonical.parse(e.body());
                boolean sealed = body.containsKey("commitment");
                Long ballotId = sealed ? closed.map(c -> openedBallotId(c, e.position())).orElse(null)
                    : ((Number) body.get("ballot_id")).longValue();
                Boolean counted = closed.isEmpty() || ballotId == null ? null
                    : ((List<?>) closed.get().get("counted_ballots")).stream().anyMatch(x -> ((Number) x).longValue() == ballotId);
                return new ReceiptCheck(e.position(), e.hash(), decisionId, intact, sealed, d.status(), counted, e.recordedAt(),
                    sealed ? null : body);
              })));
        });
  }

  /** The latest close of the decision, with the salts revealed just before it, as one map. */
  private Future<java.util.Optional<Map<String, Object>>> closedEntry(long decisionId) {
    return pool.preparedQuery("SELECT kind, body FROM ledger_entry WHERE decision_id = $1 AND kind IN ('decision_closed', 'salts_revealed') "
            + "ORDER BY position").execute(Tuple.of(decisionId))
        .map(rows -> {
          Map<String, Object> closed = null;
          List<Object> openings = new ArrayList<>();
          for (Row r : rows) {
            Map<String, Object> b = Canonical.parse(r.getString("body"));
            if ("salts_revealed".equals(r.getString("kind"))) {
              openings.addAll((List<?>) b.get("openings"));
            } else {
              closed = new java.util.HashMap<>(b);
            }
          }
          if (closed != null) {
            closed.put("openings", openings);
          }
          return java.util.Optional.ofNullable(closed);
        });
  }

  private static Long openedBallotId(Map<String, Object> closed, long position) {
    return ((List<?>) closed.get("openings")).stream().map(o -> (Map<?, ?>) o)
        .filter(o -> ((Number) o.get("position")).longValue() == position)
        .map(o -> ((Number) ((Map<?, ?>) o.get("ballot")).get("ballot_id")).longValue()).findFirst().orElse(null);
  }

  /** The archive of a decision one may read; a sealed one only once closed (or cancelled: then without ballots). */
  public record Archive(String format, DecisionService.DecisionView decision, List<Entry> ledger, Map<String, Object> head) {}

  Future<Archive> archive(Principal who, long decisionId) {
    return decisions.view(who, decisionId).compose(view -> {
      if ("sealed".equals(view.visibility()) && "open".equals(view.status())) {
        throw DomainException.conflict("a sealed decision's archive is available once it has closed");
      }
      return pool.preparedQuery("SELECT * FROM ledger_entry WHERE decision_id = $1 ORDER BY position").execute(Tuple.of(decisionId))
          .compose(rows -> pool.query("SELECT position, hash FROM ledger_head").execute().map(head -> {
            List<Entry> entries = new ArrayList<>();
            rows.forEach(r -> entries.add(entry(r)));
            Row h = head.iterator().next();
            return new Archive("quorate-decision-archive/1", view, entries, Map.of("position", h.getLong("position"), "hash", h.getString("hash")));
          }));
    });
  }

  private static Entry entry(Row r) {
    return new Entry(r.getLong("position"), r.getString("kind"), r.getString("body"), r.getString("prev_hash"), r.getString("hash"),
        r.getOffsetDateTime("recorded_at").toInstant());
  }
}
