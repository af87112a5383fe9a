package org.quorate.server.decisions;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.quorate.server.decisions.DecisionStore.StoredBallot;
import org.quorate.server.decisions.counting.Ballot;
import org.quorate.server.decisions.counting.DecisionFacts;
import org.quorate.server.decisions.counting.Electorate;
import org.quorate.server.decisions.counting.ProxyAppointment;
import org.quorate.server.decisions.counting.Seat;
import org.quorate.server.decisions.rules.BodyRules;
import org.quorate.server.decisions.rules.RulesCatalogue;

/** Reads everything one decision's counting needs, inside the caller's transaction. */
final class DecisionFactsLoader {
  private final DecisionStore store;
  private final RulesCatalogue catalogue;
  private final AttendanceSource attendance;

  DecisionFactsLoader(DecisionStore store, RulesCatalogue catalogue, AttendanceSource attendance) {
    this.store = store;
    this.catalogue = catalogue;
    this.attendance = attendance;
  }

  /**
   * A decision with its frozen electorate, recusals, ballots, the body's proxy appointments and, for a
   * decision counted at a meeting, the meeting's attendance record.
   */
  record Loaded(StoredDecision decision, BodyRules rules, List<Seat> seats, Set<Long> recused, List<StoredBallot> ballots,
      List<ProxyAppointment> proxies, Optional<MeetingPresence> meeting, Map<Long, String> partyNames, Map<Long, String> userNames) {

    /**
     * The facts as of {@code asOf}: at a meeting, who was present then, and the meeting's alternates
     * and proxies beside the body's own appointments.
     */
    DecisionFacts facts(Instant asOf) {
      Electorate electorate = new Electorate(rules.electorate().basis(), seats);
      List<Ballot> list = ballots.stream().map(StoredBallot::ballot).toList();
      DecisionFacts facts = atMeeting()
          ? DecisionFacts.atMeeting(decision.id(), decision.meetingId(), rules, electorate, recused, meeting.get().at(asOf), list,
              allProxies(), decision.motionVersion(), asOf)
          : DecisionFacts.asynchronous(decision.id(), rules, electorate, recused, list, proxies, decision.motionVersion(), asOf);
      facts = facts.withInquorateExtensionsUsed(decision.inquorateExtensions());
      return decision.castingVote() == null ? facts
          : facts.withCastingVote(org.quorate.server.decisions.counting.Choice.valueOf(decision.castingVote().toUpperCase()));
    }

    boolean atMeeting() {
      return meeting.isPresent() && decision.meetingId() != null;
    }

    /** Whether a user is at the decision's meeting at {@code at}; false when it is not counted at a meeting. */
    boolean presentAt(long userId, Instant at) {
      return atMeeting() && meeting.get().at(at).isPresent(userId);
    }

    private List<ProxyAppointment> allProxies() {
      List<ProxyAppointment> all = new java.util.ArrayList<>(proxies);
      all.addAll(meeting.get().appointments(seats));
      return all;
    }

    /** The custom option of each ballot, by ballot sequence (empty for approve / reject / abstain). */
    Map<Long, String> options() {
      Map<Long, String> out = new HashMap<>();
      ballots.forEach(b -> {
        if (b.option() != null) {
          out.put(b.ballot().sequence(), b.option());
        }
      });
      return out;
    }

    Map<Long, List<String>> objectives() {
      Map<Long, List<String>> out = new HashMap<>();
      ballots.forEach(b -> out.put(b.ballot().sequence(), b.objectives()));
      return out;
    }
  }

  Future<Loaded> load(SqlClient db, StoredDecision d) {
    return loadForCounting(db, d).compose(l -> names(db).map(names -> new Loaded(d, l.rules(), l.seats(), l.recused(), l.ballots(),
        l.proxies(), l.meeting(), names.get(0), names.get(1))));
  }

  /** Like {@link #load} without the register's display names (empty maps): what counting and admission need. */
  Future<Loaded> loadForCounting(SqlClient db, StoredDecision d) {
    BodyRules rules = catalogue.version(d.rulesBody(), d.rulesVersion());
    return store.seats(db, d.id()).compose(seats -> store.recusals(db, d.id())
        .compose(recused -> store.ballots(db, d.id())
            .compose(ballots -> store.proxies(db, d.bodyId(), seats)
                .compose(proxies -> meeting(db, "asynchronous".equals(d.kind()) ? null : d.meetingId())
                    .map(meeting -> new Loaded(d, rules, seats, recused, ballots, proxies, meeting, Map.of(), Map.of()))))));
  }

  Future<Optional<MeetingPresence>> meeting(SqlClient db, Long meetingId) {
    return meetingId == null ? Future.succeededFuture(Optional.empty()) : attendance.presence(db, meetingId);
  }

  /** Party and user display names for the register. Small tables; read whole. */
  private Future<List<Map<Long, String>>> names(SqlClient db) {
    return db.query("SELECT 'p' AS k, id, name FROM party UNION ALL SELECT 'u', id, display_name FROM app_user").execute()
        .map(rows -> {
          Map<Long, String> parties = new HashMap<>();
          Map<Long, String> users = new HashMap<>();
          rows.forEach(r -> ("p".equals(r.getString("k")) ? parties : users).put(r.getLong("id"), r.getString("name")));
          return List.of(parties, users);
        });
  }

  /** The body's members as seats to freeze (ids assigned when stored). */
  static Future<List<Seat>> bodySeats(SqlClient db, long bodyId) {
    return db.preparedQuery("SELECT m.user_id, u.display_name, m.seat, m.voting, m.party_id, p.voting_group_id, "
            + "coalesce(m.category, p.category) AS category FROM body_member m JOIN app_user u ON u.id = m.user_id "
            + "LEFT JOIN party p ON p.id = m.party_id WHERE m.body_id = $1 ORDER BY m.user_id")
        .execute(Tuple.of(bodyId))
        .map(rows -> {
          List<Seat> out = new java.util.ArrayList<>();
          long tempId = 1;
          for (var r : rows) {
            out.add(new Seat(tempId++, r.getLong("user_id"), r.getString("display_name") + " (" + r.getString("seat") + ")",
                r.getLong("party_id"), r.getLong("voting_group_id"), r.getString("category"), r.getBoolean("voting")));
          }
          return out;
        });
  }
}
