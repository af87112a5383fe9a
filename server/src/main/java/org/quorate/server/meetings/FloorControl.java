package org.quorate.server.meetings;

import io.vertx.core.Future;
import java.util.Optional;
import org.quorate.protocol.ClientCommand;
import org.quorate.protocol.RoomEvent;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.DomainException;
import org.quorate.server.meetings.MeetingWrites.Access;
import org.quorate.server.meetings.MeetingWrites.Act;
import org.quorate.server.rooms.RoomEventLog.Outcome;

/**
 * The speaking queue and the floor: members raise and lower hands, the chair gives the floor (with an
 * optional speaking time), takes it back and reorders with a reason. The queue's order and the
 * floor holder are stored, so a restart loses neither; every change is a room event.
 */
public final class FloorControl {
  private final MeetingWrites writes;
  private final MeetingStore meetings;
  private final AttendanceStore attendance;
  private final FloorStore floor;
  private final RulingRecorder rulings;

  FloorControl(MeetingWrites writes, MeetingStore meetings, AttendanceStore attendance, FloorStore floor, RulingRecorder rulings) {
    this.writes = writes;
    this.meetings = meetings;
    this.attendance = attendance;
    this.floor = floor;
    this.rulings = rulings;
  }

  public Future<Outcome> raise(Principal user, ClientCommand.RaiseHand cmd) {
    return writes.write(user, cmd.id(), cmd.meeting(), Access.ROOM_READER, act -> requireOpen(act)
        .compose(v -> requirePresent(act, user.userId(), "join the meeting before raising your hand"))
        .compose(v -> floor.waiting(act.db(), act.meetingId()))
        .compose(w -> {
          if (w.queue().contains(user.userId())) {
            return Future.failedFuture(DomainException.conflict("your hand is already raised"));
          }
          return floor.raise(act.db(), act.meetingId(), user.userId(), cmd.pointOfOrder(), act.now())
              .map(id -> w.queue().raise(new SpeakingQueue.Entry(id, user.userId(), cmd.pointOfOrder(), act.now())));
        })
        .compose(queue -> floor.store(act.db(), queue))
        .compose(v -> queueChanged(act, "raised", null)));
  }

  public Future<Outcome> lower(Principal user, ClientCommand.LowerHand cmd) {
    return writes.write(user, cmd.id(), cmd.meeting(), Access.ROOM_READER, act -> floor.waiting(act.db(), act.meetingId())
        .compose(w -> {
          SpeakingQueue next = w.queue().lower(user.userId());
          long request = w.queue().entryOf(user.userId()).orElseThrow().requestId();
          return floor.end(act.db(), request, "lowered", act.now()).compose(v -> floor.store(act.db(), next));
        })
        .compose(v -> queueChanged(act, "lowered", null)));
  }

  public Future<Outcome> give(Principal user, ClientCommand.GiveFloor cmd) {
    return writes.write(user, cmd.id(), cmd.meeting(), Access.ACTING_CHAIR, act -> requireOpen(act)
        .compose(v -> floor.waiting(act.db(), act.meetingId()))
        .compose(w -> {
          long target = cmd.user() != null ? cmd.user() : w.queue().head().map(SpeakingQueue.Entry::userId)
              .orElseThrow(() -> DomainException.conflict("nobody is waiting to speak"));
          Optional<SpeakingQueue.Entry> hand = w.queue().entryOf(target);
          Long request = hand.map(SpeakingQueue.Entry::requestId).orElse(null);
          var endsAt = cmd.speakingSeconds() == null ? null : act.now().plusSeconds(cmd.speakingSeconds());
          return requirePresent(act, target, "user " + target + " is not present at the meeting")
              .compose(v -> floor.floorEnded(act.db(), act.meeting().floorRequestId(), act.now()))
              .compose(v -> request == null ? Future.<Void>succeededFuture()
                  : floor.end(act.db(), request, "floor", act.now()).compose(x -> floor.store(act.db(), w.queue().without(target))))
              .compose(v -> meetings.setFloor(act.db(), act.meetingId(), target, request, act.now(), endsAt))
              .compose(v -> meetings.user(act.db(), target))
              .compose(holder -> act.append(seq -> new RoomEvent.FloorChanged(act.meeting().roomId(), seq, act.meetingId(), holder,
                  endsAt, act.by(), null, act.now())))
              .compose(e -> request == null ? Future.succeededFuture(e) : queueChanged(act, "given_floor", null).map(e));
        }));
  }

  public Future<Outcome> takeBack(Principal user, ClientCommand.TakeFloorBack cmd) {
    return writes.write(user, cmd.id(), cmd.meeting(), Access.ACTING_CHAIR, act -> {
      if (act.meeting().floorUserId() == null) {
        return Future.failedFuture(DomainException.conflict("nobody holds the floor"));
      }
      return clearFloor(act, cmd.reason());
    });
  }

  public Future<Outcome> reorder(Principal user, ClientCommand.ReorderQueue cmd) {
    return writes.write(user, cmd.id(), cmd.meeting(), Access.ACTING_CHAIR, act -> requireOpen(act)
        .compose(v -> floor.waiting(act.db(), act.meetingId()))
        .compose(w -> floor.store(act.db(), w.queue().moveTo(cmd.user(), cmd.position())))
        .compose(v -> meetings.user(act.db(), cmd.user()))
        .compose(subject -> rulings.record(act, "reorder", subject, cmd.reason()))
        .compose(ruling -> queueChanged(act, "reordered", cmd.reason()).map((RoomEvent) ruling)));
  }

  /** Someone left or was removed: their hand comes down and, if they hold it, the floor comes back. */
  Future<Void> withdraw(Act act, long userId, String reason) {
    Future<Void> lowered = floor.waiting(act.db(), act.meetingId()).compose(w -> {
      Optional<SpeakingQueue.Entry> hand = w.queue().entryOf(userId);
      if (hand.isEmpty()) {
        return Future.succeededFuture();
      }
      return floor.end(act.db(), hand.get().requestId(), "withdrawn", act.now())
          .compose(v -> floor.store(act.db(), w.queue().without(userId)))
          .compose(v -> queueChanged(act, "withdrawn", reason)).mapEmpty();
    });
    Long holder = act.meeting().floorUserId();
    return holder != null && holder == userId ? lowered.compose(v -> clearFloor(act, reason)).mapEmpty() : lowered;
  }

  /** At the close: nobody waits and nobody holds the floor. */
  Future<Void> clearAll(Act act) {
    Future<Void> hands = floor.withdrawAll(act.db(), act.meetingId(), act.now());
    return act.meeting().floorUserId() == null ? hands : hands.compose(v -> clearFloor(act, "meeting closed")).mapEmpty();
  }

  private Future<RoomEvent> clearFloor(Act act, String reason) {
    return floor.floorEnded(act.db(), act.meeting().floorRequestId(), act.now())
        .compose(v -> meetings.setFloor(act.db(), act.meetingId(), null, null, null, null))
        .compose(v -> act.append(seq -> new RoomEvent.FloorChanged(act.meeting().roomId(), seq, act.meetingId(), null, null,
            act.by(), reason, act.now())));
  }

  private Future<RoomEvent> queueChanged(Act act, String change, String reason) {
    return floor.waiting(act.db(), act.meetingId()).compose(w -> act.append(seq -> new RoomEvent.SpeakingQueueChanged(
        act.meeting().roomId(), seq, act.meetingId(), change, w.wire(), act.by(), reason, act.now())));
  }

  private Future<Void> requirePresent(Act act, long userId, String otherwise) {
    return attendance.presence(act.db(), act.meetingId(), userId)
        .compose(p -> p.isPresent() ? Future.<Void>succeededFuture() : Future.failedFuture(DomainException.conflict(otherwise)));
  }

  static Future<Void> requireOpen(Act act) {
    return act.meeting().is("open") ? Future.succeededFuture()
        : Future.failedFuture(DomainException.conflict("the meeting is " + act.meeting().state() + ", not open"));
  }
}
