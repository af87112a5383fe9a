package org.quorate.server.meetings;

import io.vertx.core.Future;
import org.quorate.protocol.ClientCommand;
import org.quorate.protocol.RoomEvent;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.DomainException;
import org.quorate.server.meetings.MeetingStore.MeetingRow;
import org.quorate.server.meetings.MeetingWrites.Access;
import org.quorate.server.meetings.MeetingWrites.Act;
import org.quorate.server.rooms.RoomEventLog.Outcome;

/**
 * Votes taken live at a meeting: the acting chair calls one on an agenda item and closes it; present
 * members cast ballots. Counting, electorates and postal ballots belong to {@link MeetingVotes} (the
 * seam to the decisions feature); this class owns who may act, the meeting's state and the meeting
 * room's events.
 * Open votes are stored, so a restart keeps them open with their ballots.
 */
public final class MeetingVoting {
  private final MeetingWrites writes;
  private final MeetingStore meetings;
  private final AttendanceStore attendance;
  private final MeetingVotes votes;

  MeetingVoting(MeetingWrites writes, MeetingStore meetings, AttendanceStore attendance, MeetingVotes votes) {
    this.writes = writes;
    this.meetings = meetings;
    this.attendance = attendance;
    this.votes = votes;
  }

  public Future<Outcome> call(Principal user, ClientCommand.CallMeetingVote cmd) {
    return writes.write(user, cmd.id(), cmd.meeting(), Access.ACTING_CHAIR, act -> FloorControl.requireOpen(act)
        .compose(v -> meetings.item(act.db(), act.meetingId(), cmd.item()))
        .compose(item -> votes.votes(act.db(), act.meetingId()).compose(all -> {
          if (all.stream().anyMatch(MeetingVotes.VoteRecord::open)) {
            return Future.failedFuture(DomainException.conflict("a meeting vote is already open"));
          }
          MeetingRow m = act.meeting();
          return register(act).compose(reg -> votes.callVote(act.tx(), new MeetingVotes.VoteCall(m.id(), m.bodyId(), m.roomId(),
                  item.id(), item.modificationId(), cmd.question(), cmd.options(), user.userId(), act.now(), reg)))
              .compose(opened -> act.append(seq -> new RoomEvent.MeetingVoteOpened(m.roomId(), seq, m.id(), opened.voteId(), item.id(),
                  cmd.question(), cmd.options(), opened.electorate(), act.by(), act.now())));
        })));
  }

  public Future<Outcome> cast(Principal user, ClientCommand.CastMeetingBallot cmd) {
    return writes.write(user, cmd.id(), cmd.meeting(), Access.ROOM_READER, act -> FloorControl.requireOpen(act)
        .compose(v -> register(act))
        .compose(reg -> votes.castBallot(act.tx(), new MeetingVotes.BallotCast(act.meetingId(), act.meeting().roomId(), cmd.vote(),
            user.userId(), cmd.choice(), cmd.reason(), act.now(), reg)))
        .compose(receipt -> act.append(seq -> new RoomEvent.MeetingBallotCount(act.meeting().roomId(), seq, act.meetingId(),
            cmd.vote(), receipt.cast(), receipt.electorate(), act.now()))));
  }

  public Future<Outcome> close(Principal user, ClientCommand.CloseMeetingVote cmd) {
    return writes.write(user, cmd.id(), cmd.meeting(), Access.ACTING_CHAIR, act -> {
      if (!act.meeting().is("open", "adjourned")) {
        return Future.failedFuture(DomainException.conflict("the meeting is " + act.meeting().state()));
      }
      return register(act)
          .compose(reg -> votes.closeVote(act.tx(), new MeetingVotes.VoteClose(act.meetingId(), act.meeting().roomId(), cmd.vote(),
              user.userId(), cmd.reason(), act.now(), reg)))
          .compose(closed -> act.append(seq -> new RoomEvent.MeetingVoteClosed(act.meeting().roomId(), seq, act.meetingId(),
              closed.voteId(), closed.tally(), closed.outcome(), closed.quorate(), closed.explanation(), closed.rule(), act.by(),
              cmd.reason(), act.now())));
    });
  }

  private Future<RegisterSnapshot> register(Act act) {
    return attendance.register(act.db(), act.meetingId(), act.meeting().bodyId());
  }
}
