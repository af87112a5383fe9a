package org.quorate.server.meetings;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The SEC expects a meeting's papers five Working Days before it: a paper is late when it was
 * published after the end of the Working Day five Working Days before the meeting's date (London).
 */
public final class PaperDeadline {
  static final int WORKING_DAYS_BEFORE = 5;

  private PaperDeadline() {}

  public static LocalDate lastDay(Instant meetingStart, WorkingDays days) {
    return days.minus(LocalDate.ofInstant(meetingStart, WorkingDays.LONDON), WORKING_DAYS_BEFORE);
  }

  static boolean late(Instant publishedAt, Instant meetingStart, WorkingDays days) {
    return LocalDate.ofInstant(publishedAt, WorkingDays.LONDON).isAfter(lastDay(meetingStart, days));
  }
}
