package org.quorate.server.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.quorate.server.domain.DomainException;
import org.quorate.server.http.Jackson;

/**
 * England and Wales Working Days: every day but Saturdays, Sundays and bank holidays, with the bank
 * holidays read from {@value #RESOURCE}. Only dates inside the file's {@code covers} range are
 * answered; anything else is refused with the range named, because guessing a year's holidays would
 * silently move a closing time or an appeal window.
 */
public final class WorkingDayCalendar {
  /** SEC deadlines are local to Great Britain. */
  public static final ZoneId LONDON = ZoneId.of("Europe/London");
  static final String RESOURCE = "calendar/england-and-wales-bank-holidays.yaml";

  private static volatile WorkingDayCalendar englandAndWales;

  private final LocalDate first;
  private final LocalDate last;
  private final TreeMap<LocalDate, String> holidays;

  private WorkingDayCalendar(LocalDate first, LocalDate last, Map<LocalDate, String> holidays) {
    this.first = first;
    this.last = last;
    this.holidays = new TreeMap<>(holidays);
  }

  /** The shared England and Wales calendar, loaded once from the classpath. */
  public static WorkingDayCalendar englandAndWales() {
    WorkingDayCalendar calendar = englandAndWales;
    if (calendar == null) {
      synchronized (WorkingDayCalendar.class) {
        if (englandAndWales == null) {
          englandAndWales = load();
        }
        calendar = englandAndWales;
      }
    }
    return calendar;
  }

  /**
   * A calendar covering {@code first}..{@code last} inclusive. Fails if a holiday lies outside that
   * range, falls on a weekend (substitute days are weekdays) or is listed twice.
   */
  public static WorkingDayCalendar of(LocalDate first, LocalDate last, Collection<BankHoliday> bankHolidays) {
    if (first == null || last == null || last.isBefore(first)) {
      throw new IllegalArgumentException("covers: 'from' and 'to' are required and 'to' must not be before 'from'");
    }
    Map<LocalDate, String> holidays = new TreeMap<>();
    for (BankHoliday holiday : bankHolidays) {
      LocalDate date = holiday.date();
      if (date == null || holiday.name() == null || holiday.name().isBlank()) {
        throw new IllegalArgumentException("holidays: every holiday needs a date and a name: " + holiday);
      }
      if (date.isBefore(first) || date.isAfter(last)) {
        throw new IllegalArgumentException("holidays: " + date + " lies outside covers " + first + " to " + last);
      }
      if (isWeekend(date)) {
        throw new IllegalArgumentException("holidays: " + date + " (" + holiday.name() + ") is a " + date.getDayOfWeek()
            + "; list the substitute weekday instead");
      }
      if (holidays.put(date, holiday.name().strip()) != null) {
        throw new IllegalArgumentException("holidays: " + date + " is listed twice");
      }
    }
    return new WorkingDayCalendar(first, last, holidays);
  }

  public LocalDate firstDay() {
    return first;
  }

  public LocalDate lastDay() {
    return last;
  }

  public boolean isWorkingDay(LocalDate date) {
    requireCovered(date);
    return !isWeekend(date) && !holidays.containsKey(date);
  }

  /** The bank holiday on {@code date}, if any. */
  public Optional<String> bankHoliday(LocalDate date) {
    requireCovered(date);
    return Optional.ofNullable(holidays.get(date));
  }

  /** Bank holidays from {@code from} to {@code to} inclusive. */
  public List<BankHoliday> bankHolidays(LocalDate from, LocalDate to) {
    requireCovered(from);
    requireCovered(to);
    return holidays.subMap(from, true, to, true).entrySet().stream()
        .map(e -> new BankHoliday(e.getKey(), e.getValue())).toList();
  }

  /**
   * The {@code n}th working day after {@code date} (before it when {@code n} is negative); {@code date}
   * itself when {@code n} is 0. "Closes in 5 Working Days" from a Monday with no holidays is the next Monday.
   */
  public LocalDate addWorkingDays(LocalDate date, int n) {
    requireCovered(date);
    int step = n >= 0 ? 1 : -1;
    LocalDate day = date;
    for (int remaining = Math.abs(n); remaining > 0; ) {
      day = day.plusDays(step);
      if (isWorkingDay(day)) {
        remaining--;
      }
    }
    return day;
  }

  /**
   * Working days after {@code from} up to and including {@code to}; negative when {@code to} is earlier.
   * So {@code addWorkingDays(a, workingDaysBetween(a, b)) == b} whenever {@code b} is a working day.
   */
  public int workingDaysBetween(LocalDate from, LocalDate to) {
    requireCovered(from);
    requireCovered(to);
    if (to.isBefore(from)) {
      return -workingDaysBetween(to, from);
    }
    int count = 0;
    for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
      if (isWorkingDay(day)) {
        count++;
      }
    }
    return count;
  }

  /**
   * A closing time "in {@code workingDays} Working Days at {@code at}": the London date of
   * {@code from}, plus that many working days, at that London wall-clock time (a time that does not
   * exist on a clock-change day moves forward by the gap).
   */
  public ZonedDateTime closingTime(Instant from, int workingDays, LocalTime at) {
    if (workingDays < 0) {
      throw DomainException.invalid("working_days", "must not be negative");
    }
    LocalDate day = addWorkingDays(from.atZone(LONDON).toLocalDate(), workingDays);
    return ZonedDateTime.of(day, at, LONDON);
  }

  private void requireCovered(LocalDate date) {
    if (date == null) {
      throw DomainException.invalid("date", "is required");
    }
    if (date.isBefore(first) || date.isAfter(last)) {
      throw DomainException.invalid("date", date + " is outside the working-day calendar, which covers " + first
          + " to " + last + "; add its bank holidays to " + RESOURCE);
    }
  }

  private static boolean isWeekend(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
  }

  private static WorkingDayCalendar load() {
    try (InputStream in = WorkingDayCalendar.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      CalendarFile file = Jackson.YAML.readValue(in, CalendarFile.class);
      if (file.covers() == null) {
        throw new IllegalStateException(RESOURCE + ": covers: is required");
      }
      return of(file.covers().from(), file.covers().to(), file.holidays() == null ? List.of() : file.holidays());
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException(RESOURCE + ": " + e.getMessage(), e);
    }
  }

  record CalendarFile(Covers covers, List<BankHoliday> holidays) {}

  record Covers(LocalDate from, LocalDate to) {}
}
