package org.quorate.server.decisions.counting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.quorate.server.decisions.TestRules;
import org.quorate.server.decisions.counting.ProxyAppointment.Scope;
import org.quorate.server.decisions.rules.AmendmentRule;
import org.quorate.server.decisions.rules.BodyRules;
import org.quorate.server.decisions.rules.Comparison;
import org.quorate.server.decisions.rules.ElectorateBasis;
import org.quorate.server.decisions.rules.Fraction;

/**
 * The running count of an open decision equals a full recount (every entry ever made, through
 * {@link CountedBallots}, {@link Tally#of} and {@link QuoracyCheck}) after every single entry, whatever
 * the entries: repeats, changes, withdrawals, proxies' and alternates' ballots, entries by someone not
 * entitled, ballots on an earlier motion version, postal ballots, recused and non-voting seats.
 */
class RunningCountTest {
  private static final Instant T0 = Instant.parse("2026-06-01T09:00:00Z");
  private static final List<String> CATEGORIES =
      List.of("large_supplier", "small_supplier", "electricity_network", "gas_network", "other_sec_party", "dcc");
  private static final long PROXY_USER = 1000;

  /**
   * One entry: seat index (modulo the seat count), choice (3 = withdraw), channel, who casts it (0 the
   * holder, 1 the seat's proxy, 2 a stranger), capacity recorded (0 none, 1 as judged, 2 the wrong one),
   * and whether it names the earlier motion version.
   */
  record Entry(int seat, int choice, int channel, int caster, int capacity, boolean earlierVersion) {}

  /** Rules, seats (a category each; some non-voting), recusals, proxied seats and the entries in order. */
  record Story(BodyRules rules, List<String> categories, Set<Integer> nonVoting, Set<Integer> recused, Set<Integer> proxied,
      List<Entry> entries) {

    DecisionFacts facts(List<Ballot> ballots) {
      List<Seat> seats = new ArrayList<>();
      boolean groups = rules.electorate().basis() == ElectorateBasis.VOTING_GROUPS;
      for (int i = 0; i < categories.size(); i++) {
        seats.add(new Seat(i + 1, i + 1, "Member " + (i + 1), (long) i + 1, groups ? 100L + i % 3 : i + 1L, categories.get(i),
            !nonVoting.contains(i)));
      }
      Set<Long> recusedIds = new HashSet<>();
      recused.forEach(i -> recusedIds.add((long) i % categories.size() + 1));
      List<ProxyAppointment> proxies = new ArrayList<>();
      // A proxy for part of the story only, so that some entries by holder and proxy are entitled and some are not.
      proxied.forEach(i -> proxies.add(new ProxyAppointment(i, i % categories.size() + 1, PROXY_USER + i % categories.size(),
          Scope.DECISION, 1L, T0.plus(Duration.ofMinutes(5)), T0.plus(Duration.ofMinutes(20)), null)));
      return DecisionFacts.asynchronous(1, rules, Electorate.freeze(rules, seats), recusedIds, ballots, proxies, 2,
          T0.plus(Duration.ofDays(1)));
    }

    Ballot ballot(long sequence, Entry e) {
      long seat = e.seat() % categories.size() + 1;
      long caster = switch (e.caster()) {
        case 0 -> seat;
        case 1 -> PROXY_USER + seat - 1;
        default -> 999;
      };
      Instant at = T0.plus(Duration.ofMinutes(sequence));
      BallotChannel channel = BallotChannel.values()[e.channel()];
      int version = e.earlierVersion() ? 1 : 2;
      Ballot b = e.choice() == 3 ? Ballot.withdraw(sequence, seat, caster, version, channel, at)
          : Ballot.cast(sequence, seat, caster, Choice.values()[e.choice()], null, version, channel, at);
      if (e.capacity() == 0) {
        return b;
      }
      boolean asHolder = (caster == seat) == (e.capacity() == 1);
      return b.castAs(asHolder ? BallotCapacity.HOLDER : BallotCapacity.PROXY);
    }
  }

  @Provide
  Arbitrary<BodyRules> rules() {
    Arbitrary<Fraction> fraction = Arbitraries.of(Fraction.HALF, Fraction.TWO_THIRDS, new Fraction(1, 3));
    Arbitrary<Integer> count = Arbitraries.integers().between(0, 5);
    Arbitrary<AmendmentRule.Policy> amendment = Arbitraries.of(AmendmentRule.Policy.class);
    Arbitrary<ElectorateBasis> basis = Arbitraries.of(ElectorateBasis.class);
    Arbitrary<boolean[]> flags = Arbitraries.of(true, false).array(boolean[].class).ofSize(5);
    return Combinators.combine(fraction, count, amendment, basis, flags).as((f, n, a, basisOf, b) -> {
      BodyRules r = TestRules.panel();
      r = n == 0 ? TestRules.withThreshold(r, f, Comparison.AT_LEAST) : TestRules.withCount(r, n, Comparison.AT_LEAST);
      r = TestRules.withAbstentions(r, b[0], true);
      r = TestRules.withParticipation(r, b[1], b[2], b[3]);
      if (b[4]) {
        r = TestRules.withComposition(r, TestRules.atLeast(1, "gas_network", "electricity_network"),
            TestRules.atLeast(2, "large_supplier"));
      }
      r = TestRules.withAmendment(r, a);
      return TestRules.withBasis(r, basisOf);
    }).withoutEdgeCases();
  }

  @Provide
  Arbitrary<Story> stories() {
    Arbitrary<List<String>> categories = Arbitraries.of(CATEGORIES).list().ofMinSize(1).ofMaxSize(10);
    Arbitrary<Integer> seatIndex = Arbitraries.integers().between(0, 9);
    Arbitrary<Entry> entry = Combinators.combine(seatIndex, Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2), Arbitraries.of(false, false, false, true))
        .as(Entry::new).withoutEdgeCases();
    return Combinators.combine(rules(), categories, seatIndex.set().ofMaxSize(2), seatIndex.set().ofMaxSize(2),
        seatIndex.set().ofMaxSize(4), entry.list().ofMaxSize(40)).as(Story::new);
  }

  @Property(tries = 600)
  void afterEveryBallotTheRunningCountEqualsAFullRecount(@ForAll("stories") Story story) {
    List<Ballot> ballots = new ArrayList<>();
    long sequence = 0;
    // Part of the history is there when the count is built (a restart or a reload), the rest arrives ballot by ballot.
    int preloaded = story.entries().size() / 3;
    for (; sequence < preloaded; sequence++) {
      ballots.add(story.ballot(sequence + 1, story.entries().get((int) sequence)));
    }
    RunningCount running = new RunningCount(story.facts(ballots));
    assertEqualsRecount(running, story.facts(ballots));
    for (Entry e : story.entries().subList(preloaded, story.entries().size())) {
      Ballot ballot = story.ballot(++sequence, e);
      RunningCount.Step step = running.preview(ballot);
      ballots.add(ballot);
      DecisionFacts facts = story.facts(ballots);
      CountedBallots recount = CountedBallots.resolve(facts);
      assertThat(step.disposition()).isEqualTo(recount.dispositions().get(recount.dispositions().size() - 1));
      assertThat(step.quoracy()).isEqualTo(QuoracyCheck.evaluate(facts, recount));
      assertThat(step.tally()).isEqualTo(Tally.of(facts, recount));
      assertThat(step.ballotsCounted()).isEqualTo(recount.byConstituency().size());
      running.apply(step);
      assertEqualsRecount(running, facts);
    }
  }

  @Test
  void aBallotIsPreviewedWithoutChangingTheCountUntilItIsApplied() {
    BodyRules rules = TestRules.panel();
    Story story = new Story(rules, List.of("large_supplier", "gas_network"), Set.of(), Set.of(), Set.of(), List.of());
    RunningCount running = new RunningCount(story.facts(List.of()));
    RunningCount.Step step = running.preview(Ballot.cast(1, 1, 1, Choice.APPROVE, null, 2, BallotChannel.ASYNCHRONOUS, T0));

    assertThat(step.tally().approve()).isEqualTo(1);
    assertThat(running.tally().approve()).isZero();
    running.apply(step);
    assertThat(running.tally().approve()).isEqualTo(1);
    assertThat(running.quoracy().participating()).isEqualTo(1);
  }

  private static void assertEqualsRecount(RunningCount running, DecisionFacts facts) {
    CountedBallots recount = CountedBallots.resolve(facts);
    assertThat(running.counted()).isEqualTo(recount.byConstituency());
    assertThat(running.quoracy()).isEqualTo(QuoracyCheck.evaluate(facts, recount));
    assertThat(running.tally()).isEqualTo(Tally.of(facts, recount));
  }
}
