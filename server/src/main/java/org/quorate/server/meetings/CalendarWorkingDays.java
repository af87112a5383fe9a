package org.quorate.server.meetings;

import java.time.LocalDate;
import org.quorate.server.calendar.WorkingDayCalendar;

/** Meetings count Working Days on the same England and Wales calendar as decisions (bank holidays included). */
public final class CalendarWorkingDays implements WorkingDays {
  private final WorkingDayCalendar calendar;

  public CalendarWorkingDays(WorkingDayCalendar calendar) {
    this.calendar = calendar;
  }

  @Override
  public LocalDate plus(LocalDate from, int days) {
    return calendar.addWorkingDays(from, days);
  }

  @Override
  public LocalDate minus(LocalDate from, int days) {
    return calendar.addWorkingDays(from, -days);
  }
}
