package org.quorate.server.decisions.counting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.quorate.server.decisions.TestRules;
import org.quorate.server.decisions.rules.BodyRules;
import org.quorate.server.decisions.rules.Comparison;
import org.quorate.server.decisions.rules.ElectorateBasis;
import org.quorate.server.decisions.rules.Fraction;
import org.quorate.server.decisions.rules.MajorityKind;

/** Properties of counting that must hold for every electorate, ballot history and rules variant. */
class CountingPropertiesTest {
  private static final Instant T0 = Instant.parse("2026-06-01T09:00:00Z");
  private static final List<String> CATEGORIES =
      List.of("large_supplier", "small_supplier", "electricity_network", "gas_network", "other_sec_party", "dcc");

  /** One ballot entry: seat index (taken modulo the seat count), choice (3 = withdraw), channel. */
  record Entry(int seat, int choice, int channel) {}

  /** A randomly generated decision, built into facts by {@link #facts()}. */
  record Story(BodyRules rules, List<String> categories, List<Entry> entries, Set<Integer> recused,
      Set<Integer> present, Choice castingVote) {

    DecisionFacts facts() {
      List<Seat> seats = new ArrayList<>();
      boolean groups = rules.electorate().basis() == ElectorateBasis.VOTING_GROUPS;
      for (int i = 0; i < categories.size(); i++) {
        seats.add(new Seat(i + 1, i + 1, "Member " + (i + 1), (long) i + 1, groups ? 100L + i % 3 : i + 1L,
            categories.get(i), true));
      }
      List<Ballot> ballots = new ArrayList<>();
      long sequence = 0;
      for (Entry e : entries) {
        sequence++;
        long seat = e.seat() % categories.size() + 1;
        BallotChannel channel = BallotChannel.values()[e.channel()];
        Instant at = T0.plus(Duration.ofMinutes(sequence));
        ballots.add(e.choice() == 3 ? Ballot.withdraw(sequence, seat, seat, 1, channel, at)
            : Ballot.cast(sequence, seat, seat, Choice.values()[e.choice()], null, 1, channel, at));
      }
      Set<Long> recusedIds = new HashSet<>();
      recused.forEach(i -> recusedIds.add((long) i % categories.size() + 1));
      Attendance attendance = null;
      if (present != null) {
        Set<Long> ids = new HashSet<>();
        present.forEach(i -> ids.add((long) i % categories.size() + 1));
        attendance = new Attendance(ids);
      }
      return new DecisionFacts(1, attendance == null ? null : 7L, rules, Electorate.freeze(rules, seats), recusedIds,
          attendance, ballots, List.of(), 1, T0.plus(Duration.ofDays(1)), castingVote, 0);
    }
  }

  @Provide
  Arbitrary<BodyRules> rules() {
    Arbitrary<MajorityKind> kind = Arbitraries.of(MajorityKind.class);
    Arbitrary<Comparison> comparison = Arbitraries.of(Comparison.class);
    Arbitrary<Fraction> fraction = Arbitraries.of(Fraction.HALF, Fraction.TWO_THIRDS, new Fraction(1, 3));
    Arbitrary<Integer> count = Arbitraries.integers().between(0, 5);
    Arbitrary<boolean[]> flags = Arbitraries.of(true, false).array(boolean[].class).ofSize(6);
    return Combinators.combine(kind, comparison, fraction, count, flags).as((k, c, f, n, b) -> {
      BodyRules r = TestRules.withMajority(TestRules.panel(), k);
      r = n == 0 ? TestRules.withThreshold(r, f, c) : TestRules.withCount(r, n, c);
      r = TestRules.withAbstentions(r, b[0], b[1]);
      r = TestRules.withCastingVote(r, b[2]);
      r = TestRules.withParticipation(r, b[3], true, false);
      if (b[4]) {
        r = TestRules.withComposition(r, TestRules.atLeast(1, "gas_network", "electricity_network"));
      }
      return TestRules.withBasis(r, b[5] ? ElectorateBasis.VOTING_GROUPS : ElectorateBasis.MEMBERS);
    }).withoutEdgeCases(); // the combinations of rules edge cases alone would exhaust the tries
  }

  @Provide
  Arbitrary<Story> stories() {
    Arbitrary<List<String>> categories = Arbitraries.of(CATEGORIES).list().ofMinSize(1).ofMaxSize(12);
    Arbitrary<Entry> entry = Combinators.combine(Arbitraries.integers().between(0, 11),
        Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 2)).as(Entry::new).withoutEdgeCases();
    Arbitrary<Set<Integer>> recused = Arbitraries.integers().between(0, 11).set().ofMaxSize(3);
    Arbitrary<Set<Integer>> present = Arbitraries.integers().between(0, 11).set().ofMaxSize(8).injectNull(0.5);
    Arbitrary<Choice> casting = Arbitraries.of(Choice.APPROVE, Choice.REJECT).injectNull(0.4);
    return Combinators.combine(rules(), categories, entry.list().ofMaxSize(30), recused, present, casting)
        .as(Story::new);
  }

  @Property
  void permutingBallotsNeverChangesTheResult(@ForAll("stories") Story story, @ForAll Random random) {
    DecisionFacts facts = story.facts();
    List<Ballot> shuffled = new ArrayList<>(facts.ballots());
    Collections.shuffle(shuffled, random);
    assertThat(DecisionResult.decide(facts.withBallots(shuffled))).isEqualTo(DecisionResult.decide(facts));
  }

  @Property
  void atMostOneBallotCountsPerSeatAndPerConstituency(@ForAll("stories") Story story) {
    DecisionFacts facts = story.facts();
    CountedBallots counted = CountedBallots.resolve(facts);
    Map<Long, Integer> perSeat = new HashMap<>();
    counted.dispositions().stream().filter(d -> d.status().counts())
        .forEach(d -> perSeat.merge(d.ballot().seatId(), 1, Integer::sum));
    assertThat(perSeat.values()).allMatch(n -> n == 1);
    Map<String, Integer> perConstituency = new HashMap<>();
    counted.dispositions().stream().filter(d -> d.status().counts()).forEach(d -> perConstituency.merge(
        facts.electorate().constituencyOf(facts.electorate().seat(d.ballot().seatId()).orElseThrow()), 1,
        Integer::sum));
    assertThat(perConstituency.values()).allMatch(n -> n == 1);
    assertThat(counted.byConstituency()).hasSize(perConstituency.size());
  }

  @Property
  void changingABallotNeverLeavesTwoCountedForOneSeatAndTheNewChoiceIsTheOneCounted(
      @ForAll("stories") Story story, @ForAll @IntRange(min = 0, max = 11) int seatIndex,
      @ForAll("choices") Choice newChoice) {
    DecisionFacts facts = story.facts();
    Seat seat = facts.electorate().seats().get(seatIndex % facts.electorate().seats().size());
    List<Ballot> changed = new ArrayList<>(facts.ballots());
    changed.add(Ballot.cast(changed.size() + 1, seat.id(), seat.userId(), newChoice, null, 1, BallotChannel.ASYNCHRONOUS,
        T0.plus(Duration.ofHours(12))));
    CountedBallots counted = CountedBallots.resolve(facts.withBallots(changed));
    long countedForSeat = counted.dispositions().stream()
        .filter(d -> d.status().counts() && d.ballot().seatId() == seat.id()).count();
    if (seat.voting() && !facts.recusedSeatIds().contains(seat.id())) {
      assertThat(countedForSeat).isEqualTo(1);
      assertThat(counted.byConstituency().get(facts.electorate().constituencyOf(seat)).choice()).isEqualTo(newChoice);
    } else {
      assertThat(countedForSeat).isZero();
    }
  }

  @Property
  void whenAbstentionsDoNotCountTowardsQuorumAddingOneNeverMakesADecisionQuorate(
      @ForAll("stories") Story story, @ForAll @IntRange(min = 0, max = 11) int seatIndex) {
    BodyRules rules = TestRules.withAbstentions(story.rules(), false, story.rules().abstentions().countInDenominator());
    DecisionFacts facts = story.facts().withRules(rules);
    Assume.that(!QuoracyCheck.evaluate(facts).quorate());
    Seat seat = facts.electorate().seats().get(seatIndex % facts.electorate().seats().size());
    List<Ballot> more = new ArrayList<>(facts.ballots());
    more.add(Ballot.cast(more.size() + 1, seat.id(), seat.userId(), Choice.ABSTAIN, null, 1, BallotChannel.ASYNCHRONOUS,
        T0.plus(Duration.ofHours(12))));
    assertThat(QuoracyCheck.evaluate(facts.withBallots(more)).quorate()).isFalse();
  }

  @Property
  void recusalNeverRaisesTheQuorumNeeded(@ForAll("stories") Story story,
      @ForAll @IntRange(min = 0, max = 11) int seatIndex) {
    DecisionFacts facts = story.facts();
    Seat seat = facts.electorate().seats().get(seatIndex % facts.electorate().seats().size());
    Set<Long> more = new HashSet<>(facts.recusedSeatIds());
    more.add(seat.id());
    QuoracyReport before = QuoracyCheck.evaluate(facts);
    QuoracyReport after = QuoracyCheck.evaluate(facts.withRecusals(more));
    assertThat(after.required()).isLessThanOrEqualTo(before.required());
    for (int i = 0; i < before.composition().size(); i++) {
      assertThat(after.composition().get(i).required()).isLessThanOrEqualTo(before.composition().get(i).required());
    }
  }

  @Property
  void switchingARejectionToApprovalNeverDefeatsACarriedMotionNorChangesQuoracy(@ForAll("stories") Story story) {
    DecisionFacts facts = story.facts();
    CountedBallot rejection = CountedBallots.resolve(facts).counted().stream()
        .filter(b -> b.choice() == Choice.REJECT).findFirst().orElse(null);
    Assume.that(rejection != null);
    List<Ballot> switched = new ArrayList<>(facts.ballots());
    Ballot old = rejection.ballot();
    switched.add(Ballot.cast(switched.size() + 1, old.seatId(), old.castByUserId(), Choice.APPROVE, null, 1,
        old.channel(), T0.plus(Duration.ofHours(12))));
    DecisionResult before = DecisionResult.decide(facts);
    DecisionResult after = DecisionResult.decide(facts.withBallots(switched));
    assertThat(after.quoracy().quorate()).isEqualTo(before.quoracy().quorate());
    if (before.outcome() == Outcome.CARRIED) {
      assertThat(after.outcome()).isEqualTo(Outcome.CARRIED);
    }
    assertThat(after.majority().inFavour()).isGreaterThanOrEqualTo(before.majority().inFavour());
  }

  @Property
  void theTallyAccountsForEveryEligibleConstituencyExactlyOnce(@ForAll("stories") Story story) {
    DecisionResult result = DecisionResult.decide(story.facts());
    Tally tally = result.tally();
    assertThat(tally.approve() + tally.reject() + tally.abstain() + tally.notVoted()).isEqualTo(tally.eligible());
    assertThat(tally.byCategory().stream().mapToInt(Tally.CategoryTally::cast).sum()).isEqualTo(tally.cast());
  }

  @Property
  void theQuorumRequiredNeverFallsAsTheBaseGrowsAndMoreThanNeverAsksLessThanAtLeast(
      @ForAll @IntRange(min = 0, max = 500) int base, @ForAll @IntRange(min = 1, max = 12) int denominator,
      @ForAll @IntRange(min = 1, max = 12) int numerator) {
    Assume.that(numerator <= denominator);
    Fraction f = new Fraction(numerator, denominator);
    for (Comparison c : Comparison.values()) {
      assertThat(f.smallestCount(c, base + 1)).isGreaterThanOrEqualTo(f.smallestCount(c, base));
      int n = f.smallestCount(c, base);
      // n is the smallest count satisfying the comparison, checked in exact integer arithmetic
      assertThat(satisfies(c, n, f, base)).isTrue();
      if (n > 0) {
        assertThat(satisfies(c, n - 1, f, base)).isFalse();
      }
    }
    assertThat(f.smallestCount(Comparison.MORE_THAN, base)).isGreaterThan(f.smallestCount(Comparison.AT_LEAST, base) - 1);
  }

  private static boolean satisfies(Comparison c, int count, Fraction f, int base) {
    long left = (long) count * f.denominator();
    long right = (long) f.numerator() * base;
    return c == Comparison.MORE_THAN ? left > right : left >= right;
  }

  @Provide
  Arbitrary<Choice> choices() {
    return Arbitraries.of(Choice.class);
  }
}
