package org.quorate.server.decisions;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.quorate.server.decisions.DecisionFactsLoader.Loaded;
import org.quorate.server.decisions.DecisionStore.CountStamp;
import org.quorate.server.decisions.DecisionStore.LockedForBallot;
import org.quorate.server.decisions.DecisionStore.StoredBallot;
import org.quorate.server.decisions.counting.Ballot;
import org.quorate.server.decisions.counting.BallotDisposition;
import org.quorate.server.decisions.counting.BallotDisposition.Status;
import org.quorate.server.decisions.counting.Choice;
import org.quorate.server.decisions.counting.CountedBallots;
import org.quorate.server.decisions.counting.DecisionFacts;
import org.quorate.server.decisions.counting.DecisionResult;
import org.quorate.server.decisions.counting.Electorate;
import org.quorate.server.decisions.counting.QuoracyReport;
import org.quorate.server.decisions.counting.RunningCount;
import org.quorate.server.decisions.counting.Tally;

/**
 * The counting state of each open decision, kept between its ballots so that a ballot reads only its
 * own facts: the frozen electorate, recusals and proxies, and — instead of every ballot ever cast — the
 * one <em>standing</em> ballot of each constituency (the latest one the count would keep; superseded,
 * refused and displaced entries cannot change any later outcome, see {@link #standing}) — and the
 * {@link RunningCount}: tally and quoracy figures that each ballot moves by its one constituency, so a
 * ballot costs the same whether the decision has twenty seats or two thousand.
 *
 * <p>It is a cache; PostgreSQL stays the truth. Every ballot takes the decision's row lock and then
 * reads a {@link CountStamp} (latest ballot id, recusal count, a digest of the body's proxy
 * appointments, the motion version). The cached state is used only when the stamp equals the one it
 * was built on; anything else — a ballot written by another node or before a restart, a recusal, a
 * proxy appointed or revoked, an amendment — makes it reload from the store under that same lock. So
 * several nodes may each keep a copy: the lock serialises them, and the stamp tells each whether its
 * copy is still exact. Seats are frozen when the decision opens, so membership, role and Party changes
 * cannot alter an open decision's electorate; display names are read per ballot, never cached.
 *
 * <p>A ballot changes the state only once its transaction has committed. Until then it is held as
 * {@code pending}; the next ballot (already under the lock, so after that commit or rollback) sees
 * from the stamp which happened: the pending ballot's id as the latest means it committed.
 *
 * <p>Decisions counted at a meeting depend on attendance at each instant; they are loaded per ballot
 * as before (they are small, and cast at human speed).
 */
final class OpenDecisionCounts {
  /** The statuses {@link org.quorate.server.decisions.counting.CountedBallots} gives the last ballot of a constituency. */
  private static final Set<Status> STANDING = EnumSet.of(Status.COUNTED, Status.COUNTED_AS_ABSTENTION, Status.WITHDRAWN,
      Status.LAPSED, Status.AWAITING_CONFIRMATION);

  private final DecisionFactsLoader loader;
  private final Map<Long, State> states = new ConcurrentHashMap<>();

  OpenDecisionCounts(DecisionFactsLoader loader) {
    this.loader = loader;
  }

  /** One ballot's view of its decision, under the decision's lock. */
  final class Counting {
    private final LockedForBallot locked;
    private final Loaded loaded;
    private final DecisionFacts facts;
    private final State state;
    private final Set<Long> seatsVoted;
    private Recount recounted;

    private Counting(LockedForBallot locked, Loaded loaded, DecisionFacts facts, State state, Set<Long> seatsVoted) {
      this.locked = locked;
      this.loaded = loaded;
      this.facts = facts;
      this.state = state;
      this.seatsVoted = seatsVoted;
    }

    StoredDecision decision() {
      return locked.decision();
    }

    Instant now() {
      return locked.now();
    }

    /** The stamp read under the lock: with this transaction's ballot as the latest, what a later ballot of the batch sees. */
    CountStamp stamp() {
      return locked.stamp();
    }

    /** The decision's facts with the ballots that can still matter (all of them for a meeting's count). */
    Loaded loaded() {
      return loaded;
    }

    /**
     * The facts admission needs: only the standing ballot of the constituency the ballot is for (all
     * that {@link org.quorate.server.decisions.admission.BallotAdmission} looks at), so admitting a
     * ballot does not recount the whole decision. A seat outside the electorate is refused by admission.
     */
    DecisionFacts admissionFacts(long casterId, Long seatId) {
      if (state == null) {
        return facts;
      }
      Electorate electorate = facts.electorate();
      Optional<org.quorate.server.decisions.counting.Seat> seat = seatId != null ? electorate.seat(seatId) : electorate.seatOf(casterId);
      StoredBallot standing = null;
      if (seat.isPresent()) {
        synchronized (state) {
          standing = state.standing.get(electorate.constituencyOf(seat.get()));
        }
      }
      return facts.withBallots(standing == null ? List.of() : List.of(standing.ballot()));
    }

    /** Whether the seat has any ballot before this one: the announcement calls the new one a change. */
    boolean seatVoted(long seatId) {
      if (state == null) {
        return seatsVoted.contains(seatId);
      }
      synchronized (state) {
        return state.seatsVoted.contains(seatId);
      }
    }

    /**
     * The count with this transaction's ballot, which is held as pending: it enters the state once the
     * transaction has committed. On the cached state the ballot moves the running count by its one
     * constituency; otherwise (a meeting's decision) the decision is recounted.
     */
    Count count(StoredBallot stored) {
      if (state == null) {
        return Count.of(recount(stored), stored.ballot().sequence());
      }
      RunningCount.Step step;
      synchronized (state) {
        step = state.running.preview(stored.ballot());
        state.pending = new Pending(stored, step);
      }
      return new Count(step.disposition(), step.ballotsCounted(), step.quoracy(), step.tally());
    }

    /** The full result with this transaction's ballot, over the ballots that can still matter (custom options count from it). */
    DecisionResult recount(StoredBallot stored) {
      if (recounted == null || recounted.ballot().ballot().sequence() != stored.ballot().sequence()) {
        List<Ballot> all = new ArrayList<>(facts.ballots());
        all.add(stored.ballot());
        recounted = new Recount(stored, DecisionResult.decide(facts.withBallots(all)));
      }
      return recounted.result();
    }

    /** After commit: the pending ballot is now part of the decision (idempotent; a later ballot may have applied it already). */
    void committed(long ballotId) {
      if (state != null) {
        synchronized (state) {
          state.promote(ballotId);
        }
      }
    }
  }

  /**
   * Locks the decision and returns the counting state for this ballot: the cached one if its stamp
   * still matches the store, else one reloaded from the store.
   */
  Future<Counting> begin(SqlClient db, DecisionStore store, long decisionId, LockedForBallot held) {
    Future<LockedForBallot> lock = held != null ? Future.succeededFuture(held) : store.lockForBallot(db, decisionId);
    return lock.compose(locked -> {
      StoredDecision d = locked.decision();
      if (!cacheable(d)) {
        states.remove(d.id());
        return loader.loadForCounting(db, d).map(l -> new Counting(locked, l, l.facts(locked.now()), null,
            seatsOf(l.ballots())));
      }
      State state = states.get(d.id());
      if (state != null) {
        synchronized (state) {
          if (state.current(locked.stamp())) {
            return Future.succeededFuture(state.counting(locked));
          }
        }
      }
      return loader.loadForCounting(db, d).map(l -> {
        State fresh = new State(l, locked.stamp());
        states.put(d.id(), fresh);
        synchronized (fresh) {
          return fresh.counting(locked);
        }
      });
    });
  }

  /** Forgets a decision's state (it closed or was cancelled); a later ballot would reload it anyway. */
  void forget(long decisionId) {
    states.remove(decisionId);
  }

  boolean holds(long decisionId) {
    return states.containsKey(decisionId);
  }

  private static boolean cacheable(StoredDecision d) {
    return "open".equals(d.status()) && ("asynchronous".equals(d.kind()) || d.meetingId() == null);
  }

  private static Set<Long> seatsOf(List<StoredBallot> ballots) {
    Set<Long> out = new HashSet<>();
    ballots.forEach(b -> out.add(b.ballot().seatId()));
    return out;
  }

  private record Pending(StoredBallot ballot, RunningCount.Step step) {}

  private record Recount(StoredBallot ballot, DecisionResult result) {}

  /** What one ballot leads to: its own disposition, and the count (quoracy and tally) with it. */
  record Count(BallotDisposition disposition, int ballotsCounted, QuoracyReport quoracy, Tally tally) {
    static Count of(DecisionResult result, long sequence) {
      return new Count(result.ballots().stream().filter(b -> b.ballot().sequence() == sequence).findFirst().orElseThrow(),
          result.ballotsCounted(), result.quoracy(), result.tally());
    }
  }

  /** Guarded by its own monitor; the decision's row lock already keeps writers to one at a time. */
  private final class State {
    private final Loaded base;
    private final Electorate electorate;
    private CountStamp stamp;
    private final Map<String, StoredBallot> standing = new HashMap<>();
    private final Set<Long> seatsVoted;
    private final RunningCount running;
    private Pending pending;

    State(Loaded full, CountStamp stamp) {
      this.base = full;
      this.stamp = stamp;
      this.electorate = new Electorate(full.rules().electorate().basis(), full.seats());
      this.seatsVoted = seatsOf(full.ballots());
      DecisionFacts facts = full.facts(full.decision().openedAt());
      this.running = new RunningCount(facts);
      Map<Long, StoredBallot> bySequence = new HashMap<>();
      full.ballots().forEach(b -> bySequence.put(b.ballot().sequence(), b));
      for (BallotDisposition b : CountedBallots.resolve(facts).dispositions()) {
        if (STANDING.contains(b.status())) {
          standing.put(electorate.constituencyOf(electorate.seat(b.ballot().seatId()).orElseThrow()), bySequence.get(b.ballot().sequence()));
        }
      }
    }

    /** Applies the pending ballot if the store shows it committed, and says whether the state matches the store. */
    boolean current(CountStamp now) {
      if (pending != null && now.lastBallotId() == pending.ballot().ballot().sequence()) {
        promote(now.lastBallotId());
      }
      pending = null;
      return now.equals(stamp);
    }

    void promote(long ballotId) {
      if (pending == null || pending.ballot().ballot().sequence() != ballotId) {
        return;
      }
      running.apply(pending.step());
      if (pending.step().stands()) {
        standing.put(pending.step().constituency(), pending.ballot());
      }
      seatsVoted.add(pending.ballot().ballot().seatId());
      stamp = stamp.withLastBallot(ballotId);
      pending = null;
    }

    /**
     * The ballot's view. The standing ballots are listed (and sorted) only for a decision with custom
     * options, whose tally counts each option from them; any other reads the running count.
     */
    Counting counting(LockedForBallot locked) {
      StoredDecision d = locked.decision();
      List<StoredBallot> ballots = d.customOptions() ? new ArrayList<>(standing.values()) : new ArrayList<>();
      ballots.sort(Comparator.comparingLong(b -> b.ballot().sequence()));
      Loaded loaded = new Loaded(d, base.rules(), base.seats(), base.recused(), ballots, base.proxies(), Optional.empty(), Map.of(),
          Map.of());
      List<Ballot> list = ballots.stream().map(StoredBallot::ballot).toList();
      DecisionFacts facts = DecisionFacts.asynchronous(d.id(), base.rules(), electorate, base.recused(), list, base.proxies(),
          d.motionVersion(), locked.now()).withInquorateExtensionsUsed(d.inquorateExtensions());
      if (d.castingVote() != null) {
        facts = facts.withCastingVote(Choice.valueOf(d.castingVote().toUpperCase()));
      }
      return new Counting(locked, loaded, facts, this, null);
    }
  }
}
