package org.quorate.server.decisions.counting;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.quorate.server.decisions.counting.BallotDisposition.Status;
import org.quorate.server.decisions.counting.QuoracyCheck.Way;
import org.quorate.server.decisions.counting.Tally.CategoryTally;

/**
 * The count of an open decision not taken at a meeting, kept ballot by ballot: each new ballot is
 * judged against the constituency's last entry alone and moves the tally and the quoracy figures by
 * one constituency, instead of a recount over the whole electorate. Equal, after every ballot, to
 * {@link CountedBallots}, {@link Tally#of} and {@link QuoracyCheck} over every entry ever made (a
 * property test holds it to that); the electorate, recusals, proxies, rules and motion version are
 * those of the facts it was built from, so a change to any of them needs a new instance.
 *
 * <p>Only entries later (by sequence) than every one applied may be added. Not thread-safe.
 */
public final class RunningCount {
  /** The statuses the last entry of a constituency can end with. */
  private static final Set<Status> LAST = EnumSet.of(Status.COUNTED, Status.COUNTED_AS_ABSTENTION, Status.WITHDRAWN,
      Status.LAPSED, Status.AWAITING_CONFIRMATION);

  private final DecisionFacts facts;
  private final Map<String, Ballot> last = new HashMap<>();
  private final Map<String, CountedBallot> counted = new HashMap<>();
  /** Per quoracy constituency, the composition clauses it belongs to; absent: not in the quoracy base. */
  private final Map<String, int[]> quoracyConstituencies = new HashMap<>();
  private final int[] compositionEligible;
  private final int[] compositionPresent;
  private final int[] byWay = new int[Way.values().length];
  private final int eligible;
  private final int recused;
  private final List<CategoryTally> categories;
  private final Map<String, Integer> categoryIndex = new HashMap<>();
  /** approve, reject, abstain: overall at [0], category i at [i + 1]. */
  private final int[][] choices;
  private boolean postalInPlay;
  private long lastSequence = Long.MIN_VALUE;

  /** What adding one entry leads to: its disposition and the count with it; {@link #apply} makes it so. */
  public record Step(BallotDisposition disposition, String constituency, CountedBallot counts, int ballotsCounted, QuoracyReport quoracy,
      Tally tally) {
    /** Whether the entry became its constituency's last (so later entries are judged against it). */
    public boolean stands() {
      return constituency != null;
    }
  }

  /** The count of {@code facts} (not at a meeting), with every entry it holds applied. */
  public RunningCount(DecisionFacts facts) {
    if (facts.atMeeting()) {
      throw new IllegalArgumentException("a meeting's count depends on attendance at each instant");
    }
    this.facts = facts.withBallots(List.of());
    CountedBallots resolved = CountedBallots.resolve(facts);
    var constituencies = QuoracyCheck.constituencies(facts);
    compositionEligible = new int[facts.rules().quorum().composition().size()];
    compositionPresent = new int[compositionEligible.length];
    constituencies.forEach((key, seats) -> {
      int[] rules = QuoracyCheck.compositionRulesOf(facts.rules().quorum(), seats);
      quoracyConstituencies.put(key, rules);
      for (int i : rules) {
        compositionEligible[i]++;
      }
    });
    byWay[Way.NONE.ordinal()] = constituencies.size();
    recused = QuoracyCheck.recused(facts);
    Tally empty = Tally.of(this.facts, CountedBallots.resolve(this.facts));
    eligible = empty.eligible();
    categories = empty.byCategory();
    for (int i = 0; i < categories.size(); i++) {
      categoryIndex.put(categories.get(i).category(), i);
    }
    choices = new int[categories.size() + 1][3];
    for (BallotDisposition d : resolved.dispositions()) {
      if (LAST.contains(d.status())) {
        last.put(facts.electorate().constituencyOf(facts.electorate().seat(d.ballot().seatId()).orElseThrow()), d.ballot());
      }
      lastSequence = Math.max(lastSequence, d.ballot().sequence());
    }
    resolved.byConstituency().forEach((key, ballot) -> {
      counted.put(key, ballot);
      shift(key, ballot, 1);
    });
    postalInPlay = facts.ballots().stream().anyMatch(b -> b.channel() == BallotChannel.POSTAL);
  }

  /** Judges {@code ballot} as the latest entry and counts with it, changing nothing. */
  public Step preview(Ballot ballot) {
    if (ballot.sequence() <= lastSequence) {
      throw new IllegalArgumentException("ballot " + ballot.sequence() + " is not later than " + lastSequence);
    }
    Electorate electorate = facts.electorate();
    Optional<Seat> seat = electorate.seat(ballot.seatId());
    Status refusal = seat.isEmpty() ? Status.NOT_IN_ELECTORATE : CountedBallots.entitlement(facts, seat.get(), ballot);
    String constituency = seat.isEmpty() ? null : electorate.constituencyOf(seat.get());
    if (refusal == null) {
      Ballot standing = last.get(constituency);
      if (standing != null && CountedBallots.stands(facts, standing, ballot, seat.get())) {
        refusal = Status.EARLIER_BALLOT_STANDS;
      }
    }
    boolean postal = postalInPlay || ballot.channel() == BallotChannel.POSTAL;
    if (refusal != null) {
      return new Step(new BallotDisposition(ballot, refusal, CountedBallots.explain(refusal)), null, null, counted.size(),
          report(postal), tally());
    }
    Status status = CountedBallots.finalStatus(facts, ballot);
    CountedBallot now = !status.counts() ? null : new CountedBallot(constituency, seat.get(), ballot,
        status == Status.COUNTED_AS_ABSTENTION ? Choice.ABSTAIN : ballot.choice(), ballot.castByUserId() != seat.get().userId());
    CountedBallot before = counted.get(constituency);
    shift(constituency, before, -1);
    shift(constituency, now, 1);
    int ballotsCounted = counted.size() - (before == null ? 0 : 1) + (now == null ? 0 : 1);
    Step step = new Step(new BallotDisposition(ballot, status, CountedBallots.explain(status)), constituency, now, ballotsCounted,
        report(postal), tally());
    shift(constituency, now, -1);
    shift(constituency, before, 1);
    return step;
  }

  /** Makes the previewed entry part of the count; nothing else may have been applied since the preview. */
  public void apply(Step step) {
    Ballot ballot = step.disposition().ballot();
    if (ballot.sequence() <= lastSequence) {
      throw new IllegalStateException("ballot " + ballot.sequence() + " is not later than " + lastSequence);
    }
    lastSequence = ballot.sequence();
    postalInPlay |= ballot.channel() == BallotChannel.POSTAL;
    if (!step.stands()) {
      return;
    }
    last.put(step.constituency(), ballot);
    CountedBallot before = step.counts() == null ? counted.remove(step.constituency()) : counted.put(step.constituency(), step.counts());
    shift(step.constituency(), before, -1);
    shift(step.constituency(), step.counts(), 1);
  }

  /** The counted ballot of each constituency that has one, as {@link CountedBallots#byConstituency}. */
  public Map<String, CountedBallot> counted() {
    return Map.copyOf(counted);
  }

  public QuoracyReport quoracy() {
    return report(postalInPlay);
  }

  public Tally tally() {
    List<CategoryTally> byCategory = new ArrayList<>(categories.size());
    for (int i = 0; i < categories.size(); i++) {
      CategoryTally c = categories.get(i);
      int[] n = choices[i + 1];
      byCategory.add(new CategoryTally(c.category(), c.name(), c.eligible(), n[0], n[1], n[2]));
    }
    int[] all = choices[0];
    return new Tally(all[0], all[1], all[2], eligible, eligible - all[0] - all[1] - all[2], byCategory);
  }

  private QuoracyReport report(boolean postal) {
    return QuoracyCheck.report(facts, quoracyConstituencies.size(), byWay, compositionEligible, compositionPresent, postal, recused);
  }

  /** Adds ({@code sign} 1) or removes (-1) a constituency's counted ballot from the figures; null stands for none. */
  private void shift(String constituency, CountedBallot ballot, int sign) {
    if (ballot == null) {
      return;
    }
    int choice = ballot.choice().ordinal();
    choices[0][choice] += sign;
    choices[categoryIndex.get(ballot.seat().category()) + 1][choice] += sign;
    int[] rules = quoracyConstituencies.get(constituency);
    Way way = QuoracyCheck.way(facts, List.of(), ballot);
    byWay[Way.NONE.ordinal()] -= sign;
    byWay[way.ordinal()] += sign;
    if (way.counts()) {
      for (int i : rules) {
        compositionPresent[i] += sign;
      }
    }
  }
}
