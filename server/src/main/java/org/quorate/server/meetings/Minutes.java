package org.quorate.server.meetings;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.quorate.protocol.RoomEvent;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.DomainException;
import org.quorate.server.meetings.MeetingStore.AgendaItem;
import org.quorate.server.meetings.MeetingStore.MeetingRow;
import org.quorate.server.meetings.MeetingViews.MinutesView;
import org.quorate.server.meetings.MeetingWrites.Access;
import org.quorate.server.rooms.RoomService;

/**
 * The minutes: a draft generated from the record (until a chair edits it), downloadable as Markdown
 * and HTML; editable by anyone who may chair until published; published into the body's room and
 * every linked Modification's room, after which they are fixed. The text never crosses into a room
 * of a laxer classification than the meeting's: such a room gets a notice linking to the minutes,
 * which only those who may read the meeting's room can open.
 */
public final class Minutes {
  private final Pool pool;
  private final MeetingWrites writes;
  private final RoomService rooms;
  private final MeetingStore meetings;
  private final MinutesRecords records;
  private final MinutesGenerator generator;

  Minutes(Pool pool, MeetingWrites writes, RoomService rooms, MeetingStore meetings, MinutesRecords records, MinutesGenerator generator) {
    this.pool = pool;
    this.writes = writes;
    this.rooms = rooms;
    this.meetings = meetings;
    this.records = records;
    this.generator = generator;
  }

  public Future<MinutesView> view(Principal user, long meetingId) {
    return readable(user, meetingId).compose(m -> current(pool, m));
  }

  public Future<String> markdown(Principal user, long meetingId) {
    return view(user, meetingId).map(MinutesView::markdown);
  }

  public Future<String> html(Principal user, long meetingId) {
    return readable(user, meetingId).compose(m -> current(pool, m).map(v -> MarkdownHtml.document("Minutes: " + m.title(), v.markdown())));
  }

  public Future<MinutesView> edit(Principal user, long meetingId, String markdown) {
    return writes.quietly(meetingId, (db, m) -> {
      ChairPowers.requireMayTakeChair(user, m);
      if (m.minutesPublishedAt() != null) {
        return Future.failedFuture(DomainException.conflict("the minutes are published and can no longer be edited"));
      }
      return meetings.saveDraft(db, meetingId, markdown, user.userId(), writes.now());
    }).compose(v -> view(user, meetingId));
  }

  /**
   * Posts the minutes into the body's room and each linked Modification's room of the same or a
   * stricter classification, and a linking notice into the others, in one transaction.
   */
  public Future<MinutesView> publish(Principal user, long meetingId) {
    return writes.write(user, null, meetingId, Access.ANYONE, act -> {
      MeetingRow m = act.meeting();
      ChairPowers.requireMayTakeChair(user, m);
      if (!m.is("closed")) {
        return Future.failedFuture(DomainException.conflict("close the meeting before publishing its minutes"));
      }
      if (m.minutesPublishedAt() != null) {
        return Future.failedFuture(DomainException.conflict("the minutes are already published"));
      }
      return current(act.db(), m).compose(v -> meetings.publish(act.db(), m.id(), v.markdown(), user.userId(), act.now())
          .compose(x -> meetings.agenda(act.db(), m.id()))
          .compose(items -> {
            Set<Long> modificationRooms = items.stream().map(AgendaItem::modificationRoom).filter(Objects::nonNull)
                .collect(Collectors.toCollection(LinkedHashSet::new));
            Function<Long, Future<RoomEvent>> post = room -> act.tx().append(room, seq -> new RoomEvent.MinutesPublished(room, seq, m.id(),
                m.title(), v.markdown(), act.by(), act.now()));
            Future<RoomEvent> first = post.apply(m.roomId());
            for (long room : modificationRooms.stream().sorted().toList()) {
              first = first.compose(e -> publishInto(act, m, room, post).map(e));
            }
            return first;
          }));
    }).compose(o -> view(user, meetingId));
  }

  private Future<RoomEvent> publishInto(MeetingWrites.Act act, MeetingRow m, long room, Function<Long, Future<RoomEvent>> post) {
    return rooms.store().get(act.db(), m.roomId()).compose(source -> rooms.store().get(act.db(), room).compose(target ->
        target.classification().mayHold(source.classification()) ? post.apply(room)
            : act.tx().append(room, seq -> new RoomEvent.SystemNotice(room, seq, "minutes_available", linkTo(m), act.now()))));
  }

  /** Names the body and the date only: the meeting's title and minutes stay in its own room. */
  private static String linkTo(MeetingRow m) {
    return "Minutes of the " + m.bodyName() + " meeting of " + m.scheduledStart().atZone(WorkingDays.LONDON).toLocalDate()
        + " are published in the " + m.bodyName() + " room (/rooms/" + m.roomId() + "), for those who may read it: /api/meetings/"
        + m.id() + "/minutes.html";
  }

  private Future<MeetingRow> readable(Principal user, long meetingId) {
    return meetings.roomOf(pool, meetingId).compose(room -> rooms.openForRead(user, room)).compose(o -> meetings.get(pool, meetingId));
  }

  private Future<MinutesView> current(SqlClient db, MeetingRow m) {
    return meetings.minutes(db, m.id()).compose(t -> {
      if (t.published() != null) {
        return Future.succeededFuture(new MinutesView(m.id(), "published", t.published(), t.editedBy(), t.editedAt(), t.publishedBy(),
            t.publishedAt()));
      }
      if (t.draft() != null) {
        return Future.succeededFuture(new MinutesView(m.id(), "edited", t.draft(), t.editedBy(), t.editedAt(), null, null));
      }
      return records.record(db, m).map(r -> new MinutesView(m.id(), "generated", generator.markdown(r), null, null, null, null));
    });
  }

  /** The generated draft regardless of edits (what the record alone says). */
  public Future<String> generated(Principal user, long meetingId) {
    return readable(user, meetingId).compose(m -> records.record(pool, m)).map(generator::markdown);
  }
}
