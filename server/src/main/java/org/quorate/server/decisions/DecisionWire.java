package org.quorate.server.decisions;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.quorate.protocol.DecisionViews;
import org.quorate.protocol.UserRef;
import org.quorate.server.decisions.counting.BallotDisposition;
import org.quorate.server.decisions.counting.DecisionResult;
import org.quorate.server.decisions.counting.QuoracyReport;
import org.quorate.server.decisions.counting.SealedQuoracy;
import org.quorate.server.decisions.counting.Seat;
import org.quorate.server.decisions.counting.Tally;
import org.quorate.server.decisions.rules.Comparison;
import org.quorate.server.decisions.rules.PartyCategories;

/** Turns the pure counting results into the protocol's decision views. */
final class DecisionWire {
  private DecisionWire() {}

  /**
   * Quoracy as anyone but the voter may see it now: in full unless the decision's ballots are sealed
   * (open, or cancelled), when nothing a voter's choice could change is told. Every event and read
   * before the close goes through here.
   */
  static DecisionViews.Quoracy quoracy(StoredDecision d, DecisionResult result) {
    return quoracy(d, result.quoracy(), result.ballotsCounted());
  }

  /** As above, from the quoracy report and the number of constituencies whose latest ballot counts. */
  static DecisionViews.Quoracy quoracy(StoredDecision d, QuoracyReport q, int ballotsCounted) {
    return d.ballotsVisible() ? counted(q, ballotsCounted) : sealed(SealedQuoracy.of(q, ballotsCounted));
  }

  /** The counted quoracy, for the close (whose stored row may still say open) and open-visibility decisions. */
  static DecisionViews.Quoracy counted(DecisionResult result) {
    return counted(result.quoracy(), result.ballotsCounted());
  }

  private static DecisionViews.Quoracy counted(QuoracyReport q, int ballotsCounted) {
    return new DecisionViews.Quoracy(false, ballotsCounted, q.quorate(), q.participating(), q.required(), q.base(),
        comparison(q.comparison()), q.participation().postalBallots(),
        q.composition().stream().map(c -> new DecisionViews.Composition(c.names(), c.participating(), c.required(), c.met())).toList(),
        q.sentence(), q.forecast() == null ? null : q.forecast().sentence(), q.clause());
  }

  private static DecisionViews.Quoracy sealed(SealedQuoracy s) {
    return new DecisionViews.Quoracy(true, s.ballotsReceived(), null, null, s.required(), s.base(), comparison(s.comparison()),
        null, null, s.sentence(), null, s.clause());
  }

  private static String comparison(Comparison c) {
    return c == null ? null : c.name().toLowerCase();
  }

  static DecisionViews.Tally tally(Tally t) {
    return new DecisionViews.Tally(t.approve(), t.reject(), t.abstain(), t.eligible(), t.notVoted(),
        t.byCategory().stream().map(c -> new DecisionViews.CategoryTally(c.category(), c.name(), c.eligible(), c.approve(),
            c.reject(), c.abstain())).toList(), null);
  }

  /** Names of the users who cast ballots, for the register (voter and, when a proxy cast, who cast). */
  static List<DecisionViews.Ballot> ballots(DecisionResult result, List<Seat> seats, Map<Long, String> partyNames,
      Map<Long, String> userNames, Map<Long, List<String>> objectives, Map<Long, String> options) {
    Map<Long, Seat> byId = new HashMap<>();
    seats.forEach(s -> byId.put(s.id(), s));
    return result.ballots().stream().map(d -> ballot(d, byId.get(d.ballot().seatId()), partyNames, userNames,
        objectives.getOrDefault(d.ballot().sequence(), List.of()), options.get(d.ballot().sequence()))).toList();
  }

  /**
   * A decision with custom options counts ballots per option (approve / reject / abstain stay zero);
   * the per-category table would only show participation, so it is left empty.
   */
  static DecisionViews.Tally tally(Tally t, DecisionResult result, StoredDecision d, Map<Long, String> options) {
    if (!d.customOptions()) {
      return tally(t);
    }
    return new DecisionViews.Tally(0, 0, 0, t.eligible(), t.notVoted(), List.of(), OptionVerdict.count(d.options(), result, options)
        .entrySet().stream().map(e -> new org.quorate.protocol.TallyCount(e.getKey(), e.getValue())).toList());
  }

  static DecisionViews.Ballot ballot(BallotDisposition d, Seat seat, Map<Long, String> partyNames, Map<Long, String> userNames,
      List<String> objectives, String option) {
    var b = d.ballot();
    boolean counted = d.status().counts();
    return new DecisionViews.Ballot(seat.id(), new UserRef(seat.userId(), seat.holderName()),
        new UserRef(b.castByUserId(), userNames.getOrDefault(b.castByUserId(), "user " + b.castByUserId())),
        seat.partyId() == null ? null : partyNames.get(seat.partyId()), PartyCategories.NONE.equals(seat.category()) ? null : seat.category(),
        b.choice() == null ? null : option != null ? option : b.choice().word(), b.reason(), objectives, b.motionVersion(), b.channel().name().toLowerCase(),
        b.castAt(), counted, counted ? null : d.explanation());
  }
}
