package org.quorate.server.meetings;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Working-day arithmetic as meetings need it: when papers were due and when actions fall due. SEC
 * deadlines are local to Great Britain.
 */
public interface WorkingDays {
  ZoneId LONDON = ZoneId.of("Europe/London");

  /** The Working Day {@code days} Working Days after {@code from} ({@code from} itself for 0). */
  LocalDate plus(LocalDate from, int days);

  /** The Working Day {@code days} Working Days before {@code from} ({@code from} itself for 0). */
  LocalDate minus(LocalDate from, int days);
}
