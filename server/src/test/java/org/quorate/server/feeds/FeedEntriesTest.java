package org.quorate.server.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorate.server.feeds.CalendarFeedStore.DecisionRow;
import org.quorate.server.feeds.CalendarFeedStore.MeetingRow;
import org.quorate.server.rooms.Classification;
import org.quorate.server.rooms.Room;

/** What feed events say: nothing from an Amber or Red room beyond the body and the kind of event. */
class FeedEntriesTest {
  private static final Instant START = Instant.parse("2030-07-03T09:00:00Z");
  private static final MeetingRow MEETING = new MeetingRow(42, 7, "TABASC", "TABASC: DCC security incident review", START, null,
      "scheduled", 3, Instant.parse("2030-06-01T09:00:00Z"), Instant.parse("2030-06-20T09:00:00Z"));

  private static Room room(Classification c) {
    return new Room(7, "body", "TABASC", c, null, 4L, 0);
  }

  @Test
  void anAmberOrRedMeetingIsNamedOnlyByItsBody() {
    for (Classification c : List.of(Classification.AMBER, Classification.RED)) {
      FeedEntry e = FeedEntries.meeting(MEETING, room(c));
      assertThat(e.summary()).isEqualTo("TABASC meeting");
      assertThat(e.summary() + e.description()).doesNotContain("incident");
      assertThat(e.uid()).isEqualTo("meeting-42@quorate");
      assertThat(e.sequence()).isEqualTo(3);
      assertThat(e.modified()).isEqualTo(MEETING.updated());
    }
  }

  @Test
  void aWhiteOrGreenMeetingKeepsItsTitle() {
    assertThat(FeedEntries.meeting(MEETING, room(Classification.GREEN)).summary()).isEqualTo("TABASC meeting: TABASC: DCC security incident review");
  }

  @Test
  void aMeetingLastsTwoHoursInTheFeedUntilItClosesAndACancelledOneSaysSo() {
    assertThat(FeedEntries.meeting(MEETING, room(Classification.AMBER)).end()).isEqualTo(Instant.parse("2030-07-03T11:00:00Z"));
    MeetingRow closed = new MeetingRow(42, 7, "TABASC", "t", START, Instant.parse("2030-07-03T09:40:00Z"), "closed", 3, START, START);
    assertThat(FeedEntries.meeting(closed, room(Classification.AMBER)).end()).isEqualTo(Instant.parse("2030-07-03T09:40:00Z"));
    MeetingRow cancelled = new MeetingRow(42, 7, "TABASC", "t", START, START, "cancelled", 4, START, START);
    assertThat(FeedEntries.meeting(cancelled, room(Classification.AMBER)).cancelled()).isTrue();
  }

  @Test
  void anAmberDecisionSaysOnlyThatTheBodysDecisionCloses() {
    DecisionRow d = new DecisionRow(9, 7, "CHANGE_BOARD", "Approve the DCC's confidential cost model?", START, 1, START, START);
    assertThat(FeedEntries.decisionCloses(d, room(Classification.AMBER)).summary()).isEqualTo("CHANGE BOARD decision closes");
    assertThat(FeedEntries.decisionCloses(d, room(Classification.GREEN)).summary())
        .isEqualTo("Decision closes: Approve the DCC's confidential cost model?");
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
