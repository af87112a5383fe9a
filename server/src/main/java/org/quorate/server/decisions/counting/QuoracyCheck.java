package org.quorate.server.decisions.counting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.quorate.server.decisions.counting.QuoracyReport.CategoryNeed;
import org.quorate.server.decisions.counting.QuoracyReport.CompositionStatus;
import org.quorate.server.decisions.counting.QuoracyReport.Forecast;
import org.quorate.server.decisions.counting.QuoracyReport.Participation;
import org.quorate.server.decisions.rules.CompositionRule;
import org.quorate.server.decisions.rules.QuorumRule;

/**
 * The one function that decides quoracy. A constituency takes part if a seat in it is present at the
 * meeting (in person, or through a present proxy where proxies count), or if its counted ballot counts
 * under the rules (postal ballots, proxy-cast ballots and abstentions each only where the rules say so).
 */
public final class QuoracyCheck {
  private QuoracyCheck() {}

  /** How a constituency takes part, if at all; the first five count towards the quorum. */
  enum Way {
    PRESENT, PRESENT_BY_PROXY, BALLOT, POSTAL_BALLOT, PROXY_BALLOT,
    POSTAL_NOT_COUNTED, PROXY_NOT_COUNTED, ABSTENTION_NOT_COUNTED, NONE;

    boolean counts() {
      return ordinal() <= PROXY_BALLOT.ordinal();
    }
  }

  public static QuoracyReport evaluate(DecisionFacts facts) {
    return evaluate(facts, CountedBallots.resolve(facts));
  }

  static QuoracyReport evaluate(DecisionFacts facts, CountedBallots counted) {
    QuorumRule rule = facts.rules().quorum();
    Map<String, List<Seat>> constituencies = constituencies(facts);
    Map<String, Way> ways = new LinkedHashMap<>();
    constituencies.forEach((key, seats) -> ways.put(key, way(facts, seats, counted.byConstituency().get(key))));
    int[] byWay = new int[Way.values().length];
    ways.values().forEach(w -> byWay[w.ordinal()]++);
    int[] eligible = new int[rule.composition().size()];
    int[] present = new int[eligible.length];
    constituencies.forEach((key, seats) -> {
      for (int i : compositionRulesOf(rule, seats)) {
        eligible[i]++;
        present[i] += ways.get(key).counts() ? 1 : 0;
      }
    });
    boolean postalInPlay = facts.ballots().stream().anyMatch(b -> b.channel() == BallotChannel.POSTAL);
    return report(facts, constituencies.size(), byWay, eligible, present, postalInPlay, recused(facts));
  }

  /** The indexes of the rule's composition clauses whose Party Categories a seat of the constituency is in. */
  static int[] compositionRulesOf(QuorumRule rule, List<Seat> seats) {
    List<CompositionRule> rules = rule.composition();
    int[] out = new int[rules.size()];
    int n = 0;
    for (int i = 0; i < rules.size(); i++) {
      CompositionRule c = rules.get(i);
      if (seats.stream().anyMatch(s -> c.categories().contains(s.category()))) {
        out[n++] = i;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /**
   * The report from the figures alone: {@code base} constituencies, how many take part in each
   * {@link Way} ({@code byWay}, by ordinal), and each composition clause's eligible and participating
   * constituencies, and the {@link #recused} voting seats. {@link RunningCount} keeps these figures ballot
   * by ballot and builds its report here, so the wording cannot drift from a full recount's.
   */
  static QuoracyReport report(DecisionFacts facts, int base, int[] byWay, int[] compositionEligible, int[] compositionPresent,
      boolean postalInPlay, int recused) {
    QuorumRule rule = facts.rules().quorum();
    int participating = 0;
    for (Way w : Way.values()) {
      participating += w.counts() ? byWay[w.ordinal()] : 0;
    }
    int required = rule.requiredFor(base);
    List<CompositionStatus> composition = new ArrayList<>();
    for (int i = 0; i < rule.composition().size(); i++) {
      CompositionRule c = rule.composition().get(i);
      int eligible = compositionEligible[i];
      int present = compositionPresent[i];
      int capped = Math.min(c.atLeast(), eligible);
      composition.add(new CompositionStatus(c.categories(), c.categoryNames(), present, capped, c.atLeast(), eligible,
          present >= capped, c.clause()));
    }
    boolean quorate = participating >= required && composition.stream().allMatch(CompositionStatus::met);
    Participation participation = new Participation(
        byWay[Way.PRESENT.ordinal()], byWay[Way.PRESENT_BY_PROXY.ordinal()], byWay[Way.BALLOT.ordinal()],
        byWay[Way.POSTAL_BALLOT.ordinal()], byWay[Way.PROXY_BALLOT.ordinal()], byWay[Way.POSTAL_NOT_COUNTED.ordinal()],
        byWay[Way.PROXY_NOT_COUNTED.ordinal()], byWay[Way.ABSTENTION_NOT_COUNTED.ordinal()]);
    Forecast forecast = forecast(quorate, base - participating, required - participating, composition);
    String noun = facts.electorate().basis().noun();
    String sentence = sentence(facts, quorate, noun, base, participating, rule, composition, participation, recused, postalInPlay);
    return new QuoracyReport(quorate, noun, facts.atMeeting(), base, participating, required, rule.comparison(),
        rule.thresholdWords(), recused, participation, composition, forecast, rule.clause(), sentence);
  }

  static int recused(DecisionFacts facts) {
    return (int) facts.electorate().seats().stream()
        .filter(s -> s.voting() && facts.recusedSeatIds().contains(s.id())).count();
  }

  /** Eligible voting constituencies, plus each non-voting seat where the rules count non-voting seats. */
  static Map<String, List<Seat>> constituencies(DecisionFacts facts) {
    Map<String, List<Seat>> result = facts.electorate().eligibleConstituencies(facts.recusedSeatIds());
    if (facts.rules().quorum().nonVotingSeatsCount()) {
      facts.electorate().seats().stream()
          .filter(s -> !s.voting() && !facts.recusedSeatIds().contains(s.id()))
          .forEach(s -> result.put(facts.electorate().constituencyOf(s), List.of(s)));
    }
    return result;
  }

  static Way way(DecisionFacts facts, List<Seat> seats, CountedBallot ballot) {
    QuorumRule rule = facts.rules().quorum();
    boolean proxyPresentButNotCounted = false;
    if (facts.atMeeting()) {
      for (Seat seat : seats) {
        if (facts.attendance().isPresent(seat.userId())) {
          return Way.PRESENT;
        }
      }
      for (Seat seat : seats) {
        Optional<ProxyAppointment> proxy = Proxies.activeFor(facts.proxies(), seat.id(), facts.asOf());
        if (proxy.isPresent() && facts.attendance().isPresent(proxy.get().proxyUserId())) {
          if (rule.proxiesCount()) {
            return Way.PRESENT_BY_PROXY;
          }
          proxyPresentButNotCounted = true;
        }
      }
    }
    if (ballot == null) {
      return proxyPresentButNotCounted ? Way.PROXY_NOT_COUNTED : Way.NONE;
    }
    if (ballot.viaProxy() && !rule.proxiesCount()) {
      return Way.PROXY_NOT_COUNTED;
    }
    if (ballot.postal() && !rule.postalBallotsCount()) {
      return Way.POSTAL_NOT_COUNTED;
    }
    if (ballot.choice() == Choice.ABSTAIN && !facts.rules().abstentions().countTowardQuorum()) {
      return Way.ABSTENTION_NOT_COUNTED;
    }
    return ballot.postal() ? Way.POSTAL_BALLOT : ballot.viaProxy() ? Way.PROXY_BALLOT : Way.BALLOT;
  }

  private static Forecast forecast(boolean quorate, int notYetCounted, int overallShortfall,
      List<CompositionStatus> composition) {
    List<CategoryNeed> needs = new ArrayList<>();
    boolean attainable = true;
    int categoryTotal = 0;
    for (CompositionStatus c : composition) {
      int shortfall = Math.max(0, c.required() - c.participating());
      if (shortfall > 0) {
        needs.add(new CategoryNeed(c.categories(), c.names(), shortfall));
        categoryTotal += shortfall;
        attainable &= c.eligible() - c.participating() >= shortfall;
      }
    }
    int stillNeeded = quorate ? 0 : Math.max(Math.max(0, overallShortfall), categoryTotal);
    attainable &= notYetCounted >= stillNeeded;
    String needsText = needs.isEmpty() ? "" : ", " + Wording.and(needs.stream()
        .map(n -> "at least " + Wording.number(n.count()) + " from " + n.names()).toList());
    String sentence;
    if (quorate) {
      sentence = "quorate";
    } else if (attainable) {
      sentence = "needs " + stillNeeded + " more" + needsText;
    } else {
      sentence = "cannot become quorate: needs " + stillNeeded + " more" + needsText + ", but only "
          + notYetCounted + " eligible " + (notYetCounted == 1 ? "voter has" : "voters have") + " yet to take part";
    }
    return new Forecast(stillNeeded, needs, notYetCounted, quorate || attainable, sentence);
  }

  private static String sentence(DecisionFacts facts, boolean quorate, String noun, int base, int participating,
      QuorumRule rule, List<CompositionStatus> composition, Participation p, int recused, boolean postalInPlay) {
    StringBuilder s = new StringBuilder(quorate ? "quorate: " : "inquorate: ")
        .append(participating).append(" of ").append(base).append(' ').append(noun)
        .append(!facts.atMeeting() ? " voted" : facts.ballots().isEmpty() ? " present" : " present or voted")
        .append(" (").append(rule.thresholdWords()).append(" required)");
    for (CompositionStatus c : composition) {
      s.append("; ").append(c.names()).append(' ').append(c.participating())
          .append(" (at least ").append(c.ruleRequires()).append(" required")
          .append(c.required() < c.ruleRequires() ? ", only " + c.eligible() + " eligible" : "").append(')');
    }
    if (postalInPlay && rule.postalBallotsCount()) {
      s.append("; postal ballots counted ").append(p.postalBallots());
    }
    if (p.postalBallotsNotCounted() > 0) {
      s.append("; postal ballots not counted towards quoracy ").append(p.postalBallotsNotCounted());
    }
    if (p.presentByProxy() + p.proxyBallots() > 0) {
      s.append("; proxies counted ").append(p.presentByProxy() + p.proxyBallots());
    }
    if (p.proxiesNotCounted() > 0) {
      s.append("; proxies not counted towards quoracy ").append(p.proxiesNotCounted());
    }
    if (p.abstentionsNotCounted() > 0) {
      s.append("; abstentions not counted towards quoracy ").append(p.abstentionsNotCounted());
    }
    if (recused > 0) {
      s.append("; recused ").append(recused);
    }
    return s.toString();
  }
}
