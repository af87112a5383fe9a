package org.quorate.server.meetings;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.List;
import org.quorate.protocol.TallyCount;
import org.quorate.server.rooms.RoomEventLog;

/**
 * SEAM to the decisions feature: a vote taken live at a meeting. Meetings decide who may call and
 * close a vote (the acting chair), write the meeting room's events and keep the record; the
 * implementation (decisions.DecisionMeetingVotes) decides the electorate, who may cast, the tally,
 * the postal-ballot merge and the result. Each write runs inside the meeting's write transaction
 * ({@code tx}), so a vote opens, counts and closes atomically with its room event; the
 * implementation may tell other rooms (the Modification's) in the same transaction.
 */
public interface MeetingVotes {

  /** Open a vote on an agenda item (or take over a postal vote prepared for it); the electorate is frozen. */
  Future<OpenedVote> callVote(RoomEventLog.Tx tx, VoteCall call);

  /** Cast or change a ballot until the close; refused with not_authorised for anyone outside the electorate. */
  Future<BallotReceipt> castBallot(RoomEventLog.Tx tx, BallotCast ballot);

  /** Close the vote and count it; refused with decision_closed if already closed. */
  Future<ClosedVote> closeVote(RoomEventLog.Tx tx, VoteClose close);

  /** The meeting's votes, oldest first; the tally of an open vote is never included. */
  Future<List<VoteRecord>> votes(SqlClient db, long meetingId);

  /** {@code roomId} is the meeting's room; {@code modificationId} the agenda item's Modification, if any. */
  record VoteCall(long meetingId, long bodyId, long roomId, long itemId, String modificationId, String question, List<String> options,
      long calledBy, Instant at, RegisterSnapshot register) {}

  record OpenedVote(long voteId, int electorate) {}

  record BallotCast(long meetingId, long roomId, long voteId, long voterId, String choice, String reason, Instant at,
      RegisterSnapshot register) {}

  /** {@code cast} counts the constituencies with a counted ballot, postal ballots included. */
  record BallotReceipt(int cast, int electorate) {}

  record VoteClose(long meetingId, long roomId, long voteId, long closedBy, String reason, Instant at, RegisterSnapshot register) {}

  /** {@code outcome}: carried, not_carried, inquorate, or awaiting_casting_vote. */
  record ClosedVote(long voteId, List<TallyCount> tally, String outcome, boolean quorate, String explanation, String rule) {}

  /** A vote as the record shows it; {@code tally}, {@code outcome} and {@code quorate} are null while open. */
  record VoteRecord(long voteId, Long itemId, String question, List<String> options, int electorate, int cast,
      Instant openedAt, Instant closedAt, String closeReason, List<TallyCount> tally, String outcome, Boolean quorate,
      String explanation, String rule) {

    public boolean open() {
      return closedAt == null;
    }
  }
}
