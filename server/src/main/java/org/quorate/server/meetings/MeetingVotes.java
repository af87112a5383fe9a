package org.quorate.server.meetings;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.List;
import org.quorate.protocol.TallyCount;

/**
 * SEAM to the decisions feature: a vote taken live at a meeting. Meetings decide who may call and
 * close a vote (the acting chair), write the room events and keep the record; the implementation
 * decides the electorate, who may cast, the tally, the postal-ballot merge and the result. Each call
 * runs inside the meeting's write transaction ({@code db} is that transaction), so a vote opens,
 * counts and closes atomically with its room event.
 *
 * <p>{@link InterimMeetingVotes} is an honest stand-in (live ballots only, no postal ballots, simple
 * majority of votes cast); the decisions feature replaces it with decision storage, frozen electorates,
 * postal ballots and its rules engine, wired where {@code Meetings} is built.
 */
public interface MeetingVotes {

  /** Open a vote on an agenda item; the electorate is frozen now. */
  Future<OpenedVote> callVote(SqlClient db, VoteCall call);

  /** Cast or change a ballot until the close; refused with not_authorised for anyone outside the electorate. */
  Future<BallotReceipt> castBallot(SqlClient db, BallotCast ballot);

  /** Close the vote and count it; refused with decision_closed if already closed. */
  Future<ClosedVote> closeVote(SqlClient db, VoteClose close);

  /** The meeting's votes, oldest first; the tally of an open vote is never included. */
  Future<List<VoteRecord>> votes(SqlClient db, long meetingId);

  record VoteCall(long meetingId, long bodyId, long itemId, String question, List<String> options, long calledBy,
      Instant at, RegisterSnapshot register) {}

  record OpenedVote(long voteId, int electorate) {}

  record BallotCast(long meetingId, long voteId, long voterId, String choice, String reason, Instant at,
      RegisterSnapshot register) {}

  record BallotReceipt(int cast, int electorate) {}

  record VoteClose(long meetingId, long voteId, long closedBy, String reason, Instant at, RegisterSnapshot register) {}

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
