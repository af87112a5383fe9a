package org.quorate.server.meetings;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.quorate.protocol.TallyCount;

/**
 * Everything the minutes say, gathered from the meeting's record: plain data, so that
 * {@link MinutesGenerator} is a pure function of it. Names are display names; links are relative.
 */
public record MinutesRecord(String title, String bodyName, Instant scheduledStart, Instant openedAt, Instant closedAt,
    String state, List<String> chairs, List<Proceeding> proceedings, List<Attendee> attendance, List<String> unfilledVotingSeats,
    String quoracyRule, List<Paper> papers, List<Item> items, List<Ruling> rulings, List<Action> actions) {

  public MinutesRecord {
    chairs = List.copyOf(chairs);
    proceedings = List.copyOf(proceedings);
    attendance = List.copyOf(attendance);
    unfilledVotingSeats = List.copyOf(unfilledVotingSeats);
    papers = List.copyOf(papers);
    items = List.copyOf(items);
    rulings = List.copyOf(rulings);
    actions = List.copyOf(actions);
  }

  /** The meeting opened, adjourned, resumed (open again) or closed. */
  public record Proceeding(Instant at, String state, String by, String reason) {}

  /** One stretch of presence; {@code onBehalfOf} names the member whose seat an alternate or proxy filled. */
  public record Attendee(String name, String capacity, String onBehalfOf, String seat, String party, String mode,
      Instant joinedAt, Instant leftAt) {}

  /** {@code version} and {@code sha256} identify an uploaded file's current version (null for links). */
  public record Paper(String title, String link, Instant publishedAt, boolean late, String fileName, Integer version, String sha256) {}

  /**
   * An agenda item; {@code position} null for what was recorded before the meeting reached its first
   * item; {@code taken} false for an item the meeting never reached.
   */
  public record Item(Integer position, String title, String modificationId, boolean taken, String discussionLink, String modificationLink,
      List<QuoracyPoint> quoracy, List<Vote> votes, List<Decision> decisions, List<Action> actions, List<Question> questions) {
    public Item {
      quoracy = List.copyOf(quoracy);
      votes = List.copyOf(votes);
      decisions = List.copyOf(decisions);
      actions = List.copyOf(actions);
      questions = List.copyOf(questions);
    }
  }

  public record QuoracyPoint(Instant at, boolean quorate, String explanation) {}

  /** {@code tally} and {@code outcome} are null for a vote never closed. */
  public record Vote(String question, List<TallyCount> tally, String outcome, Boolean quorate, String explanation,
      String rule, String closeReason) {}

  public record Decision(String text, String reason, Vote vote) {}

  public record Action(int number, String text, String owner, LocalDate due, int dueWorkingDays, String status) {}

  /** {@code asker} is null when the question was asked anonymously: minutes are read by everyone. */
  public record Question(String text, String asker, int votes, boolean taken) {}

  public record Ruling(Instant at, String kind, String subject, String reason, String by) {}
}
