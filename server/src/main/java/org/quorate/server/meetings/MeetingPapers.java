package org.quorate.server.meetings;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.Checks;
import org.quorate.server.domain.DomainException;
import org.quorate.server.meetings.MeetingViews.PaperView;
import org.quorate.server.meetings.MeetingWrites.Access;
import org.quorate.server.meetings.MeetingWrites.Act;
import org.quorate.server.rooms.RoomService;

/**
 * Meeting papers as files kept in Quorate: organisers upload them and their revised versions; anyone
 * who may read the body's room downloads them. Each upload is announced in the room, flagged late
 * when it comes under 5 Working Days before the meeting.
 */
public final class MeetingPapers {
  private final Pool pool;
  private final MeetingWrites writes;
  private final RoomService rooms;
  private final MeetingStore meetings;
  private final PaperStore papers;
  private final MeetingService service;
  private final WorkingDays days;

  MeetingPapers(Pool pool, MeetingWrites writes, RoomService rooms, MeetingStore meetings, PaperStore papers, MeetingService service,
      WorkingDays days) {
    this.pool = pool;
    this.writes = writes;
    this.rooms = rooms;
    this.meetings = meetings;
    this.papers = papers;
    this.service = service;
    this.days = days;
  }

  public Future<PaperView> upload(Principal user, long meetingId, String title, Long itemId, PaperUpload file) {
    String name = Checks.text(title, "title", 300);
    List<Long> created = new ArrayList<>(1);
    return writes.write(user, null, meetingId, Access.ANYONE, act -> {
      requireOrganiserBeforeClose(act);
      Future<Void> item = itemId == null ? Future.succeededFuture() : meetings.item(act.db(), meetingId, itemId).mapEmpty();
      return item.compose(v -> papers.insertFile(act.db(), meetingId, itemId, name, file, act.now(), user.userId()))
          .compose(id -> {
            created.add(id);
            return MeetingService.notice(act, "paper_published", "Paper published: " + name + lateNote(act));
          });
    }).compose(o -> paper(user, meetingId, created.get(0)));
  }

  public Future<PaperView> revise(Principal user, long meetingId, long paperId, PaperUpload file) {
    return writes.write(user, null, meetingId, Access.ANYONE, act -> {
      requireOrganiserBeforeClose(act);
      return papers.titleOf(act.db(), meetingId, paperId).compose(title -> papers.addVersion(act.db(), paperId, file, act.now(),
              user.userId())
          .compose(version -> MeetingService.notice(act, "paper_published", "Paper revised: " + title + ", version " + version
              + lateNote(act))));
    }).compose(o -> paper(user, meetingId, paperId));
  }

  /** A version's bytes (the current one when {@code version} is null), for whoever may read the body's room. */
  public Future<PaperStore.Content> download(Principal user, long meetingId, long paperId, Integer version) {
    return meetings.roomOf(pool, meetingId).compose(room -> rooms.openForRead(user, room))
        .compose(o -> papers.content(pool, meetingId, paperId, version));
  }

  private Future<PaperView> paper(Principal user, long meetingId, long paperId) {
    return service.papers(user, meetingId).map(all -> all.stream().filter(p -> p.id() == paperId).findFirst()
        .orElseThrow(() -> DomainException.notFound("paper", paperId)));
  }

  private String lateNote(Act act) {
    Instant start = act.meeting().scheduledStart();
    return PaperDeadline.late(act.now(), start, days) ? " (late: fewer than 5 Working Days before the meeting)" : "";
  }

  private static void requireOrganiserBeforeClose(Act act) {
    ChairPowers.requireOrganiser(act.user(), act.meeting());
    if (!act.meeting().is("scheduled", "open", "adjourned")) {
      throw DomainException.conflict("the meeting is " + act.meeting().state());
    }
  }
}
