package org.quorate.server.meetings;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.quorate.protocol.QueueEntry;
import org.quorate.protocol.UserRef;
import org.quorate.server.meetings.AttendanceStore.Delegate;
import org.quorate.server.meetings.AttendanceStore.Stretch;
import org.quorate.server.meetings.MeetingStore.AgendaItem;
import org.quorate.server.meetings.RulingStore.Sanction;

/** The meetings REST API's read models. */
public final class MeetingViews {
  private MeetingViews() {}

  public record MeetingSummary(long id, long bodyId, String bodyName, long roomId, String title, Instant scheduledStart,
      String state) {}

  /**
   * A link, a file kept elsewhere, or an uploaded file ({@code version} is then its current version,
   * downloadable with its {@code versions}). {@code late}: first published under 5 Working Days before the meeting.
   */
  public record PaperView(long id, Long agendaItemId, String title, String url, String fileName, String mediaType,
      Long sizeBytes, String sha256, Instant publishedAt, String addedBy, boolean late, Integer version,
      List<PaperVersionView> versions) {}

  public record PaperVersionView(int version, String fileName, String mediaType, long sizeBytes, String sha256, Instant uploadedAt,
      String uploadedBy, boolean late) {}

  public record FloorView(UserRef holder, Instant since, Instant endsAt) {}

  /**
   * Everything a client needs to show (or rebuild after a restart) the live meeting: state, acting
   * chair, agenda position, attendance, quoracy, queue, floor, votes (open ones without a tally),
   * mutes and removals in force, appointed alternates and proxies.
   */
  public record MeetingView(long id, long bodyId, String bodyName, long roomId, String title, Instant scheduledStart, String state,
      Instant openedAt, Instant closedAt, UserRef actingChair, Long bodyChairId, List<Long> coChairs, List<Long> minuteTakers,
      Long currentItemId, boolean roomLocked, List<AgendaItem> agenda, LocalDate papersDueBy, List<PaperView> papers,
      List<Stretch> present, Quoracy quoracy, List<QueueEntry> queue, FloorView floor, List<MeetingVotes.VoteRecord> votes,
      List<Sanction> sanctions, List<Delegate> delegates, Instant minutesPublishedAt) {}

  /** The minutes as they stand: {@code source} is generated, edited (a chair's draft) or published. */
  public record MinutesView(long meetingId, String source, String markdown, Long editedBy, Instant editedAt, Long publishedBy,
      Instant publishedAt) {}
}
