package org.quorate.server.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class WorkingDayCalendarPropertiesTest {
  private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.englandAndWales();

  /** Dates far enough inside the data that 60 working days either way stay inside it. */
  @Provide
  Arbitrary<LocalDate> dates() {
    LocalDate first = CALENDAR.firstDay().plusDays(100);
    LocalDate last = CALENDAR.lastDay().minusDays(100);
    return Arbitraries.longs().between(first.toEpochDay(), last.toEpochDay()).map(LocalDate::ofEpochDay);
  }

  @Property
  void addingNWorkingDaysLandsOnAWorkingDayExactlyNWorkingDaysAway(@ForAll("dates") LocalDate date,
      @ForAll @IntRange(min = 1, max = 60) int n) {
    LocalDate later = CALENDAR.addWorkingDays(date, n);
    assertThat(CALENDAR.isWorkingDay(later)).isTrue();
    assertThat(CALENDAR.workingDaysBetween(date, later)).isEqualTo(n);
    assertThat(CALENDAR.workingDaysBetween(date, later.minusDays(1))).isEqualTo(n - 1);
  }

  @Property
  void goingForwardThenBackFromAWorkingDayReturnsToIt(@ForAll("dates") LocalDate date,
      @ForAll @IntRange(min = 0, max = 60) int n) {
    LocalDate workingDay = CALENDAR.addWorkingDays(date, 1);
    assertThat(CALENDAR.addWorkingDays(CALENDAR.addWorkingDays(workingDay, n), -n)).isEqualTo(workingDay);
  }

  @Property
  void workingDaysBetweenIsAdditiveAndAntisymmetric(@ForAll("dates") LocalDate a, @ForAll("dates") LocalDate b,
      @ForAll("dates") LocalDate c) {
    assertThat(CALENDAR.workingDaysBetween(a, b) + CALENDAR.workingDaysBetween(b, c))
        .isEqualTo(CALENDAR.workingDaysBetween(a, c));
    assertThat(CALENDAR.workingDaysBetween(b, a)).isEqualTo(-CALENDAR.workingDaysBetween(a, b));
  }
}
