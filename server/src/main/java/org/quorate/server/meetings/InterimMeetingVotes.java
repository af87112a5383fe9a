package org.quorate.server.meetings;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quorate.protocol.TallyCount;
import org.quorate.server.domain.DomainException;

/**
 * INTERIM implementation of {@link MeetingVotes}, to be replaced by the decisions feature. The
 * electorate is the body's voting seats (per {@link InterimQuoracyProbe}) frozen at the call; a seat's
 * ballot is cast by whoever fills it in the meeting (its holder, else their present alternate or
 * proxy); one counted ballot per seat, the last one counts. The result is a simple majority of votes
 * cast (approve over reject; for custom options, the most votes), abstentions not counted, no
 * casting vote; quoracy at the close comes from the attendance register alone. Postal ballots are
 * NOT merged: that is exactly what the decisions feature adds.
 */
public final class InterimMeetingVotes implements MeetingVotes {
  public static final String RULE = "Interim rule (pending the decisions rules engine): simple majority of votes cast, "
      + "abstentions not counted, no casting vote; quoracy from attendance at the close; postal ballots not merged.";

  private final QuoracyProbe quoracy;

  public InterimMeetingVotes(QuoracyProbe quoracy) {
    this.quoracy = quoracy;
  }

  @Override
  public Future<OpenedVote> callVote(SqlClient db, VoteCall call) {
    List<RegisterSnapshot.SeatPresence> electors = call.register().seats().stream().filter(InterimQuoracyProbe::votes).toList();
    return db.preparedQuery("INSERT INTO meeting_vote (meeting_id, agenda_item_id, question, options, called_by, opened_at) "
            + "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .execute(Tuple.of(call.meetingId(), call.itemId(), call.question(), call.options().toArray(String[]::new),
            call.calledBy(), SqlTime.of(call.at())))
        .map(rows -> rows.iterator().next().getLong("id"))
        .compose(voteId -> {
          if (electors.isEmpty()) {
            return Future.succeededFuture(new OpenedVote(voteId, 0));
          }
          List<Tuple> batch = electors.stream().map(s -> Tuple.of(voteId, s.holderId(), s.seat(), s.partyId())).toList();
          return db.preparedQuery("INSERT INTO meeting_vote_elector (vote_id, seat_holder_id, seat, party_id) VALUES ($1, $2, $3, $4)")
              .executeBatch(batch).map(v -> new OpenedVote(voteId, electors.size()));
        });
  }

  @Override
  public Future<BallotReceipt> castBallot(SqlClient db, BallotCast ballot) {
    return lockOpen(db, ballot.meetingId(), ballot.voteId()).compose(options -> {
      if (!options.contains(ballot.choice())) {
        return Future.failedFuture(DomainException.invalid("choice", "must be one of " + options));
      }
      Long seat = ballot.register().seats().stream()
          .filter(s -> s.filledBy() != null && s.filledBy() == ballot.voterId()).map(RegisterSnapshot.SeatPresence::holderId)
          .findFirst().orElse(null);
      if (seat == null) {
        return Future.failedFuture(DomainException.notAuthorised("only a present voting member (or the alternate or proxy "
            + "filling their seat) may vote"));
      }
      return db.preparedQuery("INSERT INTO meeting_ballot (vote_id, seat_holder_id, cast_by, choice, reason, cast_at) "
              + "SELECT $1, $2, $3, $4, $5, $6 WHERE EXISTS (SELECT 1 FROM meeting_vote_elector WHERE vote_id = $1 AND seat_holder_id = $2) "
              + "ON CONFLICT (vote_id, seat_holder_id) DO UPDATE SET cast_by = EXCLUDED.cast_by, choice = EXCLUDED.choice, "
              + "reason = EXCLUDED.reason, cast_at = EXCLUDED.cast_at, changes = meeting_ballot.changes + 1 RETURNING vote_id")
          .execute(Tuple.of(ballot.voteId(), seat, ballot.voterId(), ballot.choice(), ballot.reason(), SqlTime.of(ballot.at())))
          .compose(rows -> rows.size() == 0
              ? Future.failedFuture(DomainException.notAuthorised("your seat was not in this vote's electorate when it opened"))
              : counts(db, ballot.voteId()).map(c -> new BallotReceipt(c[0], c[1])));
    });
  }

  @Override
  public Future<ClosedVote> closeVote(SqlClient db, VoteClose close) {
    return lockOpen(db, close.meetingId(), close.voteId()).compose(options -> tally(db, close.voteId(), options).compose(tally -> {
      Quoracy q = quoracy.assess(close.register());
      String outcome = q.quorate() ? outcome(tally) : "inquorate";
      return db.preparedQuery("UPDATE meeting_vote SET closed_by = $2, closed_at = $3, close_reason = $4, outcome = $5, "
              + "quorate = $6, explanation = $7, rule = $8 WHERE id = $1")
          .execute(Tuple.of(close.voteId(), close.closedBy(), SqlTime.of(close.at()), close.reason(), outcome, q.quorate(),
              q.explanation(), RULE))
          .map(v -> new ClosedVote(close.voteId(), tally, outcome, q.quorate(), q.explanation(), RULE));
    }));
  }

  @Override
  public Future<List<VoteRecord>> votes(SqlClient db, long meetingId) {
    return db.preparedQuery("SELECT v.*, (SELECT count(*) FROM meeting_vote_elector e WHERE e.vote_id = v.id) AS electorate, "
            + "(SELECT count(*) FROM meeting_ballot b WHERE b.vote_id = v.id) AS cast_count "
            + "FROM meeting_vote v WHERE v.meeting_id = $1 ORDER BY v.id")
        .execute(Tuple.of(meetingId))
        .compose(rows -> {
          List<Row> list = new ArrayList<>();
          rows.forEach(list::add);
          Future<List<VoteRecord>> chain = Future.succeededFuture(new ArrayList<>());
          for (Row r : list) {
            List<String> options = Arrays.asList(r.getArrayOfStrings("options"));
            boolean closed = r.getOffsetDateTime("closed_at") != null;
            Future<List<TallyCount>> tally = closed ? tally(db, r.getLong("id"), options) : Future.succeededFuture(null);
            chain = chain.compose(out -> tally.map(t -> {
              out.add(new VoteRecord(r.getLong("id"), r.getLong("agenda_item_id"), r.getString("question"), options,
                  r.getLong("electorate").intValue(), r.getLong("cast_count").intValue(), SqlTime.read(r, "opened_at"),
                  SqlTime.read(r, "closed_at"), r.getString("close_reason"), t, r.getString("outcome"), r.getBoolean("quorate"),
                  r.getString("explanation"), r.getString("rule")));
              return out;
            }));
          }
          return chain;
        });
  }

  /** Locks the vote row so ballots and the close apply one at a time; the options of an open vote. */
  private Future<List<String>> lockOpen(SqlClient db, long meetingId, long voteId) {
    return db.preparedQuery("SELECT options, closed_at FROM meeting_vote WHERE id = $1 AND meeting_id = $2 FOR UPDATE")
        .execute(Tuple.of(voteId, meetingId))
        .map(rows -> {
          if (rows.size() == 0) {
            throw DomainException.notFound("meeting vote", voteId);
          }
          Row r = rows.iterator().next();
          if (r.getOffsetDateTime("closed_at") != null) {
            throw DomainException.decisionClosed("meeting vote " + voteId + " is closed");
          }
          return Arrays.asList(r.getArrayOfStrings("options"));
        });
  }

  private static Future<List<TallyCount>> tally(SqlClient db, long voteId, List<String> options) {
    return db.preparedQuery("SELECT choice, count(*) AS n FROM meeting_ballot WHERE vote_id = $1 GROUP BY choice")
        .execute(Tuple.of(voteId))
        .map(rows -> {
          Map<String, Integer> counts = new LinkedHashMap<>();
          options.forEach(o -> counts.put(o, 0));
          rows.forEach(r -> counts.put(r.getString("choice"), r.getLong("n").intValue()));
          return counts.entrySet().stream().map(e -> new TallyCount(e.getKey(), e.getValue())).toList();
        });
  }

  private static Future<int[]> counts(SqlClient db, long voteId) {
    return db.preparedQuery("SELECT (SELECT count(*) FROM meeting_ballot WHERE vote_id = $1) AS cast_count, "
            + "(SELECT count(*) FROM meeting_vote_elector WHERE vote_id = $1) AS electorate")
        .execute(Tuple.of(voteId))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new int[] {r.getLong("cast_count").intValue(), r.getLong("electorate").intValue()};
        });
  }

  /** Simple majority of votes cast; abstentions are not votes cast. Pure, for the interim rule only. */
  static String outcome(List<TallyCount> tally) {
    Map<String, Integer> byOption = new LinkedHashMap<>();
    tally.forEach(t -> byOption.put(t.option(), t.votes()));
    if (byOption.containsKey("approve") && byOption.containsKey("reject")) {
      return byOption.get("approve") > byOption.get("reject") ? "carried" : "not_carried";
    }
    int best = tally.stream().filter(t -> !t.option().equals("abstain")).mapToInt(TallyCount::votes).max().orElse(0);
    List<String> leaders = tally.stream().filter(t -> !t.option().equals("abstain") && t.votes() == best).map(TallyCount::option).toList();
    return best == 0 || leaders.size() > 1 ? "tied" : "chosen: " + leaders.get(0);
  }
}
