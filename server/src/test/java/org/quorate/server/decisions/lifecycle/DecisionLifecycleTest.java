package org.quorate.server.decisions.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quorate.server.decisions.counting.Choice.APPROVE;
import static org.quorate.server.decisions.counting.Choice.REJECT;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.quorate.protocol.ErrorCode;
import org.quorate.server.calendar.WorkingDayCalendar;
import org.quorate.server.decisions.Scenario;
import org.quorate.server.decisions.TestRules;
import org.quorate.server.decisions.counting.DecisionResult;
import org.quorate.server.decisions.counting.InquorateFollowUp;
import org.quorate.server.decisions.rules.BodyRules;
import org.quorate.server.decisions.rules.ExtensionRule;
import org.quorate.server.decisions.rules.InquorateRule;
import org.quorate.server.domain.DomainException;

class DecisionLifecycleTest {
  private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.englandAndWales();
  private static final Actor MODERATOR = new Actor(1, true);
  private static final Actor MEMBER = new Actor(2, false);
  private static final ExtensionRule ONE_EXTENSION = new ExtensionRule("test", 1);
  /** Monday 30 March 2026, 09:00 BST; the decision closes on Thursday 2 April at 17:00 BST. */
  private static final Instant OPENED = Instant.parse("2026-03-30T08:00:00Z");
  private static final Instant CLOSES = Instant.parse("2026-04-02T16:00:00Z");

  private static DecisionLifecycle open() {
    return DecisionLifecycle.draft().open(MODERATOR, OPENED, CLOSES).lifecycle();
  }

  private static DecisionLifecycle closed() {
    return open().close(CLOSES).lifecycle();
  }

  private static void refused(ThrowingCallable change, ErrorCode code) {
    assertThatThrownBy(change).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  private static DecisionResult quorateCarried() {
    return Scenario.under(TestRules.panel()).seats("gas_network", 3).votes(APPROVE, 1, 2, 3).result();
  }

  private static DecisionResult inquorate(BodyRules rules) {
    return Scenario.under(rules).seats("gas_network", 5).votes(REJECT, 1).result();
  }

  @Test
  void aVoteTakenAtAMeetingHasNoClosingTimeAndAcceptsBallotsUntilTheChairClosesIt() {
    DecisionLifecycle live = new DecisionLifecycle(DecisionStatus.OPEN, OPENED, null, 0, 0, null, null);
    Instant muchLater = OPENED.plus(Duration.ofDays(400));
    live.requireAcceptingBallots(muchLater);
    assertThat(live.acceptsBallotsAt(muchLater)).isTrue();
    assertThat(live.isDueToClose(muchLater)).isFalse();
    refused(() -> live.close(muchLater), ErrorCode.CONFLICT);
    refused(() -> live.extend(MODERATOR, muchLater, muchLater.plusSeconds(60), "More time", ONE_EXTENSION), ErrorCode.CONFLICT);

    DecisionLifecycle closed = live.closeEarly(MODERATOR, muchLater, "The chair closed the vote").lifecycle();
    assertThat(closed.closesAt()).isEqualTo(muchLater);
    refused(() -> closed.requireAcceptingBallots(muchLater.plusMillis(1)), ErrorCode.DECISION_CLOSED);
  }

  @Test
  void aModeratorOpensADraftAndTheOpeningIsRecorded() {
    DecisionLifecycle.Step step = DecisionLifecycle.draft().open(MODERATOR, OPENED, CLOSES);
    assertThat(step.lifecycle().status()).isEqualTo(DecisionStatus.OPEN);
    assertThat(step.lifecycle().closesAt()).isEqualTo(CLOSES);
    assertThat(step.transition()).isEqualTo(new Transition(Transition.Kind.OPENED, DecisionStatus.DRAFT,
        DecisionStatus.OPEN, 1L, OPENED, CLOSES, null));
  }

  @Test
  void onlyAModeratorMayOpenExtendCloseEarlyOrCancel() {
    refused(() -> DecisionLifecycle.draft().open(MEMBER, OPENED, CLOSES), ErrorCode.NOT_AUTHORISED);
    refused(() -> open().extend(MEMBER, OPENED, CLOSES.plusSeconds(60), "more time", ONE_EXTENSION),
        ErrorCode.NOT_AUTHORISED);
    refused(() -> open().closeEarly(MEMBER, OPENED, "enough"), ErrorCode.NOT_AUTHORISED);
    refused(() -> open().cancel(MEMBER, OPENED, "withdrawn"), ErrorCode.NOT_AUTHORISED);
  }

  @Test
  void aDecisionCannotBeOpenedTwiceNorToCloseInThePast() {
    refused(() -> open().open(MODERATOR, OPENED, CLOSES), ErrorCode.CONFLICT);
    refused(() -> DecisionLifecycle.draft().open(MODERATOR, OPENED, OPENED), ErrorCode.INVALID);
  }

  @Test
  void ballotsAreAcceptedStrictlyBeforeTheCloseEvenIfNoClosingTimerHasFired() {
    DecisionLifecycle open = open();
    open.requireAcceptingBallots(CLOSES.minusMillis(1));
    assertThat(open.acceptsBallotsAt(CLOSES.minusMillis(1))).isTrue();
    assertThat(open.acceptsBallotsAt(CLOSES)).isFalse();
    refused(() -> open.requireAcceptingBallots(CLOSES), ErrorCode.DECISION_CLOSED);
    refused(() -> open.requireAcceptingBallots(CLOSES.plusMillis(1)), ErrorCode.DECISION_CLOSED);
    assertThat(open.isDueToClose(CLOSES)).isTrue();
  }

  @Test
  void aDraftRefusesBallotsAsNotYetOpen() {
    refused(() -> DecisionLifecycle.draft().requireAcceptingBallots(OPENED), ErrorCode.CONFLICT);
  }

  @Test
  void extendingMovesTheCloseAndIsLimitedByTheRules() {
    DecisionLifecycle.Step step = open().extend(MODERATOR, OPENED, CLOSES.plus(Duration.ofDays(1)), "Parties asked",
        ONE_EXTENSION);
    assertThat(step.lifecycle().closesAt()).isEqualTo(CLOSES.plus(Duration.ofDays(1)));
    assertThat(step.lifecycle().extensions()).isEqualTo(1);
    assertThat(step.transition().reason()).isEqualTo("Parties asked");
    assertThatThrownBy(() -> step.lifecycle().extend(MODERATOR, OPENED, CLOSES.plus(Duration.ofDays(2)), "again",
        ONE_EXTENSION))
        .isInstanceOfSatisfying(DomainException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
          assertThat(e.getMessage()).contains("limit is 1");
        });
  }

  @Test
  void anExtensionMustMoveTheCloseLaterAndGiveAReason() {
    refused(() -> open().extend(MODERATOR, OPENED, CLOSES, "same time", ONE_EXTENSION), ErrorCode.INVALID);
    assertThatThrownBy(() -> open().extend(MODERATOR, OPENED, CLOSES.plusSeconds(60), " ", ONE_EXTENSION))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).isEqualTo("reason"));
  }

  @Test
  void aDecisionPastItsCloseCannotBeExtendedOrClosedEarly() {
    refused(() -> open().extend(MODERATOR, CLOSES, CLOSES.plusSeconds(60), "late", ONE_EXTENSION),
        ErrorCode.DECISION_CLOSED);
    refused(() -> open().closeEarly(MODERATOR, CLOSES.plusSeconds(1), "late"), ErrorCode.DECISION_CLOSED);
  }

  @Test
  void closingEarlyClosesNowWithTheReasonRecorded() {
    Instant now = OPENED.plus(Duration.ofHours(1));
    DecisionLifecycle.Step step = open().closeEarly(MODERATOR, now, "every member has voted");
    assertThat(step.lifecycle().status()).isEqualTo(DecisionStatus.CLOSED);
    assertThat(step.lifecycle().closesAt()).isEqualTo(now);
    assertThat(step.transition().kind()).isEqualTo(Transition.Kind.CLOSED_EARLY);
    refused(() -> step.lifecycle().requireAcceptingBallots(now), ErrorCode.DECISION_CLOSED);
  }

  @Test
  void theServerClosesOnlyAtOrAfterTheClosingTime() {
    refused(() -> open().close(CLOSES.minusMillis(1)), ErrorCode.CONFLICT);
    DecisionLifecycle.Step step = open().close(CLOSES.plusSeconds(5));
    assertThat(step.lifecycle().status()).isEqualTo(DecisionStatus.CLOSED);
    assertThat(step.transition().actorUserId()).isNull();
    refused(() -> step.lifecycle().close(CLOSES.plusSeconds(6)), ErrorCode.DECISION_CLOSED);
  }

  @Test
  void aClosedDecisionIsSettledWithItsResult() {
    DecisionResult result = quorateCarried();
    DecisionLifecycle.Step step = closed().settle(result, CLOSES, CALENDAR);
    assertThat(step.lifecycle().status()).isEqualTo(DecisionStatus.CARRIED);
    assertThat(step.transition().reason()).isEqualTo(result.explanation());
    refused(() -> step.lifecycle().settle(result, CLOSES, CALENDAR), ErrorCode.DECISION_CLOSED);
    refused(() -> step.lifecycle().cancel(MODERATOR, CLOSES, "too late"), ErrorCode.DECISION_CLOSED);
    refused(() -> open().settle(result, CLOSES, CALENDAR), ErrorCode.CONFLICT);
  }

  @Test
  void aTieAwaitingTheCastingVoteCannotBeSettledUntilTheChairGivesIt() {
    Scenario tied = Scenario.under(TestRules.panel()).seats("gas_network", 2).vote(1, APPROVE).vote(2, REJECT);
    refused(() -> closed().settle(tied.result(), CLOSES, CALENDAR), ErrorCode.CONFLICT);
    DecisionLifecycle.Step step = closed().settle(tied.castingVote(APPROVE).result(), CLOSES, CALENDAR);
    assertThat(step.lifecycle().status()).isEqualTo(DecisionStatus.CARRIED);
  }

  @Test
  void anInquorateDecisionThatClosedMidMorningOnASaturdayReopensUntilFivePmLondonOnAWorkingDay() {
    // Closes Saturday 24 October 2026 10:30 BST; 5 working days on is Friday 30 October, after the clocks go back.
    Instant saturdayMorning = Instant.parse("2026-10-24T09:30:00Z");
    DecisionLifecycle closedOnSaturday = DecisionLifecycle.draft().open(MODERATOR, OPENED, saturdayMorning).lifecycle()
        .close(saturdayMorning).lifecycle();
    DecisionLifecycle.Step step = closedOnSaturday.settle(inquorate(TestRules.panel()), saturdayMorning.plusSeconds(1), CALENDAR);
    assertThat(step.lifecycle().status()).isEqualTo(DecisionStatus.OPEN);
    assertThat(step.lifecycle().closesAt()).isEqualTo(Instant.parse("2026-10-30T17:00:00Z"));
    assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-10-30"))).isTrue();
  }

  @Test
  void aReopenedDecisionWhoseClosingPassRanLateCountsItsWorkingDaysFromWhenItReopened() {
    // The server was down from Thursday's close until Monday 13 April 09:00 BST: five working days from then.
    Instant late = Instant.parse("2026-04-13T08:00:00Z");
    DecisionLifecycle.Step step = closed().settle(inquorate(TestRules.panel()), late, CALENDAR);
    assertThat(step.lifecycle().closesAt()).isEqualTo(Instant.parse("2026-04-20T16:00:00Z"));
  }

  @Test
  void anInquorateResultUnderExtendOnceReopensForThatManyWorkingDaysUntilFivePmLondon() {
    // Closing Thursday 2 April 2026 17:00 BST; 5 working days later skips Good Friday and Easter Monday.
    DecisionLifecycle.Step step = closed().settle(inquorate(TestRules.panel()), CLOSES, CALENDAR);
    assertThat(step.lifecycle().status()).isEqualTo(DecisionStatus.OPEN);
    assertThat(step.lifecycle().closesAt()).isEqualTo(Instant.parse("2026-04-13T16:00:00Z"));
    assertThat(step.lifecycle().inquorateExtensions()).isEqualTo(1);
    assertThat(step.transition().kind()).isEqualTo(Transition.Kind.REOPENED_INQUORATE);
    assertThat(step.lifecycle().acceptsBallotsAt(CLOSES.plusSeconds(60))).isTrue();
  }

  @Test
  void anInquorateResultThatStandsProvisionallyRecordsTheDateItStandsUntil() {
    BodyRules rules = TestRules.withInquorate(TestRules.panel(),
        new InquorateRule("test", InquorateRule.Action.STAND_PROVISIONALLY, null, 10, null));
    DecisionLifecycle.Step step = closed().settle(inquorate(rules), CLOSES, CALENDAR);
    assertThat(step.lifecycle().status()).isEqualTo(DecisionStatus.INQUORATE);
    assertThat(step.lifecycle().followUp().action()).isEqualTo(InquorateFollowUp.Action.STAND_PROVISIONALLY);
    assertThat(step.lifecycle().standsUntil()).isEqualTo(LocalDate.parse("2026-04-20"));
  }

  @Test
  void anInquorateResultCarriedToTheNextMeetingEndsTheDecision() {
    BodyRules rules = TestRules.withInquorate(TestRules.panel(),
        new InquorateRule("test", InquorateRule.Action.CARRY_TO_NEXT_MEETING, null, null, null));
    DecisionLifecycle.Step step = closed().settle(inquorate(rules), CLOSES, CALENDAR);
    assertThat(step.lifecycle().status()).isEqualTo(DecisionStatus.INQUORATE);
    assertThat(step.lifecycle().followUp().action()).isEqualTo(InquorateFollowUp.Action.CARRY_TO_NEXT_MEETING);
    assertThat(step.lifecycle().standsUntil()).isNull();
  }

  @Test
  void aModeratorMayCancelADraftAnOpenOrAClosedDecisionWithAReason() {
    for (DecisionLifecycle lifecycle : new DecisionLifecycle[] {DecisionLifecycle.draft(), open(), closed()}) {
      DecisionLifecycle.Step step = lifecycle.cancel(MODERATOR, OPENED, "the Modification was withdrawn");
      assertThat(step.lifecycle().status()).isEqualTo(DecisionStatus.CANCELLED);
      assertThat(step.transition().reason()).isEqualTo("the Modification was withdrawn");
      refused(() -> step.lifecycle().requireAcceptingBallots(OPENED), ErrorCode.DECISION_CLOSED);
    }
    assertThatThrownBy(() -> open().cancel(MODERATOR, OPENED, null))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).isEqualTo("reason"));
  }
}
