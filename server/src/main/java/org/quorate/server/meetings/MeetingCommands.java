package org.quorate.server.meetings;

import io.vertx.core.Future;
import org.quorate.protocol.ClientCommand;
import org.quorate.protocol.ServerEvent;
import org.quorate.server.gateway.CommandHandlers;
import org.quorate.server.gateway.Connection;
import org.quorate.server.rooms.RoomEventLog.Outcome;

/** The WebSocket commands of meetings, each acknowledged only after its commit (the ack's seq is its room event). */
public final class MeetingCommands {
  private MeetingCommands() {}

  public static void register(CommandHandlers handlers, Meetings m) {
    handlers
        .on(ClientCommand.JoinMeeting.class, (c, cmd) -> acked(c, cmd.id(), m.register().join(c.principal(), cmd)))
        .on(ClientCommand.LeaveMeeting.class, (c, cmd) -> acked(c, cmd.id(), m.register().leave(c.principal(), cmd)))
        .on(ClientCommand.MarkAttendance.class, (c, cmd) -> acked(c, cmd.id(), m.register().mark(c.principal(), cmd)))
        .on(ClientCommand.SetMeetingState.class, (c, cmd) -> acked(c, cmd.id(), m.agenda().setState(c.principal(), cmd)))
        .on(ClientCommand.MoveAgenda.class, (c, cmd) -> acked(c, cmd.id(), m.agenda().move(c.principal(), cmd)))
        .on(ClientCommand.RaiseHand.class, (c, cmd) -> acked(c, cmd.id(), m.floor().raise(c.principal(), cmd)))
        .on(ClientCommand.LowerHand.class, (c, cmd) -> acked(c, cmd.id(), m.floor().lower(c.principal(), cmd)))
        .on(ClientCommand.GiveFloor.class, (c, cmd) -> acked(c, cmd.id(), m.floor().give(c.principal(), cmd)))
        .on(ClientCommand.TakeFloorBack.class, (c, cmd) -> acked(c, cmd.id(), m.floor().takeBack(c.principal(), cmd)))
        .on(ClientCommand.ReorderQueue.class, (c, cmd) -> acked(c, cmd.id(), m.floor().reorder(c.principal(), cmd)))
        .on(ClientCommand.MuteParticipant.class, (c, cmd) -> acked(c, cmd.id(), m.rulings().mute(c.principal(), cmd)))
        .on(ClientCommand.RemoveParticipant.class, (c, cmd) -> acked(c, cmd.id(), m.rulings().remove(c.principal(), cmd)))
        .on(ClientCommand.LockMeetingRoom.class, (c, cmd) -> acked(c, cmd.id(), m.rulings().lock(c.principal(), cmd)))
        .on(ClientCommand.HandOverChair.class, (c, cmd) -> acked(c, cmd.id(), m.rulings().handOver(c.principal(), cmd)))
        .on(ClientCommand.CallMeetingVote.class, (c, cmd) -> acked(c, cmd.id(), m.voting().call(c.principal(), cmd)))
        .on(ClientCommand.CastMeetingBallot.class, (c, cmd) -> acked(c, cmd.id(), m.voting().cast(c.principal(), cmd)))
        .on(ClientCommand.CloseMeetingVote.class, (c, cmd) -> acked(c, cmd.id(), m.voting().close(c.principal(), cmd)))
        .on(ClientCommand.RecordDecision.class, (c, cmd) -> acked(c, cmd.id(), m.actions().recordDecision(c.principal(), cmd)))
        .on(ClientCommand.RecordAction.class, (c, cmd) -> acked(c, cmd.id(), m.actions().recordAction(c.principal(), cmd)))
        .on(ClientCommand.UpdateAction.class, (c, cmd) -> acked(c, cmd.id(),
            m.actions().update(c.principal(), cmd.id(), cmd.action(), cmd.status(), cmd.note())))
        .on(ClientCommand.SubmitQuestion.class, (c, cmd) -> acked(c, cmd.id(), m.questions().submit(c.principal(), cmd)))
        .on(ClientCommand.UpvoteQuestion.class, (c, cmd) -> acked(c, cmd.id(), m.questions().upvote(c.principal(), cmd)))
        .on(ClientCommand.TakeQuestion.class, (c, cmd) -> acked(c, cmd.id(), m.questions().take(c.principal(), cmd)));
  }

  private static Future<Outcome> acked(Connection c, String id, Future<Outcome> write) {
    return write.onSuccess(o -> c.send(new ServerEvent.Ack(id, o.room(), o.seq(), null, o.duplicate())));
  }
}
