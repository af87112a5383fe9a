package org.quorate.server.meetings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class WorkingDaysTest {
  private final WorkingDays days = new CalendarWorkingDays(org.quorate.server.calendar.WorkingDayCalendar.englandAndWales());

  @Test
  void workingDaysSkipWeekendsInBothDirections() {
    LocalDate friday = LocalDate.parse("2026-11-27");
    assertThat(days.plus(friday, 1)).isEqualTo("2026-11-30");
    assertThat(days.plus(friday, 5)).isEqualTo("2026-12-04");
    assertThat(days.plus(friday, 0)).isEqualTo(friday);
    assertThat(days.minus(LocalDate.parse("2026-12-01"), 5)).isEqualTo("2026-11-24");
    assertThat(days.minus(LocalDate.parse("2026-11-30"), 1)).isEqualTo("2026-11-27");
  }

  @Test
  void workingDaysSkipEnglandAndWalesBankHolidays() {
    // Christmas Day 2026 is a Friday and Boxing Day's substitute is Monday 28 December.
    assertThat(days.plus(LocalDate.parse("2026-12-24"), 1)).isEqualTo("2026-12-29");
    assertThat(days.minus(LocalDate.parse("2026-12-29"), 1)).isEqualTo("2026-12-24");
  }

  @Test
  void aPaperIsLateWhenPublishedAfterTheFifthWorkingDayBeforeTheMeeting() {
    Instant meeting = Instant.parse("2026-12-08T10:00:00Z");   // Tuesday; five Working Days before is Tuesday 1 December
    assertThat(PaperDeadline.lastDay(meeting, days)).isEqualTo("2026-12-01");
    assertThat(PaperDeadline.late(Instant.parse("2026-12-01T22:30:00Z"), meeting, days)).isFalse();
    assertThat(PaperDeadline.late(Instant.parse("2026-12-02T00:30:00Z"), meeting, days)).isTrue();
    assertThat(PaperDeadline.late(Instant.parse("2026-11-20T09:00:00Z"), meeting, days)).isFalse();
  }
}
