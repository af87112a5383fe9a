package org.quorate.server.meetings;

import io.vertx.core.Future;
import org.quorate.protocol.ClientCommand;
import org.quorate.protocol.RoomEvent;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.DomainException;
import org.quorate.server.meetings.MeetingStore.MeetingRow;
import org.quorate.server.meetings.MeetingWrites.Access;
import org.quorate.server.rooms.RoomEventLog.Outcome;

/**
 * The chair's rulings over people and the room: mute and unmute a participant's posting, remove a
 * participant for the rest of the meeting, lock the room to members, and hand the chair over. Each is
 * recorded with its reason and shown to the room; mutes, removals and the lock are enforced on
 * posting by {@link MeetingPostingGate}.
 */
public final class ChairRulings {
  private final MeetingWrites writes;
  private final MeetingStore meetings;
  private final AttendanceStore attendance;
  private final AttendanceRegister register;
  private final FloorControl floor;
  private final RulingStore store;
  private final RulingRecorder rulings;

  ChairRulings(MeetingWrites writes, MeetingStore meetings, AttendanceStore attendance, AttendanceRegister register,
      FloorControl floor, RulingStore store, RulingRecorder rulings) {
    this.writes = writes;
    this.meetings = meetings;
    this.attendance = attendance;
    this.register = register;
    this.floor = floor;
    this.store = store;
    this.rulings = rulings;
  }

  public Future<Outcome> mute(Principal user, ClientCommand.MuteParticipant cmd) {
    return writes.write(user, cmd.id(), cmd.meeting(), Access.ACTING_CHAIR, act -> {
      requireLive(act.meeting());
      if (cmd.user() == user.userId()) {
        throw DomainException.invalid("user", "the acting chair cannot mute themselves");
      }
      return store.activeKind(act.db(), act.meetingId(), cmd.user(), "muted").compose(active -> {
        if (cmd.muted() == active.isPresent()) {
          return Future.failedFuture(DomainException.conflict(cmd.muted() ? "already muted" : "not muted"));
        }
        return meetings.user(act.db(), cmd.user())
            .compose(subject -> rulings.record(act, cmd.muted() ? "mute" : "unmute", subject, cmd.reason()))
            .compose(ruling -> (cmd.muted()
                ? store.impose(act.db(), act.meetingId(), cmd.user(), "muted", ruling.rulingId())
                : store.lift(act.db(), act.meetingId(), cmd.user(), "muted", act.now())).map((RoomEvent) ruling));
      });
    });
  }

  public Future<Outcome> remove(Principal user, ClientCommand.RemoveParticipant cmd) {
    return writes.write(user, cmd.id(), cmd.meeting(), Access.ACTING_CHAIR, act -> {
      requireLive(act.meeting());
      if (cmd.user() == user.userId()) {
        throw DomainException.invalid("user", "the acting chair cannot remove themselves; hand over the chair first");
      }
      return store.activeKind(act.db(), act.meetingId(), cmd.user(), "removed").compose(active -> {
        if (active.isPresent()) {
          return Future.failedFuture(DomainException.conflict("already removed"));
        }
        return meetings.user(act.db(), cmd.user())
            .compose(subject -> rulings.record(act, "remove", subject, cmd.reason()))
            .compose(ruling -> store.impose(act.db(), act.meetingId(), cmd.user(), "removed", ruling.rulingId())
                .compose(v -> attendance.presence(act.db(), act.meetingId(), cmd.user()))
                .compose(p -> p.isPresent() ? register.depart(act, p.get(), "removed by the chair").mapEmpty()
                    : floor.withdraw(act, cmd.user(), "removed by the chair"))
                .map((RoomEvent) ruling));
      });
    });
  }

  public Future<Outcome> lock(Principal user, ClientCommand.LockMeetingRoom cmd) {
    return writes.write(user, cmd.id(), cmd.meeting(), Access.ACTING_CHAIR, act -> {
      MeetingRow m = act.meeting();
      requireLive(m);
      if (m.roomLocked() == cmd.locked()) {
        throw DomainException.conflict(cmd.locked() ? "the room is already locked" : "the room is not locked");
      }
      return meetings.setLocked(act.db(), m.id(), cmd.locked())
          .compose(v -> rulings.record(act, cmd.locked() ? "room_locked" : "room_unlocked", null, cmd.reason()))
          .map(r -> (RoomEvent) r);
    });
  }

  /**
   * The acting chair hands the chair to anyone who may take it; anyone who may take it can also take
   * it themselves (the chair dropped off the call), and that is recorded just the same.
   */
  public Future<Outcome> handOver(Principal user, ClientCommand.HandOverChair cmd) {
    return writes.write(user, cmd.id(), cmd.meeting(), Access.ANYONE, act -> {
      MeetingRow m = act.meeting();
      boolean acting = ChairPowers.isActingChair(user, m);
      boolean takingIt = cmd.to() == user.userId() && ChairPowers.mayTakeChair(user, m);
      if (!acting && !takingIt) {
        throw DomainException.notAuthorised("only the acting chair may hand over the chair; the body's chair, a co-chair "
            + "or a SECAS moderator may take it");
      }
      requireLive(m);
      if (m.actingChairId() != null && m.actingChairId().equals(cmd.to())) {
        throw DomainException.conflict("user " + cmd.to() + " already chairs this meeting");
      }
      return meetings.roles(act.db(), cmd.to()).compose(roles -> {
        if (!ChairPowers.mayTakeChair(cmd.to(), roles, m)) {
          return Future.failedFuture(DomainException.invalid("to", "may not chair: not the body's chair, a co-chair or a SECAS moderator"));
        }
        return meetings.setActingChair(act.db(), m.id(), cmd.to())
            .compose(v -> meetings.user(act.db(), cmd.to()))
            .compose(to -> rulings.record(act, "chair_handover", to, cmd.reason()))
            .map(r -> (RoomEvent) r);
      });
    });
  }

  private static void requireLive(MeetingRow m) {
    if (!m.is("open", "adjourned")) {
      throw DomainException.conflict("the meeting is " + m.state());
    }
  }
}
