package org.quorate.server.meetings;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.Objects;
import java.util.Set;
import org.quorate.protocol.ClientCommand;
import org.quorate.protocol.RoomEvent;
import org.quorate.protocol.UserRef;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.DomainException;
import org.quorate.server.domain.Role;
import org.quorate.server.meetings.AttendanceStore.Seat;
import org.quorate.server.meetings.AttendanceStore.Stretch;
import org.quorate.server.meetings.MeetingStore.MeetingRow;
import org.quorate.server.meetings.MeetingWrites.Access;
import org.quorate.server.meetings.MeetingWrites.Act;
import org.quorate.server.rooms.RoomEventLog.Outcome;

/**
 * Who is at the meeting, in which capacity and how: members in their seat, appointed alternates and
 * proxies filling a member's seat, the chair, and guests. Attendance is explicit (join, leave, or the
 * chair marking someone), not tied to a connection, so a dropped socket or a server restart never
 * changes it. After every change the {@link QuoracyProbe} is asked again; a changed answer is a
 * {@code quoracy_changed} event and a line in the quoracy log.
 */
public final class AttendanceRegister {
  private final MeetingWrites writes;
  private final MeetingStore meetings;
  private final AttendanceStore attendance;
  private final RulingStore rulings;
  private final FloorControl floor;
  private final QuoracyProbe probe;

  AttendanceRegister(MeetingWrites writes, MeetingStore meetings, AttendanceStore attendance, RulingStore rulings,
      FloorControl floor, QuoracyProbe probe) {
    this.writes = writes;
    this.meetings = meetings;
    this.attendance = attendance;
    this.rulings = rulings;
    this.floor = floor;
    this.probe = probe;
  }

  /** The capacity someone attends in, and the seat they fill (none for the chair and guests). */
  record Capacity(String kind, Seat seat) {
    UserRef onBehalfOf(long attendee) {
      return seat == null || seat.holderId() == attendee ? null : new UserRef(seat.holderId(), seat.holderName());
    }
  }

  public Future<Outcome> join(Principal user, ClientCommand.JoinMeeting cmd) {
    return writes.write(user, cmd.id(), cmd.meeting(), Access.ROOM_READER, act -> {
      MeetingRow m = act.meeting();
      if (!m.is("scheduled", "open", "adjourned")) {
        return Future.failedFuture(DomainException.conflict("the meeting is " + m.state()));
      }
      return rulings.activeKind(act.db(), m.id(), user.userId(), "removed")
          .compose(removed -> removed.isPresent()
              ? Future.failedFuture(DomainException.notAuthorised("the chair removed you from this meeting"))
              : attendance.presence(act.db(), m.id(), user.userId()))
          .compose(p -> p.isPresent() ? Future.failedFuture(DomainException.conflict("you are already present"))
              : capacity(act.db(), m, user.userId(), user.roles(), cmd.onBehalfOf()))
          .compose(c -> {
            boolean seated = c.seat() != null;
            if (m.roomLocked() && !seated && !ChairPowers.insider(user.userId(), m)) {
              return Future.failedFuture(DomainException.notAuthorised("the chair has locked this meeting to its members"));
            }
            return arrive(act, act.by(), c, cmd.mode(), null);
          });
    });
  }

  public Future<Outcome> leave(Principal user, ClientCommand.LeaveMeeting cmd) {
    return writes.write(user, cmd.id(), cmd.meeting(), Access.ROOM_READER, act -> attendance.presence(act.db(), act.meetingId(), user.userId())
        .compose(p -> p.map(s -> depart(act, s, "left the meeting"))
            .orElseGet(() -> Future.failedFuture(DomainException.conflict("you are not present")))));
  }

  /** The chair marks someone present (typically in the room, without a device) or no longer present. */
  public Future<Outcome> mark(Principal user, ClientCommand.MarkAttendance cmd) {
    return writes.write(user, cmd.id(), cmd.meeting(), Access.ACTING_CHAIR, act -> {
      MeetingRow m = act.meeting();
      if (!m.is("open", "adjourned")) {
        return Future.failedFuture(DomainException.conflict("the meeting is " + m.state()));
      }
      return attendance.presence(act.db(), m.id(), cmd.user()).compose(p -> {
        if (!cmd.present()) {
          return p.map(s -> depart(act, s, "marked absent by the chair"))
              .orElseGet(() -> Future.failedFuture(DomainException.conflict("user " + cmd.user() + " is not present")));
        }
        if (p.isPresent()) {
          Stretch s = p.get();
          if (s.mode().equals(cmd.mode())) {
            return Future.failedFuture(DomainException.conflict(s.name() + " is already present " + cmd.mode()));
          }
          return attendance.setMode(act.db(), m.id(), cmd.user(), cmd.mode(), user.userId())
              .compose(v -> act.append(seq -> new RoomEvent.AttendanceChanged(m.roomId(), seq, m.id(), new UserRef(s.userId(), s.name()),
                  true, cmd.mode(), s.capacity(), holderOf(s), s.seat(), act.by(), act.now())));
        }
        return rulings.activeKind(act.db(), m.id(), cmd.user(), "removed")
            .compose(removed -> removed.isPresent()
                ? Future.failedFuture(DomainException.conflict("user " + cmd.user() + " was removed from this meeting"))
                : meetings.roles(act.db(), cmd.user()))
            .compose(roles -> capacity(act.db(), m, cmd.user(), roles, null))
            .compose(c -> meetings.user(act.db(), cmd.user()).compose(who -> arrive(act, who, c, cmd.mode(), user.userId())));
      });
    });
  }

  private Future<RoomEvent> arrive(Act act, UserRef who, Capacity c, String mode, Long markedBy) {
    MeetingRow m = act.meeting();
    return attendance.join(act.db(), m.id(), who.id(), c.kind(), c.seat(), mode, act.now(), markedBy)
        .compose(v -> act.append(seq -> new RoomEvent.AttendanceChanged(m.roomId(), seq, m.id(), who, true, mode, c.kind(),
            c.onBehalfOf(who.id()), c.seat() == null ? null : c.seat().seat(), act.by(), act.now())))
        .compose(e -> refreshQuoracy(act, m.currentItemId()).map(e));
  }

  /** Ends someone's presence: the register, their hand and the floor, then quoracy. */
  Future<RoomEvent> depart(Act act, Stretch s, String reason) {
    MeetingRow m = act.meeting();
    return attendance.leave(act.db(), m.id(), s.userId(), act.now())
        .compose(v -> act.append(seq -> new RoomEvent.AttendanceChanged(m.roomId(), seq, m.id(), new UserRef(s.userId(), s.name()),
            false, s.mode(), s.capacity(), holderOf(s), s.seat(), act.by(), act.now())))
        .compose(e -> floor.withdraw(act, s.userId(), reason).map(e))
        .compose(e -> refreshQuoracy(act, m.currentItemId()).map(e));
  }

  private static UserRef holderOf(Stretch s) {
    return s.seatHolderId() == null || s.seatHolderId() == s.userId() ? null : new UserRef(s.seatHolderId(), s.seatHolderName());
  }

  private Future<Capacity> capacity(SqlClient db, MeetingRow m, long userId, Set<Role> roles, Long onBehalfOf) {
    if (onBehalfOf != null) {
      return attendance.delegateFor(db, m.id(), onBehalfOf).compose(d -> {
        if (d.isEmpty() || d.get().delegateId() != userId) {
          return Future.failedFuture(DomainException.notAuthorised("you are not appointed to fill that member's seat at this meeting"));
        }
        return attendance.seatOf(db, m.bodyId(), onBehalfOf).map(seat -> new Capacity(d.get().kind(),
            seat.orElseThrow(() -> DomainException.invalid("on_behalf_of", "holds no seat on this body"))));
      });
    }
    return attendance.seatOf(db, m.bodyId(), userId).map(seat -> seat.map(s -> new Capacity("member", s))
        .orElseGet(() -> new Capacity(ChairPowers.mayTakeChair(userId, roles, m) ? "chair" : "guest", null)));
  }

  /** Asks the probe again; a changed answer is an event, and the log keeps one line per answer per item. */
  Future<Quoracy> refreshQuoracy(Act act, Long itemId) {
    MeetingRow m = act.meeting();
    return quoracyNow(act.db(), m).compose(q -> attendance.lastQuoracy(act.db(), m.id()).compose(last -> {
      boolean changed = last.isEmpty() || last.get().quorate() != q.quorate() || last.get().present() != q.present()
          || last.get().base() != q.base() || last.get().required() != q.required();
      boolean log = changed || !Objects.equals(last.get().itemId(), itemId);
      Future<Void> logged = log ? attendance.logQuoracy(act.db(), m.id(), itemId, act.now(), q) : Future.succeededFuture();
      if (!changed) {
        return logged.map(q);
      }
      return logged.compose(v -> act.append(seq -> new RoomEvent.QuoracyChanged(m.roomId(), seq, m.id(), q.quorate(), q.present(),
          q.base(), q.required(), q.explanation(), q.rule(), act.now()))).map(q);
    }));
  }

  Future<Quoracy> quoracyNow(SqlClient db, MeetingRow m) {
    return attendance.register(db, m.id(), m.bodyId()).map(probe::assess);
  }
}
