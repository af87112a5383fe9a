package org.quorate.server.meetings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterimQuoracyProbeTest {
  private final InterimQuoracyProbe probe = new InterimQuoracyProbe();

  /** {@code present} of {@code voting} voting seats present, plus a present DCC seat and an absent Consumer Member. */
  private static RegisterSnapshot register(int voting, int present) {
    List<RegisterSnapshot.SeatPresence> seats = new ArrayList<>();
    for (int i = 1; i <= voting; i++) {
      boolean here = i <= present;
      seats.add(new RegisterSnapshot.SeatPresence(i, "Member " + i, "Member", (long) i, "large_supplier", true,
          here ? "member" : null, here ? (long) i : null));
    }
    seats.add(new RegisterSnapshot.SeatPresence(100, "Dana DCC", "DCC Member", 100L, "dcc", true, "member", 100L));
    seats.add(new RegisterSnapshot.SeatPresence(101, "Connie", "Consumer Member", null, "consumer_member", true, null, null));
    return new RegisterSnapshot(1, seats);
  }

  @Test
  void moreThanHalfOfTheVotingMembersMakesAMeetingQuorate() {
    Quoracy q = probe.assess(register(12, 7));
    assertThat(q.quorate()).isTrue();
    assertThat(q.base()).isEqualTo(12);
    assertThat(q.present()).isEqualTo(7);
    assertThat(q.required()).isEqualTo(7);
    assertThat(q.explanation()).isEqualTo("quorate: 7 of 12 voting members present; more than half (7) required");
    assertThat(q.rule()).startsWith("Interim rule");
  }

  @Test
  void exactlyHalfIsNotEnough() {
    Quoracy q = probe.assess(register(12, 6));
    assertThat(q.quorate()).isFalse();
    assertThat(q.explanation()).isEqualTo("inquorate: 6 of 12 voting members present; more than half (7) required, 1 more needed");
    assertThat(probe.assess(register(9, 5)).quorate()).isTrue();
    assertThat(probe.assess(register(9, 4)).quorate()).isFalse();
  }

  @Test
  void dccAndConsumerMemberSeatsNeverCountEvenIfMarkedVoting() {
    assertThat(probe.assess(register(2, 1)).base()).isEqualTo(2);
    assertThat(probe.assess(register(2, 1)).quorate()).isFalse();
  }

  @Test
  void aSeatFilledByAnAlternateCountsAsPresent() {
    List<RegisterSnapshot.SeatPresence> seats = List.of(
        new RegisterSnapshot.SeatPresence(1, "Alice", "Member", 1L, "large_supplier", true, "alternate", 50L),
        new RegisterSnapshot.SeatPresence(2, "Arthur", "Member", 2L, "large_supplier", true, "member", 2L),
        new RegisterSnapshot.SeatPresence(3, "Kate", "Member", 3L, "small_supplier", true, null, null));
    assertThat(probe.assess(new RegisterSnapshot(1, seats)).quorate()).isTrue();
  }

  @Test
  void aBodyWithoutVotingMembersIsNeverQuorate() {
    Quoracy q = probe.assess(new RegisterSnapshot(1, List.of()));
    assertThat(q.quorate()).isFalse();
    assertThat(q.explanation()).contains("no voting members");
  }
}
