package org.quorate.server.decisions.counting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.server.decisions.TestRules.atLeast;
import static org.quorate.server.decisions.counting.Choice.ABSTAIN;
import static org.quorate.server.decisions.counting.Choice.APPROVE;
import static org.quorate.server.decisions.counting.Choice.REJECT;

import org.junit.jupiter.api.Test;
import org.quorate.server.decisions.Scenario;
import org.quorate.server.decisions.TestRules;
import org.quorate.server.decisions.counting.QuoracyReport.CategoryNeed;
import org.quorate.server.decisions.rules.BodyRules;
import org.quorate.server.decisions.rules.Comparison;
import org.quorate.server.decisions.rules.ElectorateBasis;
import org.quorate.server.decisions.rules.Fraction;

class QuoracyCheckTest {
  private static final BodyRules PANEL = TestRules.panel();

  /** Nine voting seats, two in each supplier and network category and one Other SEC Party, plus DCC and Consumer. */
  private static Scenario nineVoting(BodyRules rules) {
    return Scenario.under(rules)
        .seats("large_supplier", 2).seats("small_supplier", 2).seats("electricity_network", 2)
        .seats("gas_network", 2).seats("other_sec_party", 1)
        .nonVotingSeat(10, "dcc").nonVotingSeat(11, "consumer_member");
  }

  @Test
  void aMeetingWithPostalBallotsExplainsItsQuoracyInOneSentence() {
    BodyRules rules = TestRules.withComposition(PANEL, atLeast(1, "large_supplier"));
    QuoracyReport report = nineVoting(rules)
        .postal(2, APPROVE).postal(6, REJECT).postal(7, APPROVE)
        .present(1, 3, 5, 9, 10, 11)
        .quoracy();
    assertThat(report.sentence()).isEqualTo("quorate: 7 of 9 voting members present or voted (more than half required);"
        + " Large Suppliers 2 (at least 1 required); postal ballots counted 3");
    assertThat(report.quorate()).isTrue();
    assertThat(report.base()).isEqualTo(9);
    assertThat(report.participating()).isEqualTo(7);
    assertThat(report.required()).isEqualTo(5);
    assertThat(report.comparison()).isEqualTo(Comparison.MORE_THAN);
    assertThat(report.participation().presentInPerson()).isEqualTo(4);
    assertThat(report.participation().postalBallots()).isEqualTo(3);
    assertThat(report.composition()).singleElement().satisfies(c -> {
      assertThat(c.participating()).isEqualTo(2);
      assertThat(c.required()).isEqualTo(1);
      assertThat(c.met()).isTrue();
    });
    assertThat(report.forecast().sentence()).isEqualTo("quorate");
  }

  @Test
  void aMeetingWithoutBallotsSpeaksOfAttendanceAlone() {
    QuoracyReport report = nineVoting(PANEL).present(1, 2, 3, 4, 5).quoracy();
    assertThat(report.sentence()).isEqualTo("quorate: 5 of 9 voting members present (more than half required)");
  }

  @Test
  void anOpenAsynchronousDecisionForecastsWhatItStillNeeds() {
    BodyRules rules = TestRules.withComposition(PANEL, atLeast(1, "gas_network"));
    QuoracyReport report = nineVoting(rules).votes(APPROVE, 1, 2, 3).quoracy();
    assertThat(report.quorate()).isFalse();
    assertThat(report.sentence()).isEqualTo("inquorate: 3 of 9 voting members voted (more than half required);"
        + " Gas Networks 0 (at least 1 required)");
    assertThat(report.forecast().sentence()).isEqualTo("needs 2 more, at least one from Gas Networks");
    assertThat(report.forecast().stillNeeded()).isEqualTo(2);
    assertThat(report.forecast().fromCategories()).extracting(CategoryNeed::names, CategoryNeed::count)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Gas Networks", 1));
    assertThat(report.forecast().categories()).containsExactly("gas_network");
  }

  @Test
  void whenOnlyTheCompositionIsMissingTheForecastAsksForThatCategory() {
    BodyRules rules = TestRules.withComposition(PANEL, atLeast(1, "gas_network"));
    QuoracyReport report = nineVoting(rules).votes(APPROVE, 1, 2, 3, 4, 5, 6).quoracy();
    assertThat(report.quorate()).isFalse();
    assertThat(report.forecast().sentence()).isEqualTo("needs 1 more, at least one from Gas Networks");
  }

  @Test
  void exactlyHalfIsInquorateUnderMoreThanHalfAndQuorateUnderAtLeastHalf() {
    QuoracyReport moreThan = Scenario.under(TestRules.withThreshold(PANEL, Fraction.HALF, Comparison.MORE_THAN))
        .seats("large_supplier", 8).votes(APPROVE, 1, 2, 3, 4).quoracy();
    QuoracyReport atLeast = Scenario.under(TestRules.withThreshold(PANEL, Fraction.HALF, Comparison.AT_LEAST))
        .seats("large_supplier", 8).votes(APPROVE, 1, 2, 3, 4).quoracy();
    assertThat(moreThan.quorate()).isFalse();
    assertThat(moreThan.required()).isEqualTo(5);
    assertThat(moreThan.sentence()).startsWith("inquorate: 4 of 8 voting members voted (more than half required)");
    assertThat(atLeast.quorate()).isTrue();
    assertThat(atLeast.required()).isEqualTo(4);
    assertThat(atLeast.sentence()).startsWith("quorate: 4 of 8 voting members voted (at least half required)");
  }

  @Test
  void aWholeNumberQuorumIsComparedAsTheRulesSay() {
    BodyRules atLeastThree = TestRules.withCount(PANEL, 3, Comparison.AT_LEAST);
    BodyRules moreThanThree = TestRules.withCount(PANEL, 3, Comparison.MORE_THAN);
    assertThat(Scenario.under(atLeastThree).seats("small_supplier", 10).votes(APPROVE, 1, 2, 3).quoracy().quorate())
        .isTrue();
    assertThat(Scenario.under(moreThanThree).seats("small_supplier", 10).votes(APPROVE, 1, 2, 3).quoracy().quorate())
        .isFalse();
  }

  @Test
  void postalBallotsDoNotMakeAMeetingQuorateWhereTheRulesCountAttendanceOnly() {
    BodyRules attendanceOnly = TestRules.withParticipation(PANEL, false, true, false);
    QuoracyReport report = nineVoting(attendanceOnly).postal(1, APPROVE).postal(2, APPROVE).present(3, 4, 5, 6)
        .quoracy();
    assertThat(report.quorate()).isFalse();
    assertThat(report.participation().postalBallotsNotCounted()).isEqualTo(2);
    assertThat(report.sentence()).isEqualTo("inquorate: 4 of 9 voting members present or voted (more than half"
        + " required); postal ballots not counted towards quoracy 2");
  }

  @Test
  void aPostalVoterWhoAlsoAttendsIsCountedOnceAsPresent() {
    QuoracyReport report = nineVoting(PANEL).postal(1, APPROVE).present(1, 2, 3, 4).quoracy();
    assertThat(report.participating()).isEqualTo(4);
    assertThat(report.participation().postalBallots()).isZero();
  }

  @Test
  void aPresentProxyHolderMakesTheirSeatPresentWhereProxiesCount() {
    QuoracyReport counts = nineVoting(PANEL).proxy(1, 50).present(50, 2, 3, 4, 5).quoracy();
    assertThat(counts.participation().presentByProxy()).isEqualTo(1);
    assertThat(counts.quorate()).isTrue();
    assertThat(counts.sentence()).endsWith("; proxies counted 1");

    QuoracyReport doesNot = nineVoting(TestRules.withParticipation(PANEL, true, false, false))
        .proxy(1, 50).present(50, 2, 3, 4, 5).quoracy();
    assertThat(doesNot.quorate()).isFalse();
    assertThat(doesNot.participation().proxiesNotCounted()).isEqualTo(1);
  }

  @Test
  void aProxyCastBallotCountsTowardsQuoracyOnlyWhereProxiesCount() {
    BodyRules noProxies = TestRules.withParticipation(PANEL, true, false, false);
    QuoracyReport report = nineVoting(noProxies).votes(APPROVE, 2, 3, 4, 5).proxy(1, 50).byProxy(1, 50, APPROVE)
        .quoracy();
    assertThat(report.participating()).isEqualTo(4);
    assertThat(report.quorate()).isFalse();
  }

  @Test
  void abstainingBallotsCountTowardsQuoracyOnlyWhereTheRulesSay() {
    BodyRules counted = TestRules.withAbstentions(PANEL, true, false);
    BodyRules notCounted = TestRules.withAbstentions(PANEL, false, false);
    assertThat(nineVoting(counted).votes(APPROVE, 1, 2).votes(ABSTAIN, 3, 4, 5).quoracy().quorate()).isTrue();
    QuoracyReport report = nineVoting(notCounted).votes(APPROVE, 1, 2).votes(ABSTAIN, 3, 4, 5).quoracy();
    assertThat(report.quorate()).isFalse();
    assertThat(report.participation().abstentionsNotCounted()).isEqualTo(3);
    assertThat(report.sentence()).endsWith("; abstentions not counted towards quoracy 3");
  }

  @Test
  void aMemberPresentAtTheMeetingCountsEvenIfTheyAbstain() {
    BodyRules notCounted = TestRules.withAbstentions(PANEL, false, false);
    QuoracyReport report = nineVoting(notCounted).present(1, 2, 3, 4, 5).votes(ABSTAIN, 1, 2, 3).quoracy();
    assertThat(report.quorate()).isTrue();
  }

  @Test
  void recusalRemovesTheMemberFromTheQuorumBase() {
    QuoracyReport report = nineVoting(PANEL).recuse(1).recuse(2).votes(APPROVE, 3, 4, 5, 6).quoracy();
    assertThat(report.base()).isEqualTo(7);
    assertThat(report.required()).isEqualTo(4);
    assertThat(report.quorate()).isTrue();
    assertThat(report.sentence()).isEqualTo("quorate: 4 of 7 voting members voted (more than half required); recused 2");
  }

  @Test
  void aCompositionRequirementIsCappedWhenEveryMemberOfTheCategoryIsRecused() {
    BodyRules rules = TestRules.withComposition(PANEL, atLeast(1, "other_sec_party"));
    QuoracyReport report = nineVoting(rules).recuse(9).votes(APPROVE, 1, 2, 3, 4, 5).quoracy();
    assertThat(report.quorate()).isTrue();
    assertThat(report.composition().get(0).required()).isZero();
    assertThat(report.sentence()).contains("Other SEC Parties 0 (at least 1 required, only 0 eligible)");
  }

  @Test
  void nobodyIsNeverAQuorumEvenWhenEveryoneIsRecused() {
    QuoracyReport report = Scenario.under(TestRules.withThreshold(PANEL, Fraction.HALF, Comparison.AT_LEAST))
        .seats("gas_network", 2).recuse(1).recuse(2).quoracy();
    assertThat(report.base()).isZero();
    assertThat(report.required()).isEqualTo(1);
    assertThat(report.quorate()).isFalse();
  }

  @Test
  void nonVotingSeatsJoinTheQuorumOnlyWhereTheRulesCountThem() {
    BodyRules counted = TestRules.withParticipation(PANEL, true, true, true);
    QuoracyReport withThem = nineVoting(counted).present(1, 2, 3, 4, 10, 11).quoracy();
    assertThat(withThem.base()).isEqualTo(11);
    assertThat(withThem.participating()).isEqualTo(6);
    assertThat(withThem.quorate()).isTrue();
    QuoracyReport without = nineVoting(PANEL).present(1, 2, 3, 4, 10, 11).quoracy();
    assertThat(without.base()).isEqualTo(9);
    assertThat(without.quorate()).isFalse();
  }

  @Test
  void aDecisionThatCanNoLongerBecomeQuorateSaysSo() {
    BodyRules atLeastThree = TestRules.withCount(PANEL, 3, Comparison.AT_LEAST);
    QuoracyReport report = Scenario.under(atLeastThree).seats("gas_network", 3).recuse(3).vote(1, REJECT).quoracy();
    assertThat(report.forecast().attainable()).isFalse();
    assertThat(report.forecast().sentence())
        .isEqualTo("cannot become quorate: needs 2 more, but only 1 eligible voter has yet to take part");
  }

  @Test
  void votingGroupsAreCountedOncePerGroup() {
    BodyRules rules = TestRules.withBasis(PANEL, ElectorateBasis.VOTING_GROUPS);
    QuoracyReport report = Scenario.under(rules).seatInGroup(1, "large_supplier", 100)
        .seatInGroup(2, "large_supplier", 100).seat(3, "gas_network").seat(4, "small_supplier")
        .votes(APPROVE, 1, 2, 3).quoracy();
    assertThat(report.base()).isEqualTo(3);
    assertThat(report.participating()).isEqualTo(2);
    assertThat(report.sentence()).startsWith("quorate: 2 of 3 Voting Groups voted");
  }
}
