package org.quorate.server.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quorate.protocol.ErrorCode;
import org.quorate.server.domain.DomainException;

class WorkingDayCalendarTest {
  private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.englandAndWales();

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  void theCalendarCoversAtLeast2024To2030() {
    assertThat(CALENDAR.firstDay()).isBeforeOrEqualTo(d("2024-01-01"));
    assertThat(CALENDAR.lastDay()).isAfterOrEqualTo(d("2030-12-31"));
  }

  @Test
  void the2026BankHolidaysAreExactlyTheEightPublished() {
    assertThat(CALENDAR.bankHolidays(d("2026-01-01"), d("2026-12-31"))).extracting(BankHoliday::date).containsExactly(
        d("2026-01-01"), d("2026-04-03"), d("2026-04-06"), d("2026-05-04"), d("2026-05-25"), d("2026-08-31"),
        d("2026-12-25"), d("2026-12-28"));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "2026-12-28, Boxing Day (substitute day)",
      "2027-12-27, Christmas Day (substitute day)",
      "2027-12-28, Boxing Day (substitute day)",
      "2028-01-03, New Year's Day (substitute day)",
      "2023-01-02, New Year's Day (substitute day)",
      "2023-05-08, Bank holiday for the coronation of King Charles III",
      "2024-03-29, Good Friday",
      "2025-04-21, Easter Monday",
      "2027-03-26, Good Friday",
      "2030-04-22, Easter Monday",
  })
  void substituteDaysAndMovableHolidaysAreBankHolidays(LocalDate date, String name) {
    assertThat(CALENDAR.bankHoliday(date)).contains(name);
    assertThat(CALENDAR.isWorkingDay(date)).isFalse();
  }

  /**
   * Every year's regular holidays, computed from the statutory pattern with an independent Easter
   * algorithm, match the data file; the only differences allowed are one-off proclaimed holidays.
   */
  @Test
  void everyYearMatchesTheStatutoryPatternApartFromProclaimedOneOffs() {
    Set<LocalDate> oneOffs = Set.of(d("2023-05-08"));
    for (int year = CALENDAR.firstDay().getYear(); year <= CALENDAR.lastDay().getYear(); year++) {
      Set<LocalDate> inFile = new TreeSet<>();
      CALENDAR.bankHolidays(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)).forEach(h -> inFile.add(h.date()));
      inFile.removeAll(oneOffs);
      assertThat(inFile).as("bank holidays of %d", year).containsExactlyElementsOf(new TreeSet<>(pattern(year)));
    }
  }

  private static List<LocalDate> pattern(int year) {
    List<LocalDate> days = new ArrayList<>();
    days.add(nextWeekday(LocalDate.of(year, 1, 1)));
    LocalDate easter = easterSunday(year);
    days.add(easter.minusDays(2));
    days.add(easter.plusDays(1));
    days.add(LocalDate.of(year, 5, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)));
    days.add(LocalDate.of(year, 5, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));
    days.add(LocalDate.of(year, 8, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));
    LocalDate christmas = nextWeekday(LocalDate.of(year, 12, 25));
    days.add(christmas);
    days.add(nextWeekday(christmas.plusDays(1)));
    return days;
  }

  private static LocalDate nextWeekday(LocalDate date) {
    LocalDate d = date;
    while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
      d = d.plusDays(1);
    }
    return d;
  }

  /** Meeus/Jones/Butcher Gregorian Easter. */
  private static LocalDate easterSunday(int y) {
    int a = y % 19;
    int b = y / 100;
    int c = y % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return LocalDate.of(y, month, day);
  }

  @ParameterizedTest(name = "{0} + {1} working days = {2}")
  @CsvSource({
      "2026-03-02, 5, 2026-03-09",   // Monday to Monday, no holidays
      "2026-03-06, 1, 2026-03-09",   // Friday to Monday over a weekend
      "2026-04-02, 1, 2026-04-07",   // Thursday before Easter: Good Friday and Easter Monday skipped
      "2026-04-02, 5, 2026-04-13",
      "2026-12-23, 3, 2026-12-30",   // Christmas Day (Friday) and the substitute Boxing Day (Monday 28th)
      "2026-12-23, 5, 2027-01-04",   // ... and New Year's Day (Friday) across the year end
      "2027-12-24, 1, 2027-12-29",   // both Christmas substitute days of 2027
      "2027-12-24, 3, 2027-12-31",
      "2027-12-31, 1, 2028-01-04",   // New Year's Day 2028 is a Saturday: Monday 3rd is the substitute
      "2026-05-22, 1, 2026-05-26",   // Spring bank holiday
      "2026-08-28, 1, 2026-09-01",   // Summer bank holiday
      "2026-03-02, 0, 2026-03-02",
      "2026-03-07, 0, 2026-03-07",   // zero days from a Saturday is that Saturday
      "2026-03-09, -5, 2026-03-02",  // backwards, e.g. a reminder 5 working days before the close
      "2026-04-07, -1, 2026-04-02",
      "2027-01-04, -5, 2026-12-23",
  })
  void addingWorkingDaysSkipsWeekendsAndBankHolidays(LocalDate from, int n, LocalDate expected) {
    assertThat(CALENDAR.addWorkingDays(from, n)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} to {1}: {2} working days")
  @CsvSource({
      "2026-03-02, 2026-03-09, 5",
      "2026-03-09, 2026-03-02, -5",
      "2026-04-02, 2026-04-07, 1",
      "2026-12-24, 2027-01-04, 4",   // 29th, 30th, 31st and 4th
      "2026-12-31, 2026-12-31, 0",
      "2026-01-01, 2026-12-31, 253", // 261 weekdays less 8 bank holidays
      "2027-12-24, 2028-01-04, 4",
  })
  void workingDaysBetweenCountsTheDaysAfterTheStartUpToAndIncludingTheEnd(LocalDate from, LocalDate to, int expected) {
    assertThat(CALENDAR.workingDaysBetween(from, to)).isEqualTo(expected);
  }

  @Test
  void aClosingTimeInWorkingDaysIsAtTheGivenLondonTime() {
    // Thursday 2 April 2026, 16:00 BST: five working days on skips Good Friday, Easter Monday and a weekend.
    ZonedDateTime closing = CALENDAR.closingTime(Instant.parse("2026-04-02T15:00:00Z"), 5, LocalTime.of(17, 0));
    assertThat(closing.toLocalDate()).isEqualTo(d("2026-04-13"));
    assertThat(closing.toLocalTime()).isEqualTo(LocalTime.of(17, 0));
    assertThat(closing.toInstant()).isEqualTo(Instant.parse("2026-04-13T16:00:00Z"));
  }

  @Test
  void aClosingTimeIsCountedFromTheLondonDateNotTheUtcDate() {
    // 23:30 UTC on 30 June 2026 is already 1 July in London (BST).
    ZonedDateTime closing = CALENDAR.closingTime(Instant.parse("2026-06-30T23:30:00Z"), 1, LocalTime.NOON);
    assertThat(closing.toLocalDate()).isEqualTo(d("2026-07-02"));
  }

  @Test
  void aClosingTimeAcrossTheClockChangeKeepsTheLondonWallClockTime() {
    // Friday 27 March 2026 in GMT; the clocks go forward on Sunday 29 March.
    ZonedDateTime closing = CALENDAR.closingTime(Instant.parse("2026-03-27T10:00:00Z"), 1, LocalTime.of(17, 0));
    assertThat(closing.toInstant()).isEqualTo(Instant.parse("2026-03-30T16:00:00Z"));
  }

  @Test
  void datesOutsideTheDataAreRefusedNamingTheRange() {
    assertThatThrownBy(() -> CALENDAR.isWorkingDay(d("2031-01-02")))
        .isInstanceOfSatisfying(DomainException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID);
          assertThat(e.getMessage()).contains("2031-01-02 is outside the working-day calendar, which covers 2023-01-01"
              + " to 2030-12-31");
        });
    assertThatThrownBy(() -> CALENDAR.addWorkingDays(d("2030-12-30"), 5)).isInstanceOf(DomainException.class)
        .hasMessageContaining("2031-01");
    assertThatThrownBy(() -> CALENDAR.workingDaysBetween(d("2022-12-30"), d("2023-01-03")))
        .isInstanceOf(DomainException.class).hasMessageContaining("2022-12-30");
  }

  @Test
  void aCalendarWithAHolidayOnAWeekendIsRefusedBecauseTheSubstituteDayWasMeant() {
    assertThatThrownBy(() -> WorkingDayCalendar.of(d("2027-01-01"), d("2027-12-31"),
        List.of(new BankHoliday(d("2027-12-25"), "Christmas Day"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2027-12-25").hasMessageContaining("SATURDAY");
  }

  @Test
  void aCalendarWithAHolidayOutsideItsRangeOrListedTwiceIsRefused() {
    assertThatThrownBy(() -> WorkingDayCalendar.of(d("2027-01-01"), d("2027-12-31"),
        List.of(new BankHoliday(d("2028-01-03"), "New Year's Day (substitute day)"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside covers");
    assertThatThrownBy(() -> WorkingDayCalendar.of(d("2027-01-01"), d("2027-12-31"),
        List.of(new BankHoliday(d("2027-01-01"), "New Year's Day"), new BankHoliday(d("2027-01-01"), "again"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listed twice");
  }
}
