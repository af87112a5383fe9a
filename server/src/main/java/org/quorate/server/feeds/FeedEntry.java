package org.quorate.server.feeds;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One event of a calendar feed. Either timed ({@code start} to {@code end}) or all-day ({@code day}).
 * {@code uid} is stable ({@code meeting-42@quorate}) so calendar clients update the event in place;
 * {@code sequence} and {@code modified} grow when it changes.
 */
public record FeedEntry(String uid, String summary, String description, Instant start, Instant end, LocalDate day, int sequence,
    Instant created, Instant modified, boolean cancelled) {

  static FeedEntry timed(String uid, String summary, String description, Instant start, Instant end, int sequence, Instant created,
      Instant modified, boolean cancelled) {
    return new FeedEntry(uid, summary, description, start, end, null, sequence, created, modified, cancelled);
  }

  static FeedEntry allDay(String uid, String summary, String description, LocalDate day, int sequence, Instant created,
      Instant modified) {
    return new FeedEntry(uid, summary, description, null, null, day, sequence, created, modified, false);
  }
}
