package org.quorate.server.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorate.server.decisions.counting.ProxyAppointment;
import org.quorate.server.decisions.counting.Seat;

class MeetingPresenceTest {
  private static final Instant T = Instant.parse("2030-03-05T10:00:00Z");

  private static final MeetingPresence MEETING = new MeetingPresence(7, 1, "open",
      List.of(new MeetingPresence.Stretch(1, T, T.plusSeconds(600)), new MeetingPresence.Stretch(2, T.plusSeconds(60), null),
          new MeetingPresence.Stretch(1, T.plusSeconds(900), null)),
      List.of(new MeetingPresence.Delegation(3, 4, 40, T, null), new MeetingPresence.Delegation(5, 99, 41, T, T.plusSeconds(60))));

  @Test
  void attendanceAtAnInstantIsWhoHadJoinedAndNotYetLeft() {
    assertThat(MEETING.at(T).presentUserIds()).containsExactly(1L);
    assertThat(MEETING.at(T.plusSeconds(60)).presentUserIds()).containsExactlyInAnyOrder(1L, 2L);
    assertThat(MEETING.at(T.plusSeconds(600)).presentUserIds()).containsExactly(2L);
    assertThat(MEETING.at(T.plusSeconds(900)).presentUserIds()).containsExactlyInAnyOrder(1L, 2L);
    assertThat(MEETING.at(T.minusSeconds(1)).presentUserIds()).isEmpty();
  }

  @Test
  void theMeetingsAlternatesBecomeAppointmentsForTheSeatsTheyFillAndOnlyForThose() {
    List<Seat> seats = List.of(new Seat(11, 1, "Member 1", 1L, 1L, "gas_network", true),
        new Seat(14, 4, "Member 4", 4L, 4L, "gas_network", true));
    assertThat(MEETING.appointments(seats)).containsExactly(
        new ProxyAppointment(-3, 14, 40, ProxyAppointment.Scope.MEETING, 7L, T, null, null));
  }
}
