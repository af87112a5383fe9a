package org.quorate.server.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.quorate.server.feeds.CalendarFeedStore.DecisionRow;
import org.quorate.server.feeds.CalendarFeedStore.MeetingRow;

/** What feed events say: the body and the kind of event, never a room's text. */
class FeedEntriesTest {
  private static final Instant START = Instant.parse("2030-07-03T09:00:00Z");
  private static final MeetingRow MEETING = new MeetingRow(42, 7, "TABASC", START, null, "scheduled", 3, Instant.parse("2030-06-01T09:00:00Z"), Instant.parse("2030-06-20T09:00:00Z"));

  @Test
  void aMeetingIsNamedOnlyByItsBodyUnderAStableUid() {
    FeedEntry e = FeedEntries.meeting(MEETING);
    assertThat(e.summary()).isEqualTo("TABASC meeting");
    assertThat(e.uid()).isEqualTo("meeting-42@quorate");
    assertThat(e.sequence()).isEqualTo(3);
    assertThat(e.modified()).isEqualTo(MEETING.updated());
  }

  @Test
  void aMeetingLastsTwoHoursInTheFeedUntilItClosesAndACancelledOneSaysSo() {
    assertThat(FeedEntries.meeting(MEETING).end()).isEqualTo(Instant.parse("2030-07-03T11:00:00Z"));
    MeetingRow closed = new MeetingRow(42, 7, "TABASC", START, Instant.parse("2030-07-03T09:40:00Z"), "closed", 3, START, START);
    assertThat(FeedEntries.meeting(closed).end()).isEqualTo(Instant.parse("2030-07-03T09:40:00Z"));
    MeetingRow cancelled = new MeetingRow(42, 7, "TABASC", START, START, "cancelled", 4, START, START);
    assertThat(FeedEntries.meeting(cancelled).cancelled()).isTrue();
  }

  @Test
  void aDecisionSaysOnlyThatTheBodysDecisionCloses() {
    FeedEntry e = FeedEntries.decisionCloses(new DecisionRow(9, 7, "CHANGE_BOARD", START, 1, START, START));
    assertThat(e.summary()).isEqualTo("CHANGE BOARD decision closes");
    assertThat(e.uid()).isEqualTo("decision-9@quorate");
  }

  @Test
  void thePapersDeadlineIsAnAllDayEventFiveWorkingDaysBeforeTheMeeting() {
    FeedEntry e = FeedEntries.papersDue(MEETING, new org.quorate.server.meetings.CalendarWorkingDays(
        org.quorate.server.calendar.WorkingDayCalendar.englandAndWales()));
    assertThat(e.day()).isEqualTo(LocalDate.of(2030, 6, 26));
    assertThat(e.uid()).isEqualTo("papers-42@quorate");
    assertThat(e.summary()).isEqualTo("Papers due: TABASC meeting on Wed 3 Jul 2030");
  }
}
