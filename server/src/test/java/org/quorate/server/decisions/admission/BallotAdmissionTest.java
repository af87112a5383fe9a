package org.quorate.server.decisions.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quorate.server.decisions.counting.Choice.ABSTAIN;
import static org.quorate.server.decisions.counting.Choice.APPROVE;
import static org.quorate.server.decisions.counting.Choice.REJECT;

import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.quorate.protocol.ErrorCode;
import org.quorate.server.decisions.Scenario;
import org.quorate.server.decisions.TestRules;
import org.quorate.server.decisions.counting.DecisionFacts;
import org.quorate.server.decisions.lifecycle.Actor;
import org.quorate.server.decisions.lifecycle.DecisionLifecycle;
import org.quorate.server.decisions.rules.BodyRules;
import org.quorate.server.decisions.rules.ElectorateBasis;
import org.quorate.server.domain.DomainException;

class BallotAdmissionTest {
  private static final Instant CLOSES = Scenario.at(600);
  private static final DecisionLifecycle OPEN =
      DecisionLifecycle.draft().open(new Actor(1, true), Scenario.T0, CLOSES).lifecycle();
  private static final BodyRules PANEL = TestRules.panel();

  /** Seats 1-3 vote; 4 is DCC (non-voting); 5 is recused. */
  private static Scenario panel() {
    return Scenario.under(PANEL).seats("large_supplier", 3).seat(4, "dcc").seat(5, "gas_network").recuse(5);
  }

  private static Admission admit(DecisionFacts facts, long caster, Long seat, String reason, Instant now) {
    return BallotAdmission.check(OPEN, facts, caster, seat, APPROVE, reason, facts.motionVersion(), now);
  }

  private static void refused(ThrowingCallable attempt, ErrorCode code, String messagePart) {
    assertThatThrownBy(attempt).isInstanceOfSatisfying(DomainException.class, e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.getMessage()).contains(messagePart);
    });
  }

  @Test
  void aVotingMemberMayVoteForTheirOwnSeatUntilAMillisecondBeforeTheClose() {
    Admission admission = admit(panel().facts(), 1, null, null, CLOSES.minusMillis(1));
    assertThat(admission.seat().id()).isEqualTo(1);
    assertThat(admission.viaProxy()).isFalse();
    assertThat(admission.constituency()).isEqualTo("seat:1");
  }

  @Test
  void aBallotAMillisecondAfterTheCloseIsRefusedAsClosed() {
    refused(() -> admit(panel().facts(), 1, null, null, CLOSES.plusMillis(1)), ErrorCode.DECISION_CLOSED, "closed");
    refused(() -> admit(panel().facts(), 1, null, null, CLOSES), ErrorCode.DECISION_CLOSED, "closed");
  }

  @Test
  void someoneWithoutASeatIsRefused() {
    refused(() -> admit(panel().facts(), 77, null, null, Scenario.T0), ErrorCode.NOT_AUTHORISED, "hold no seat");
    refused(() -> admit(panel().facts(), 77, 99L, null, Scenario.T0), ErrorCode.NOT_AUTHORISED, "not in this decision");
  }

  @Test
  void aNonVotingSeatIsRefused() {
    refused(() -> admit(panel().facts(), 4, null, null, Scenario.T0), ErrorCode.NOT_AUTHORISED, "does not vote");
  }

  @Test
  void aRecusedMemberIsRefused() {
    refused(() -> admit(panel().facts(), 5, null, null, Scenario.T0), ErrorCode.NOT_AUTHORISED, "recused");
  }

  @Test
  void aPrincipalWhoseProxyIsActiveIsRefusedAndTheProxyIsAdmitted() {
    DecisionFacts facts = panel().proxy(1, 50).facts();
    Instant now = Scenario.at(1);
    refused(() -> admit(facts, 1, null, null, now), ErrorCode.NOT_AUTHORISED, "a proxy holds your seat");
    Admission proxy = admit(facts, 50, 1L, null, now);
    assertThat(proxy.viaProxy()).isTrue();
    assertThat(proxy.seat().id()).isEqualTo(1);
    refused(() -> admit(facts, 51, 1L, null, now), ErrorCode.NOT_AUTHORISED, "not the active proxy");
  }

  @Test
  void aProxyAppointedAfterTheMemberVotedCannotReplaceOrWithdrawTheMembersBallot() {
    DecisionFacts facts = panel().vote(1, APPROVE).proxy(1, 50).facts();
    Instant now = Scenario.at(5);
    refused(() -> admit(facts, 50, 1L, null, now), ErrorCode.CONFLICT, "has already voted for this seat");
    refused(() -> BallotAdmission.check(OPEN, facts, 50, 1L, null, null, facts.motionVersion(), now), ErrorCode.CONFLICT,
        "that ballot stands");
  }

  @Test
  void theMemberMayReplaceTheirProxysBallotOnceTheAppointmentIsRevoked() {
    DecisionFacts facts = panel().proxy(1, 50).byProxy(1, 50, REJECT).revokeProxies().facts();
    Admission own = admit(facts, 1, null, null, Scenario.at(5));
    assertThat(own.viaProxy()).isFalse();
    assertThat(own.capacity()).isEqualTo(org.quorate.server.decisions.counting.BallotCapacity.HOLDER);
  }

  @Test
  void aSecondMemberOfAVotingGroupThatHasVotedIsRefused() {
    BodyRules groups = TestRules.withBasis(PANEL, ElectorateBasis.VOTING_GROUPS);
    DecisionFacts facts = Scenario.under(groups).seatInGroup(1, "large_supplier", 100)
        .seatInGroup(2, "large_supplier", 100).seat(3, "gas_network").vote(1, APPROVE).facts();
    refused(() -> admit(facts, 2, null, null, Scenario.at(5)), ErrorCode.CONFLICT, "one ballot counts per Voting Group");
    assertThat(admit(facts, 1, null, null, Scenario.at(5)).constituency()).isEqualTo("group:100");
  }

  @Test
  void aBallotOnAnOutdatedMotionVersionIsRefused() {
    DecisionFacts facts = panel().amend().facts();
    refused(() -> BallotAdmission.check(OPEN, facts, 1, null, APPROVE, null, 1, Scenario.T0), ErrorCode.CONFLICT,
        "version 2");
  }

  @Test
  void aReasonIsRequiredWhereTheRulesSay() {
    BodyRules board = TestRules.seeded("CHANGE_BOARD");
    DecisionFacts facts = Scenario.under(board).seats("large_supplier", 2).facts();
    for (var choice : new org.quorate.server.decisions.counting.Choice[] {APPROVE, REJECT, ABSTAIN}) {
      assertThatThrownBy(() -> BallotAdmission.check(OPEN, facts, 1, null, choice, "  ", 1, Scenario.T0))
          .isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.field()).isEqualTo("reason");
            assertThat(e.getMessage()).contains("Change Board").contains(choice.word());
          });
    }
    assertThat(BallotAdmission.check(OPEN, facts, 1, null, REJECT, "does not better facilitate Objective (a)", 1,
        Scenario.T0).seat().id()).isEqualTo(1);
    assertThat(admit(panel().facts(), 1, null, null, Scenario.T0)).isNotNull();
  }

  @Test
  void aWithdrawalNeedsABallotToWithdraw() {
    refused(() -> BallotAdmission.check(OPEN, panel().facts(), 1, null, null, null, 1, Scenario.T0),
        ErrorCode.CONFLICT, "no ballot to withdraw");
    DecisionFacts voted = panel().vote(1, APPROVE).facts();
    assertThat(BallotAdmission.check(OPEN, voted, 1, null, null, null, 1, Scenario.at(3)).seat().id()).isEqualTo(1);
  }
}
