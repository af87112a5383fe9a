package org.quorate.server.decisions.counting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.server.decisions.counting.BallotDisposition.Status.AWAITING_CONFIRMATION;
import static org.quorate.server.decisions.counting.BallotDisposition.Status.COUNTED;
import static org.quorate.server.decisions.counting.BallotDisposition.Status.COUNTED_AS_ABSTENTION;
import static org.quorate.server.decisions.counting.BallotDisposition.Status.EARLIER_BALLOT_STANDS;
import static org.quorate.server.decisions.counting.BallotDisposition.Status.LAPSED;
import static org.quorate.server.decisions.counting.BallotDisposition.Status.NON_VOTING_SEAT;
import static org.quorate.server.decisions.counting.BallotDisposition.Status.NOT_ENTITLED;
import static org.quorate.server.decisions.counting.BallotDisposition.Status.NOT_IN_ELECTORATE;
import static org.quorate.server.decisions.counting.BallotDisposition.Status.PROXY_ACTIVE;
import static org.quorate.server.decisions.counting.BallotDisposition.Status.RECUSED;
import static org.quorate.server.decisions.counting.BallotDisposition.Status.SUPERSEDED;
import static org.quorate.server.decisions.counting.BallotDisposition.Status.WITHDRAWN;
import static org.quorate.server.decisions.counting.Choice.ABSTAIN;
import static org.quorate.server.decisions.counting.Choice.APPROVE;
import static org.quorate.server.decisions.counting.Choice.REJECT;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quorate.server.decisions.Scenario;
import org.quorate.server.decisions.TestRules;
import org.quorate.server.decisions.rules.AmendmentRule.Policy;
import org.quorate.server.decisions.rules.BodyRules;
import org.quorate.server.decisions.rules.ElectorateBasis;

class CountedBallotsTest {
  private static final BodyRules PANEL = TestRules.panel();

  private static List<BallotDisposition.Status> statuses(Scenario scenario) {
    return CountedBallots.resolve(scenario.facts()).dispositions().stream().map(BallotDisposition::status).toList();
  }

  private static Map<String, CountedBallot> counted(Scenario scenario) {
    return CountedBallots.resolve(scenario.facts()).byConstituency();
  }

  @Test
  void theLastBallotOfASeatCountsAndEarlierOnesAreSuperseded() {
    Scenario s = Scenario.under(PANEL).seats("large_supplier", 2).vote(1, APPROVE).vote(1, REJECT).vote(2, ABSTAIN);
    assertThat(statuses(s)).containsExactly(SUPERSEDED, COUNTED, COUNTED);
    assertThat(counted(s).get("seat:1").choice()).isEqualTo(REJECT);
  }

  @Test
  void theLastBallotIsDecidedBySequenceNotByTheOrderBallotsArrive() {
    DecisionFacts facts = Scenario.under(PANEL).seats("large_supplier", 1).vote(1, APPROVE).vote(1, REJECT).facts();
    List<Ballot> reversed = new ArrayList<>(facts.ballots());
    Collections.reverse(reversed);
    assertThat(CountedBallots.resolve(facts.withBallots(reversed)).byConstituency().get("seat:1").choice())
        .isEqualTo(REJECT);
  }

  @Test
  void aWithdrawalLeavesNothingCountedForTheSeat() {
    Scenario s = Scenario.under(PANEL).seats("large_supplier", 1).vote(1, APPROVE).withdraw(1);
    assertThat(statuses(s)).containsExactly(SUPERSEDED, WITHDRAWN);
    assertThat(counted(s)).isEmpty();
  }

  @Test
  void aBallotAfterAWithdrawalCountsAgain() {
    Scenario s = Scenario.under(PANEL).seats("large_supplier", 1).vote(1, APPROVE).withdraw(1).vote(1, REJECT);
    assertThat(statuses(s)).containsExactly(SUPERSEDED, SUPERSEDED, COUNTED);
  }

  @Test
  void ballotsFromRecusedNonVotingAndUnknownSeatsNeverCount() {
    Scenario s = Scenario.under(PANEL).seats("large_supplier", 1).seat(2, "gas_network").nonVotingSeat(3, "dcc")
        .recuse(2).vote(1, APPROVE).vote(2, APPROVE).vote(3, APPROVE).vote(99, APPROVE);
    assertThat(statuses(s)).containsExactly(COUNTED, RECUSED, NON_VOTING_SEAT, NOT_IN_ELECTORATE);
  }

  @Test
  void aSeatInANonVotingCategoryDoesNotVoteEvenIfItsMembershipSaysSo() {
    Scenario s = Scenario.under(PANEL).seat(1, "consumer_member").vote(1, APPROVE);
    assertThat(statuses(s)).containsExactly(NON_VOTING_SEAT);
  }

  @Test
  void aMembersBallotCastBeforeTheirProxyWasAppointedKeepsCounting() {
    Scenario s = Scenario.under(PANEL).seats("large_supplier", 1).vote(1, APPROVE).proxy(1, 50);
    assertThat(statuses(s)).containsExactly(COUNTED);
    assertThat(counted(s).get("seat:1").choice()).isEqualTo(APPROVE);
    assertThat(counted(s).get("seat:1").viaProxy()).isFalse();
  }

  @Test
  void aProxysLaterBallotDoesNotDisplaceTheMembersOwnBallot() {
    Scenario s = Scenario.under(PANEL).seats("large_supplier", 1).vote(1, APPROVE).proxy(1, 50).byProxy(1, 50, REJECT);
    assertThat(statuses(s)).containsExactly(COUNTED, EARLIER_BALLOT_STANDS);
    assertThat(counted(s).get("seat:1").choice()).isEqualTo(APPROVE);
  }

  @Test
  void aBallotRecordedAsTheMembersOwnKeepsCountingWhenAnAppointmentIsLaterBackdatedOverIt() {
    Scenario s = Scenario.under(PANEL).seats("large_supplier", 1).vote(1, APPROVE).recordCapacities()
        .proxyFrom(1, 50, Scenario.T0).byProxy(1, 50, REJECT).recordCapacities();
    assertThat(statuses(s)).containsExactly(COUNTED, EARLIER_BALLOT_STANDS);
    assertThat(counted(s).get("seat:1").choice()).isEqualTo(APPROVE);
  }

  @Test
  void aProxysBallotKeepsCountingAfterTheAppointmentIsRevokedAndTheMemberMayThenReplaceIt() {
    Scenario s = Scenario.under(PANEL).seats("large_supplier", 1).proxy(1, 50).byProxy(1, 50, REJECT).revokeProxies();
    assertThat(statuses(s)).containsExactly(COUNTED);
    assertThat(counted(s).get("seat:1").viaProxy()).isTrue();
    s.vote(1, APPROVE);
    assertThat(statuses(s)).containsExactly(SUPERSEDED, COUNTED);
    assertThat(counted(s).get("seat:1").choice()).isEqualTo(APPROVE);
  }

  @Test
  void aSecondProxyDoesNotDisplaceTheBallotOfTheFirst() {
    Scenario s = Scenario.under(PANEL).seats("large_supplier", 1).proxy(1, 50).byProxy(1, 50, REJECT).revokeProxies()
        .proxy(1, 51).byProxy(1, 51, APPROVE);
    assertThat(statuses(s)).containsExactly(COUNTED, EARLIER_BALLOT_STANDS);
    assertThat(counted(s).get("seat:1").choice()).isEqualTo(REJECT);
  }

  @Test
  void aProxyMayVoteForTheSeatOnceTheMemberHasWithdrawnTheirBallot() {
    Scenario s = Scenario.under(PANEL).seats("large_supplier", 1).vote(1, APPROVE).withdraw(1).proxy(1, 50)
        .byProxy(1, 50, REJECT);
    assertThat(statuses(s)).containsExactly(SUPERSEDED, SUPERSEDED, COUNTED);
    assertThat(counted(s).get("seat:1").choice()).isEqualTo(REJECT);
  }

  @Test
  void theProxysBallotCountsForTheSeatAndThePrincipalsLaterBallotDoesNot() {
    Scenario s = Scenario.under(PANEL).seats("large_supplier", 1).proxy(1, 50).byProxy(1, 50, REJECT).vote(1, APPROVE);
    assertThat(statuses(s)).containsExactly(COUNTED, PROXY_ACTIVE);
    CountedBallot ballot = counted(s).get("seat:1");
    assertThat(ballot.choice()).isEqualTo(REJECT);
    assertThat(ballot.viaProxy()).isTrue();
  }

  @Test
  void aBallotFromSomeoneWhoIsNeitherTheHolderNorTheActiveProxyDoesNotCount() {
    Scenario s = Scenario.under(PANEL).seats("large_supplier", 1).proxy(1, 50).byProxy(1, 51, APPROVE);
    assertThat(statuses(s)).containsExactly(NOT_ENTITLED);
  }

  @Test
  void aProxyCannotVoteBeforeTheirAppointmentStarts() {
    Scenario s = Scenario.under(PANEL).seats("large_supplier", 1).byProxy(1, 50, APPROVE).proxy(1, 50);
    assertThat(statuses(s)).containsExactly(NOT_ENTITLED);
  }

  @Test
  void underVotingGroupsTheLastBallotFromAnyMemberOfTheGroupIsTheOneThatCounts() {
    BodyRules rules = TestRules.withBasis(PANEL, ElectorateBasis.VOTING_GROUPS);
    Scenario s = Scenario.under(rules).seatInGroup(1, "large_supplier", 100).seatInGroup(2, "large_supplier", 100)
        .seat(3, "gas_network").vote(1, APPROVE).vote(2, REJECT).vote(3, APPROVE);
    assertThat(statuses(s)).containsExactly(SUPERSEDED, COUNTED, COUNTED);
    assertThat(counted(s)).hasSize(2);
    assertThat(counted(s).get("group:100").seat().id()).isEqualTo(2);
  }

  @Test
  void underPartyCategoriesOneBallotCountsPerCategory() {
    BodyRules rules = TestRules.withBasis(PANEL, ElectorateBasis.PARTY_CATEGORIES);
    Scenario s = Scenario.under(rules).seats("large_supplier", 2).seats("gas_network", 2)
        .vote(1, APPROVE).vote(2, REJECT).vote(3, APPROVE);
    assertThat(counted(s)).containsOnlyKeys("category:large_supplier", "category:gas_network");
    assertThat(counted(s).get("category:large_supplier").choice()).isEqualTo(REJECT);
  }

  @Test
  void afterAnAmendmentEarlierBallotsLapseUnderTheLapseRule() {
    Scenario s = Scenario.under(TestRules.withAmendment(PANEL, Policy.LAPSE)).seats("large_supplier", 2)
        .vote(1, APPROVE).vote(2, APPROVE).amend().vote(2, REJECT);
    assertThat(statuses(s)).containsExactly(LAPSED, SUPERSEDED, COUNTED);
    assertThat(counted(s)).containsOnlyKeys("seat:2");
  }

  @Test
  void afterAnAmendmentEarlierBallotsAwaitConfirmationUnderTheConfirmationRule() {
    Scenario s = Scenario.under(TestRules.withAmendment(PANEL, Policy.NEED_CONFIRMATION)).seats("large_supplier", 2)
        .vote(1, APPROVE).vote(2, APPROVE).amend().vote(2, APPROVE);
    assertThat(statuses(s)).containsExactly(AWAITING_CONFIRMATION, SUPERSEDED, COUNTED);
  }

  @Test
  void afterAnAmendmentEarlierBallotsCountAsAbstentionsUnderTheAbstentionRule() {
    Scenario s = Scenario.under(TestRules.withAmendment(PANEL, Policy.COUNT_AS_ABSTENTION)).seats("large_supplier", 1)
        .vote(1, APPROVE).amend();
    assertThat(statuses(s)).containsExactly(COUNTED_AS_ABSTENTION);
    assertThat(counted(s).get("seat:1").choice()).isEqualTo(ABSTAIN);
  }
}
