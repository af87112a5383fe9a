package org.quorate.server.meetings;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.quorate.protocol.RoomEvent;
import org.quorate.protocol.UserRef;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.DomainException;
import org.quorate.server.meetings.MeetingRequests.AgendaInput;
import org.quorate.server.meetings.MeetingRequests.MeetingInput;
import org.quorate.server.meetings.MeetingRequests.MeetingUpdate;
import org.quorate.server.meetings.MeetingRequests.PaperInput;
import org.quorate.server.meetings.MeetingStore.AgendaItem;
import org.quorate.server.meetings.MeetingStore.MeetingRow;
import org.quorate.server.meetings.MeetingViews.MeetingSummary;
import org.quorate.server.meetings.MeetingViews.MeetingView;
import org.quorate.server.meetings.MeetingViews.PaperView;
import org.quorate.server.meetings.MeetingWrites.Access;
import org.quorate.server.meetings.MeetingWrites.Act;
import org.quorate.server.rooms.RoomEventLog;
import org.quorate.server.rooms.RoomService;

/**
 * Meetings as SECAS and chairs prepare them (schedule, agenda, papers, co-chairs and minute-takers,
 * alternates and proxies) and as everyone reads them: the live view a client (re)builds its screen
 * from. Preparation changes are announced in the body's room as system notices.
 */
public final class MeetingService {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final Pool pool;
  private final MeetingWrites writes;
  private final RoomService rooms;
  private final RoomEventLog log;
  private final MeetingStore meetings;
  private final AttendanceStore attendance;
  private final FloorStore floor;
  private final RulingStore rulings;
  private final PaperStore papers;
  private final MeetingVotes votes;
  private final QuoracyProbe probe;
  private final WorkingDays days;

  MeetingService(Pool pool, MeetingWrites writes, RoomService rooms, RoomEventLog log, MeetingStore meetings, AttendanceStore attendance,
      FloorStore floor, RulingStore rulings, PaperStore papers, MeetingVotes votes, QuoracyProbe probe, WorkingDays days) {
    this.pool = pool;
    this.writes = writes;
    this.rooms = rooms;
    this.log = log;
    this.meetings = meetings;
    this.attendance = attendance;
    this.floor = floor;
    this.rulings = rulings;
    this.papers = papers;
    this.votes = votes;
    this.probe = probe;
    this.days = days;
  }

  public Future<List<MeetingSummary>> list(Principal user, Long bodyId) {
    return rooms.list(user).compose(visible -> meetings.inRooms(pool, visible.stream().map(RoomService.RoomSummary::id).toList(), bodyId))
        .map(all -> all.stream().map(m -> new MeetingSummary(m.id(), m.bodyId(), m.bodyName(), m.roomId(), m.title(),
            m.scheduledStart(), m.state())).toList());
  }

  public Future<MeetingView> create(Principal user, MeetingInput in) {
    List<Long> created = new ArrayList<>(1);
    return meetings.bodyChair(pool, in.bodyId()).compose(body -> {
      if (body.isEmpty()) {
        return Future.failedFuture(DomainException.invalid("body_id", "no such body"));
      }
      ChairPowers.requireOrganiser(user, body.get().chairUserId());
      return rooms.store().roomOfBody(pool, in.bodyId());
    }).compose(roomId -> log.writeSystem(tx -> meetings.insert(tx.conn(), in.bodyId(), roomId, in.title(), in.scheduledStart(), user.userId())
        .compose(id -> {
          created.add(id);
          return insertItems(tx.conn(), id, in.agenda());
        })
        .compose(v -> tx.append(roomId, seq -> new RoomEvent.SystemNotice(roomId, seq, "meeting_scheduled",
            "Meeting scheduled: " + in.title() + ", " + WHEN.format(in.scheduledStart().atZone(WorkingDays.LONDON)) + " (London)",
            writes.now())))
        .map(e -> new RoomEventLog.Outcome(roomId, e.seq(), null, false))))
        .compose(o -> view(user, created.get(0)));
  }

  private Future<Void> insertItems(SqlClient db, long meetingId, List<AgendaInput> items) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < items.size(); i++) {
      AgendaInput item = items.get(i);
      int position = i + 1;
      chain = chain.compose(v -> meetings.insertItem(db, meetingId, position, item.title(), item.modificationId()).mapEmpty());
    }
    return chain;
  }

  public Future<MeetingView> update(Principal user, long meetingId, MeetingUpdate in) {
    return prepare(user, meetingId, "meeting_rescheduled", act -> {
      requireState(act.meeting(), "scheduled");
      return meetings.update(act.db(), meetingId, in.title(), in.scheduledStart()).map("Meeting rescheduled: " + in.title() + ", "
          + WHEN.format(in.scheduledStart().atZone(WorkingDays.LONDON)) + " (London)");
    });
  }

  /** Nothing is deleted: a meeting that never opened is cancelled, and stays on record as such. */
  public Future<MeetingView> cancel(Principal user, long meetingId) {
    return prepare(user, meetingId, "meeting_cancelled", act -> {
      requireState(act.meeting(), "scheduled");
      return meetings.setState(act.db(), meetingId, "cancelled", act.now())
          .compose(v -> DelegateRoomMembership.resync(act, rooms.store()))
          .map("Meeting cancelled: " + act.meeting().title());
    });
  }

  public Future<MeetingView> addItem(Principal user, long meetingId, AgendaInput in) {
    return prepare(user, meetingId, "agenda_changed", act -> {
      requireState(act.meeting(), "scheduled", "open", "adjourned");
      return meetings.agenda(act.db(), meetingId).compose(items -> meetings.insertItem(act.db(), meetingId, items.size() + 1, in.title(),
              in.modificationId())
          .compose(id -> renumber(act, items.stream().map(AgendaItem::id).toList(), id, in.position())))
          .map("Agenda item added: " + in.title());
    });
  }

  public Future<MeetingView> updateItem(Principal user, long meetingId, long itemId, AgendaInput in) {
    return prepare(user, meetingId, "agenda_changed", act -> {
      requireState(act.meeting(), "scheduled", "open", "adjourned");
      return meetings.item(act.db(), meetingId, itemId)
          .compose(item -> meetings.updateItem(act.db(), itemId, in.title(), in.modificationId()))
          .compose(v -> meetings.agenda(act.db(), meetingId))
          .compose(items -> renumber(act, items.stream().map(AgendaItem::id).filter(id -> id != itemId).toList(), itemId, in.position()))
          .map("Agenda item changed: " + in.title());
    });
  }

  public Future<MeetingView> deleteItem(Principal user, long meetingId, long itemId) {
    return prepare(user, meetingId, "agenda_changed", act -> {
      requireState(act.meeting(), "scheduled", "open", "adjourned");
      return meetings.item(act.db(), meetingId, itemId).compose(item -> {
        if (item.startedAt() != null) {
          return Future.failedFuture(DomainException.conflict("agenda item " + item.position() + " has been taken; it stays on record"));
        }
        return meetings.deleteItem(act.db(), itemId)
            .compose(v -> meetings.agenda(act.db(), meetingId))
            .compose(items -> meetings.renumber(act.db(), items.stream().map(AgendaItem::id).toList()))
            .map("Agenda item withdrawn: " + item.title());
      });
    });
  }

  private Future<Void> renumber(Act act, List<Long> others, long placed, Integer position) {
    List<Long> order = new ArrayList<>(others);
    int at = position == null ? order.size() : Math.min(position - 1, order.size());
    order.add(at, placed);
    return meetings.renumber(act.db(), order);
  }

  public Future<PaperView> addPaper(Principal user, long meetingId, PaperInput in) {
    List<Long> created = new ArrayList<>();
    return prepare(user, meetingId, "paper_published", act -> {
      requireState(act.meeting(), "scheduled", "open", "adjourned");
      var published = in.publishedAt() == null ? act.now() : in.publishedAt();
      Future<Void> item = in.agendaItemId() == null ? Future.succeededFuture()
          : meetings.item(act.db(), meetingId, in.agendaItemId()).mapEmpty();
      return item.compose(v -> papers.insert(act.db(), meetingId, in, published, user.userId())).map(id -> {
        created.add(id);
        boolean late = PaperDeadline.late(published, act.meeting().scheduledStart(), days);
        return "Paper published: " + in.title() + (late ? " (late: fewer than 5 Working Days before the meeting)" : "");
      });
    }).compose(view -> Future.succeededFuture(view.papers().stream().filter(p -> p.id() == created.get(0)).findFirst().orElseThrow()));
  }

  public Future<List<PaperView>> papers(Principal user, long meetingId) {
    return view(user, meetingId).map(MeetingView::papers);
  }

  private Future<MeetingView> prepare(Principal user, long meetingId, String kind, java.util.function.Function<Act, Future<String>> work) {
    return writes.write(user, null, meetingId, Access.ANYONE, act -> {
      ChairPowers.requireOrganiser(user, act.meeting());
      return work.apply(act).compose(text -> notice(act, kind, text));
    }).compose(o -> view(user, meetingId));
  }

  static Future<RoomEvent> notice(Act act, String kind, String text) {
    return act.append(seq -> new RoomEvent.SystemNotice(act.meeting().roomId(), seq, kind, text, act.now()));
  }

  private static void requireState(MeetingRow m, String... states) {
    if (!m.is(states)) {
      throw DomainException.conflict("the meeting is " + m.state());
    }
  }

  public Future<MeetingView> view(Principal user, long meetingId) {
    return meetings.roomOf(pool, meetingId).compose(room -> rooms.openForRead(user, room)).compose(o -> meetings.get(pool, meetingId))
        .compose(this::view);
  }

  Future<MeetingView> view(MeetingRow m) {
    var agenda = meetings.agenda(pool, m.id());
    var paperList = papers.ofMeeting(pool, m.id());
    var present = attendance.present(pool, m.id());
    var quoracy = attendance.register(pool, m.id(), m.bodyId()).map(probe::assess);
    var queue = floor.waiting(pool, m.id());
    var voteList = votes.votes(pool, m.id());
    var sanctions = rulings.active(pool, m.id());
    var delegates = attendance.delegates(pool, m.id());
    Future<UserRef> chair = m.actingChairId() == null ? Future.succeededFuture(null) : meetings.user(pool, m.actingChairId());
    Future<UserRef> holder = m.floorUserId() == null ? Future.succeededFuture(null) : meetings.user(pool, m.floorUserId());
    return Future.all(List.of(agenda, paperList, present, quoracy, queue, voteList, sanctions, delegates, chair, holder)).map(all ->
        new MeetingView(m.id(), m.bodyId(), m.bodyName(), m.roomId(), m.title(), m.scheduledStart(), m.state(), m.openedAt(), m.closedAt(),
            chair.result(), m.bodyChairId(), m.coChairs(), m.minuteTakers(), m.currentItemId(), m.roomLocked(), agenda.result(),
            PaperDeadline.lastDay(m.scheduledStart(), days),
            paperList.result().stream().map(p -> paperView(p, m.scheduledStart(), days)).toList(),
            present.result(), quoracy.result(), queue.result().wire(),
            holder.result() == null ? null : new MeetingViews.FloorView(holder.result(), m.floorSince(), m.floorEndsAt()),
            voteList.result(), sanctions.result(), delegates.result(), m.minutesPublishedAt()));
  }

  static PaperView paperView(PaperStore.Paper p, java.time.Instant meetingStart, WorkingDays days) {
    return new PaperView(p.id(), p.itemId(), p.title(), p.url(), p.fileName(), p.mediaType(), p.sizeBytes(), p.sha256(), p.publishedAt(),
        p.addedBy(), PaperDeadline.late(p.publishedAt(), meetingStart, days), p.version(), p.versions().stream()
            .map(v -> new MeetingViews.PaperVersionView(v.version(), v.fileName(), v.mediaType(), v.sizeBytes(), v.sha256(), v.uploadedAt(),
                v.uploadedBy(), PaperDeadline.late(v.uploadedAt(), meetingStart, days)))
            .toList());
  }

  public Future<List<AttendanceStore.Stretch>> attendance(Principal user, long meetingId) {
    return meetings.roomOf(pool, meetingId).compose(room -> rooms.openForRead(user, room)).compose(o -> attendance.history(pool, meetingId));
  }

  public Future<List<RulingStore.Ruling>> rulings(Principal user, long meetingId) {
    return meetings.roomOf(pool, meetingId).compose(room -> rooms.openForRead(user, room)).compose(o -> rulings.rulings(pool, meetingId));
  }
}
