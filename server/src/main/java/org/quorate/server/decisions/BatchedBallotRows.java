package org.quorate.server.decisions;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.quorate.server.decisions.counting.BallotCapacity;
import org.quorate.server.decisions.counting.BallotChannel;
import org.quorate.server.decisions.counting.Choice;

/**
 * A batch's ballot rows, written in one statement once all are judged instead of one round trip per
 * ballot. Their ids are taken from the ballot sequence in one round trip after the batch's decisions
 * are locked, and handed out in the order the ballots are judged, so, as when each was inserted at
 * once, a decision's later ballot has the higher id. Each ballot is cast at the database instant it
 * was judged at (read under the decision's lock), which the ledger entry records too.
 */
final class BatchedBallotRows {
  private final ArrayDeque<Long> ids;
  private final List<Object[]> rows = new ArrayList<>();

  private BatchedBallotRows(List<Long> ids) {
    this.ids = new ArrayDeque<>(ids);
  }

  /** Takes {@code n} ids; sent after the lock statement on the same connection, so it runs once the locks are held. */
  static Future<BatchedBallotRows> reserve(SqlClient db, int n) {
    return DecisionStore.reserveBallotIds(db, n).map(BatchedBallotRows::new);
  }

  /** The ballot as it will be stored, with the next id; written by {@link #insertAll}. */
  DecisionStore.StoredBallot add(long decisionId, long seatId, long castBy, BallotCapacity capacity, Choice choice, String reason,
      List<String> objectives, int motionVersion, BallotChannel channel, String option, Instant castAt) {
    long id = ids.removeFirst();
    rows.add(new Object[] {id, decisionId, seatId, castBy, choice == null ? null : choice.word(), choice == null, reason,
        new io.vertx.core.json.JsonArray(objectives).encode(), motionVersion, channel.name(), choice == null ? null : option,
        capacity.name().toLowerCase(), castAt.atOffset(ZoneOffset.UTC)});
    return DecisionStore.storedBallot(id, castAt, seatId, castBy, capacity, choice, reason, objectives, motionVersion, channel, option);
  }

  /** One INSERT for every row added; nothing to send when every ballot was refused. */
  Future<Void> insertAll(SqlClient db) {
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = rows.size();
    Object[][] columns = new Object[13][];
    Class<?>[] types = {Long.class, Long.class, Long.class, Long.class, String.class, Boolean.class, String.class, String.class,
        Integer.class, String.class, String.class, String.class, java.time.OffsetDateTime.class};
    for (int c = 0; c < 13; c++) {
      columns[c] = (Object[]) java.lang.reflect.Array.newInstance(types[c], n);
      for (int i = 0; i < n; i++) {
        columns[c][i] = rows.get(i)[c];
      }
    }
    return DecisionStore.insertBallotColumns(db, columns);
  }
}
