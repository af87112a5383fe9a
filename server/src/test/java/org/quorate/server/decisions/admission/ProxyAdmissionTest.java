package org.quorate.server.decisions.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorate.protocol.ErrorCode;
import org.quorate.server.decisions.Scenario;
import org.quorate.server.decisions.TestRules;
import org.quorate.server.decisions.counting.Electorate;
import org.quorate.server.decisions.counting.ProxyAppointment;
import org.quorate.server.decisions.rules.BodyRules;
import org.quorate.server.domain.DomainException;

class ProxyAdmissionTest {
  private static final BodyRules PANEL = TestRules.panel();
  private static final Instant START = Instant.parse("2026-05-01T09:00:00Z");
  private static final Electorate ELECTORATE =
      Scenario.under(PANEL).seats("large_supplier", 4).seat(5, "dcc").electorate();

  private static ProxyAppointment period(long id, long seat, long proxy, Instant from, Duration length) {
    return new ProxyAppointment(id, seat, proxy, ProxyAppointment.Scope.PERIOD, null, from,
        length == null ? null : from.plus(length), null);
  }

  private static void refused(Runnable attempt, ErrorCode code, String messagePart) {
    assertThatThrownBy(attempt::run).isInstanceOfSatisfying(DomainException.class, e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.getMessage()).contains(messagePart);
    });
  }

  @Test
  void aMemberMayHoldOneOtherSeatOnThePanelButNotTwo() {
    ProxyAppointment first = period(1, 2, 1, START, null);
    assertThatCode(() -> ProxyAdmission.check(PANEL, ELECTORATE, List.of(), first)).doesNotThrowAnyException();
    ProxyAppointment second = period(2, 3, 1, START, null);
    refused(() -> ProxyAdmission.check(PANEL, ELECTORATE, List.of(first), second), ErrorCode.CONFLICT,
        "would hold 3 seats; the limit on SEC Panel is 2");
  }

  @Test
  void someoneWithoutASeatMayHoldUpToTheLimit() {
    ProxyAppointment first = period(1, 2, 50, START, null);
    ProxyAppointment second = period(2, 3, 50, START, null);
    assertThatCode(() -> ProxyAdmission.check(PANEL, ELECTORATE, List.of(first), second)).doesNotThrowAnyException();
  }

  @Test
  void appointmentsThatDoNotOverlapInTimeDoNotCountTogether() {
    ProxyAppointment may = period(1, 2, 1, START, Duration.ofDays(10));
    ProxyAppointment june = period(2, 3, 1, START.plus(Duration.ofDays(30)), Duration.ofDays(10));
    assertThatCode(() -> ProxyAdmission.check(PANEL, ELECTORATE, List.of(may), june)).doesNotThrowAnyException();
  }

  @Test
  void aSeatCannotHaveTwoOverlappingProxies() {
    ProxyAppointment first = period(1, 2, 50, START, Duration.ofDays(10));
    ProxyAppointment second = period(2, 2, 51, START.plus(Duration.ofDays(5)), null);
    refused(() -> ProxyAdmission.check(PANEL, ELECTORATE, List.of(first), second), ErrorCode.CONFLICT,
        "already has proxy appointment 1");
    ProxyAppointment revoked = new ProxyAppointment(1, 2, 50, ProxyAppointment.Scope.PERIOD, null, START, null,
        START.plus(Duration.ofDays(1)));
    assertThatCode(() -> ProxyAdmission.check(PANEL, ELECTORATE, List.of(revoked), second)).doesNotThrowAnyException();
  }

  @Test
  void aProxyMustBeForAVotingSeatOfTheBodyAndNotItsOwnHolder() {
    refused(() -> ProxyAdmission.check(PANEL, ELECTORATE, List.of(), period(1, 5, 50, START, null)),
        ErrorCode.INVALID, "does not vote");
    refused(() -> ProxyAdmission.check(PANEL, ELECTORATE, List.of(), period(1, 99, 50, START, null)),
        ErrorCode.INVALID, "is not a seat");
    refused(() -> ProxyAdmission.check(PANEL, ELECTORATE, List.of(), period(1, 2, 2, START, null)),
        ErrorCode.INVALID, "own holder");
  }

  @Test
  void aBodyWhoseRulesForbidProxiesRefusesThem() {
    BodyRules ssc = TestRules.seeded("SSC");
    refused(() -> ProxyAdmission.check(ssc, ELECTORATE, List.of(), period(1, 2, 50, START, null)),
        ErrorCode.CONFLICT, "does not allow proxies");
  }

  @Test
  void aMeetingOrDecisionScopedAppointmentAppliesOnlyThere() {
    ProxyAppointment meeting = new ProxyAppointment(1, 2, 50, ProxyAppointment.Scope.MEETING, 7L, START, null, null);
    ProxyAppointment decision = new ProxyAppointment(2, 2, 50, ProxyAppointment.Scope.DECISION, 3L, START, null, null);
    assertThat(meeting.appliesTo(3, 7L)).isTrue();
    assertThat(meeting.appliesTo(3, null)).isFalse();
    assertThat(decision.appliesTo(3, null)).isTrue();
    assertThat(decision.appliesTo(4, 7L)).isFalse();
  }
}
