package org.quorate.server.decisions;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.quorate.protocol.RoomEvent;
import org.quorate.protocol.UserRef;
import org.quorate.server.decisions.counting.Choice;
import org.quorate.server.domain.DomainException;
import org.quorate.server.rooms.RoomEventLog;
import org.quorate.server.rooms.RoomEventLog.CommandKey;
import org.quorate.server.rooms.RoomEventLog.Outcome;
import org.quorate.server.rooms.WriteBatcher;

/**
 * Group commit for ballots: a batch of ballots, for one decision or several, in one transaction.
 *
 * <ol>
 *   <li>the outcomes of commands already written (a resend is answered with its original outcome,
 *       marked duplicate) read together with the batch's decisions locked in ascending id;
 *   <li>each ballot judged and inserted in the order it arrived, on its decision's cached counting
 *       state ({@link OpenDecisionCounts}), exactly as if the ballots had been cast one after another
 *       (a voter's later ballot in the batch replaces their earlier one); a ballot refused by its checks
 *       fails alone with its typed error, having written nothing;
 *   <li>the announcements for every room at once (rooms locked in ascending id), the command outcomes,
 *       and then every ballot's ledger entry chained in one statement under one hold of the ledger
 *       head ({@link org.quorate.server.ledger.LedgerChain#appendAll}), each ballot answered with the
 *       receipt of its own entry.
 * </ol>
 *
 * Lock order as everywhere: decisions, rooms ascending, command results, ledger head. What no check
 * foresaw fails the transaction, and {@link WriteBatcher} then runs each ballot alone.
 */
final class BallotBatch implements WriteBatcher.Runner<BallotBatch.Cast> {
  /** One ballot command: who cast it and what, with the seat rule of its path. */
  record Cast(long userId, UserRef caster, String commandId, long decisionId, Choice choice, String asked, String reason,
      List<String> objectives, Integer motionVersion, DecisionBallots.SeatFinder seats) {
    CommandKey key() {
      return new CommandKey(userId, commandId);
    }
  }

  private final RoomEventLog log;
  private final DecisionStore store;
  private final DecisionBallots ballots;

  BallotBatch(RoomEventLog log, DecisionStore store, DecisionBallots ballots) {
    this.log = log;
    this.store = store;
    this.ballots = ballots;
  }

  @Override
  public Future<List<Future<Outcome>>> run(List<Cast> batch) {
    return log.writeBatch(tx -> {
      int n = batch.size();
      @SuppressWarnings("unchecked")
      Future<Outcome>[] answers = new Future[n];
      DecisionBallots.Recorded[] recorded = new DecisionBallots.Recorded[n];
      List<CommandKey> keys = batch.stream().map(Cast::key).toList();
      // Pipelined: the prior outcomes are read while the lock is taken.
      Future<List<Outcome>> prior = tx.priorAll(keys);
      Future<Void> locked = store.lockAll(tx.conn(), batch.stream().map(Cast::decisionId).toList());
      // Pipelined too: who the casters are called, for the announcements (a proxy's seat's Party is read on its own).
      Future<DecisionStore.VoterNames> names = store.voterNames(tx.conn(), batch.stream().map(Cast::userId).toList());
      Future<BatchedBallotRows> rows = BatchedBallotRows.reserve(tx.conn(), n);
      Future<Void> judged = Future.all(List.of(prior, locked, names, rows)).mapEmpty();
      // Each decision is locked and read once: its later ballots in the batch start from the stamp
      // the earlier one leaves (its own ballot the latest) and are judged at the same database instant.
      java.util.Map<Long, DecisionStore.LockedForBallot> held = new java.util.HashMap<>();
      for (int k = 0; k < n; k++) {
        int i = k;
        judged = judged.compose(v -> {
          Outcome before = prior.result().get(i);
          if (before != null) {
            answers[i] = Future.succeededFuture(before);
            return Future.succeededFuture();
          }
          Cast c = batch.get(i);
          return ballots.record(tx, c.decisionId(), held.get(c.decisionId()), names.result(), rows.result(), c.userId(), c.seats(), c.choice(), c.reason(), c.objectives(),
                  c.motionVersion(), c.asked())
              .transform(ar -> {
                if (ar.succeeded()) {
                  recorded[i] = ar.result();
                  held.put(c.decisionId(), ar.result().held());
                  return ballots.tellPrincipal(tx, ar.result(), c.caster());
                }
                // Every refusal is raised before the ballot writes anything: it fails alone.
                if (ar.cause() instanceof DomainException) {
                  answers[i] = Future.failedFuture(ar.cause());
                  return Future.succeededFuture();
                }
                return Future.failedFuture(ar.cause());
              });
        });
      }
      return judged.compose(v -> {
        List<Integer> written = new ArrayList<>();
        List<Long> roomIds = new ArrayList<>();
        List<LongFunction<RoomEvent>> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          if (recorded[i] != null) {
            written.add(i);
            roomIds.add(recorded[i].decision().roomId());
            events.add(ballots.announcement(recorded[i]));
          }
        }
        if (written.isEmpty()) {
          return Future.succeededFuture(List.of(answers));
        }
        // Pipelined: the ballot rows and the announcements go in one round trip.
        Future<Void> inserted = rows.result().insertAll(tx.conn());
        Future<List<RoomEvent>> announced = tx.appendAll(roomIds, events);
        return Future.all(inserted, announced).map(both -> announced.result()).map(appended -> {
          List<CommandKey> writtenKeys = new ArrayList<>();
          List<Outcome> outcomes = new ArrayList<>();
          for (int j = 0; j < written.size(); j++) {
            int i = written.get(j);
            RoomEvent e = appended.get(j);
            ballots.announced(tx, recorded[i], e);
            Outcome outcome = new Outcome(e.room(), e.seq(), null, false);
            writtenKeys.add(keys.get(i));
            outcomes.add(outcome);
            answers[i] = recorded[i].receipt().map(outcome::withReceipt);
          }
          tx.recordAll(writtenKeys, outcomes);
          return List.of(answers);
        });
      });
    });
  }
}
