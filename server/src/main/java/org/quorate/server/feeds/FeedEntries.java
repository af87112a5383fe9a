package org.quorate.server.feeds;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.quorate.server.feeds.CalendarFeedStore.ActionRow;
import org.quorate.server.feeds.CalendarFeedStore.DecisionRow;
import org.quorate.server.feeds.CalendarFeedStore.MeetingRow;
import org.quorate.server.meetings.PaperDeadline;
import org.quorate.server.meetings.WorkingDays;

/**
 * What a feed's events say. A feed leaves Quorate: it lands in other companies' calendar servers, and
 * whoever holds its address reads it without signing in. So an event names only the body and the
 * kind of event ("TABASC meeting") — never a meeting title, a decision's question or an action's
 * text, whatever the room's classification (Amber and Red text must not leave; White and Green text
 * is for signed-in users and Parties, which an address holder need not be).
 */
final class FeedEntries {
  /** Meetings have no scheduled end; calendars show this much until the meeting closes. */
  static final Duration ASSUMED_MEETING_LENGTH = Duration.ofHours(2);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.UK);

  private FeedEntries() {}

  /** A body's code as a label: CHANGE_BOARD reads "CHANGE BOARD". */
  static String label(String bodyCode) {
    return bodyCode.replace('_', ' ');
  }

  static FeedEntry meeting(MeetingRow m) {
    String summary = label(m.bodyCode()) + " meeting";
    var end = m.closedAt() != null && m.closedAt().isAfter(m.start()) ? m.closedAt() : m.start().plus(ASSUMED_MEETING_LENGTH);
    return FeedEntry.timed("meeting-" + m.id() + "@quorate", summary, "Meeting " + m.id() + " in Quorate.", m.start(), end,
        m.sequence(), m.created(), m.updated(), m.state().equals("cancelled"));
  }

  static FeedEntry papersDue(MeetingRow m, WorkingDays days) {
    return FeedEntry.allDay("papers-" + m.id() + "@quorate", "Papers due: " + label(m.bodyCode()) + " meeting on "
            + DAY.format(m.start().atZone(IcsCalendar.LONDON)),
        "Papers for meeting " + m.id() + " are due 5 Working Days before it.", PaperDeadline.lastDay(m.start(), days), m.sequence(),
        m.created(), m.updated());
  }

  static FeedEntry decisionCloses(DecisionRow d) {
    String summary = label(d.bodyCode()) + " decision closes";
    return FeedEntry.timed("decision-" + d.id() + "@quorate", summary, "Decision " + d.id() + " in Quorate closes for votes.",
        d.closesAt(), null, d.sequence(), d.created(), d.updated(), false);
  }

  static FeedEntry actionDue(ActionRow a) {
    return FeedEntry.allDay("action-" + a.id() + "@quorate", "Action " + a.number() + " due (" + label(a.bodyCode()) + " meeting)",
        "Action " + a.number() + " from meeting " + a.meetingId() + " in Quorate.", a.due(),
        a.sequence(), a.created(), a.updated());
  }
}
