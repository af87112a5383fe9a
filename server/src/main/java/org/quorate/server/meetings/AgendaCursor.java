package org.quorate.server.meetings;

import io.vertx.core.Future;
import java.util.Objects;
import org.quorate.protocol.ClientCommand;
import org.quorate.protocol.RoomEvent;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.DomainException;
import org.quorate.server.meetings.MeetingStore.MeetingRow;
import org.quorate.server.meetings.MeetingWrites.Access;
import org.quorate.server.meetings.MeetingWrites.Act;
import org.quorate.server.rooms.RoomEventLog.Outcome;
import org.quorate.server.rooms.RoomStore;

/**
 * The meeting's lifecycle (scheduled, open, adjourned, closed) and its position in the agenda.
 * Whoever opens a scheduled meeting becomes its acting chair. Adjourning a quorate meeting and closing
 * before every item was taken are rulings and need a reason; adjourning an inquorate one cites the
 * quoracy. The current item and where each item's discussion began and ended are stored.
 */
public final class AgendaCursor {
  private final MeetingWrites writes;
  private final MeetingStore meetings;
  private final AttendanceRegister register;
  private final AttendanceStore attendance;
  private final FloorControl floor;
  private final RulingRecorder rulings;
  private final MeetingVotes votes;
  private final RoomStore rooms;

  AgendaCursor(MeetingWrites writes, MeetingStore meetings, AttendanceRegister register, AttendanceStore attendance,
      FloorControl floor, RulingRecorder rulings, MeetingVotes votes, RoomStore rooms) {
    this.writes = writes;
    this.meetings = meetings;
    this.register = register;
    this.attendance = attendance;
    this.floor = floor;
    this.rulings = rulings;
    this.votes = votes;
    this.rooms = rooms;
  }

  public Future<Outcome> setState(Principal user, ClientCommand.SetMeetingState cmd) {
    return writes.write(user, cmd.id(), cmd.meeting(), Access.ANYONE, act -> switch (cmd.state()) {
      case "open" -> open(act, cmd.reason());
      case "adjourned" -> adjourn(act, cmd.reason());
      default -> close(act, cmd.reason());
    });
  }

  private Future<RoomEvent> open(Act act, String reason) {
    MeetingRow m = act.meeting();
    if (m.is("scheduled")) {
      ChairPowers.requireMayTakeChair(act.user(), m);
      return meetings.liveInRoom(act.db(), m.roomId())
          .compose(live -> live.isEmpty() ? meetings.setActingChair(act.db(), m.id(), act.user().userId())
              : Future.failedFuture(DomainException.conflict("meeting " + live.get(0) + " of this body is still in progress")))
          .compose(v -> changeState(act, "open", reason))
          .compose(e -> register.refreshQuoracy(act, m.currentItemId()).map(e));
    }
    ChairPowers.requireActingChair(act.user(), m);
    if (!m.is("adjourned")) {
      throw DomainException.conflict("the meeting is " + m.state());
    }
    return changeState(act, "open", reason);
  }

  private Future<RoomEvent> adjourn(Act act, String reason) {
    MeetingRow m = act.meeting();
    ChairPowers.requireActingChair(act.user(), m);
    if (!m.is("open")) {
      throw DomainException.conflict("the meeting is " + m.state() + ", not open");
    }
    return register.quoracyNow(act.db(), m).compose(q -> {
      if (reason == null && q.quorate()) {
        return Future.failedFuture(DomainException.invalid("reason", "adjourning a quorate meeting needs a reason"));
      }
      return changeState(act, "adjourned", reason != null ? reason : q.explanation());
    });
  }

  private Future<RoomEvent> close(Act act, String reason) {
    MeetingRow m = act.meeting();
    ChairPowers.requireActingChair(act.user(), m);
    if (!m.is("open", "adjourned")) {
      throw DomainException.conflict("the meeting is " + m.state());
    }
    return votes.votes(act.db(), m.id()).compose(all -> {
      if (all.stream().anyMatch(MeetingVotes.VoteRecord::open)) {
        return Future.failedFuture(DomainException.conflict("close the open meeting vote first"));
      }
      return meetings.agenda(act.db(), m.id());
    }).compose(items -> {
      boolean early = items.stream().anyMatch(i -> i.startedAt() == null);
      if (early && reason == null) {
        return Future.failedFuture(DomainException.invalid("reason", "closing before every agenda item was taken needs a reason"));
      }
      Future<?> ruling = early ? rulings.record(act, "early_close", null, reason) : Future.succeededFuture();
      return ruling.compose(r -> floor.clearAll(act))
          .compose(v -> attendance.leaveAll(act.db(), m.id(), act.now()))
          .compose(v -> changeState(act, "closed", reason))
          .compose(e -> DelegateRoomMembership.resync(act, rooms).map(e))
          .compose(e -> m.currentItemId() == null ? Future.succeededFuture(e)
              : meetings.endItem(act.db(), m.currentItemId(), e.seq(), act.now()).map(e));
    });
  }

  private Future<RoomEvent> changeState(Act act, String state, String reason) {
    MeetingRow m = act.meeting();
    return meetings.setState(act.db(), m.id(), state, act.now())
        .compose(v -> meetings.recordStateChange(act.db(), m.id(), state, reason, act.user().userId(), act.now()))
        .compose(v -> act.append(seq -> new RoomEvent.MeetingStateChanged(m.roomId(), seq, m.id(), state, act.by(), reason, act.now())));
  }

  public Future<Outcome> move(Principal user, ClientCommand.MoveAgenda cmd) {
    return writes.write(user, cmd.id(), cmd.meeting(), Access.ACTING_CHAIR, act -> FloorControl.requireOpen(act)
        .compose(v -> meetings.item(act.db(), act.meetingId(), cmd.item()))
        .compose(item -> {
          MeetingRow m = act.meeting();
          if (Objects.equals(m.currentItemId(), item.id())) {
            return Future.failedFuture(DomainException.conflict("the meeting is already at item " + item.position()));
          }
          return act.append(seq -> new RoomEvent.AgendaMoved(m.roomId(), seq, m.id(), item.id(), item.position(), item.title(),
                  item.modificationId(), item.modificationRoom(), act.by(), act.now()))
              .compose(e -> meetings.moveTo(act.db(), m.id(), m.currentItemId(), item.id(), e.seq(), act.now())
                  .compose(v -> register.refreshQuoracy(act, item.id())).map(e));
        }));
  }
}
