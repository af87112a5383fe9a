package org.quorate.server.meetings;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * INTERIM: Monday to Friday, ignoring bank holidays, until the England and Wales Working Day
 * calendar of the decisions work (calendar.WorkingDayCalendar) is on this branch; swap it in where
 * {@code Meetings} is wired. A paper due before a bank holiday is therefore judged one day leniently.
 */
public final class WeekdaysOnly implements WorkingDays {

  @Override
  public LocalDate plus(LocalDate from, int days) {
    return step(from, days, 1);
  }

  @Override
  public LocalDate minus(LocalDate from, int days) {
    return step(from, days, -1);
  }

  private static LocalDate step(LocalDate from, int days, int direction) {
    if (days < 0) {
      throw new IllegalArgumentException("days must not be negative");
    }
    LocalDate day = from;
    int left = days;
    while (left > 0) {
      day = day.plusDays(direction);
      if (isWorkingDay(day)) {
        left--;
      }
    }
    return day;
  }

  static boolean isWorkingDay(LocalDate day) {
    return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
  }
}
