package org.quorate.server.decisions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.quorate.protocol.TallyCount;
import org.quorate.server.decisions.counting.DecisionResult;
import org.quorate.server.http.Jackson;
import org.quorate.server.meetings.MeetingVotes.VoteRecord;

/**
 * A meeting's votes as its record shows them, read from the decisions they are: a closed vote from
 * its stored result (so a casting vote given later shows), an open one counted now for its number of ballots.
 */
final class MeetingVoteRecords {
  private final DecisionService decisions;
  private final DecisionStore store;

  MeetingVoteRecords(DecisionService decisions, DecisionStore store) {
    this.decisions = decisions;
    this.store = store;
  }

  Future<List<VoteRecord>> votes(SqlClient db, long meetingId) {
    return db.preparedQuery("SELECT c.*, d.status, d.outcome, d.explanation, d.rules_reference, d.closed_at, d.result::text AS result, "
            + "(SELECT count(*) FROM decision_seat s WHERE s.decision_id = d.id AND s.voting) AS electorate "
            + "FROM meeting_vote_call c JOIN decision d ON d.id = c.decision_id WHERE c.meeting_id = $1 ORDER BY c.called_at, c.decision_id")
        .execute(Tuple.of(meetingId))
        .compose(rows -> {
          Future<List<VoteRecord>> chain = Future.succeededFuture(new ArrayList<>());
          for (Row r : rows) {
            chain = chain.compose(out -> record(db, r).map(v -> {
              out.add(v);
              return out;
            }));
          }
          return chain;
        });
  }

  private Future<VoteRecord> record(SqlClient db, Row r) {
    long id = r.getLong("decision_id");
    Long itemId = r.getLong("agenda_item_id");
    String question = r.getString("question");
    List<String> options = DecisionMeetingVotes.OPTIONS;
    int electorate = r.getLong("electorate").intValue();
    Instant calledAt = instant(r, "called_at");
    Instant closedAt = instant(r, "closed_at");
    if (closedAt == null) {
      return store.get(db, id).compose(d -> decisions.loader().load(db, d)).compose(l -> store.now(db).map(now -> {
        int cast = (int) DecisionResult.decide(l.facts(now)).ballots().stream().filter(b -> b.status().counts()).count();
        return new VoteRecord(id, itemId, question, options, electorate, cast, calledAt, null, null, null, null, null, null, null);
      }));
    }
    JsonNode result = json(r.getString("result"));
    String outcome = r.getString("outcome") != null ? r.getString("outcome")
        : "closed".equals(r.getString("status")) ? "awaiting_casting_vote" : r.getString("status");
    if (result == null) {
      return Future.succeededFuture(new VoteRecord(id, itemId, question, options, electorate, 0, calledAt, closedAt,
          r.getString("close_reason"), null, outcome, null, r.getString("explanation"), r.getString("rules_reference")));
    }
    List<TallyCount> tally = DecisionMeetingVotes.tally(result.at("/tally/approve").asInt(), result.at("/tally/reject").asInt(),
        result.at("/tally/abstain").asInt());
    int cast = tally.stream().mapToInt(TallyCount::votes).sum();
    String rule = DecisionMeetingVotes.rule(r.getString("rules_reference"), result.at("/majority/clause").asText(),
        result.at("/quoracy/clause").asText());
    return Future.succeededFuture(new VoteRecord(id, itemId, question, options, electorate, cast, calledAt, closedAt,
        r.getString("close_reason"), tally, outcome, result.at("/quoracy/quorate").asBoolean(), r.getString("explanation"), rule));
  }

  private static JsonNode json(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Jackson.JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable stored result", e);
    }
  }

  private static Instant instant(Row r, String column) {
    var t = r.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }
}
