package org.quorate.server.calendar;

import java.time.LocalDate;

/** One England and Wales bank holiday. */
public record BankHoliday(LocalDate date, String name) {}
