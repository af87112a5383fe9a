package org.quorate.server.decisions;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.quorate.server.decisions.counting.DecisionFacts;
import org.quorate.server.decisions.counting.DecisionResult;
import org.quorate.server.decisions.counting.ProxyAppointment;
import org.quorate.server.decisions.counting.Seat;
import org.quorate.server.ledger.Canonical;
import org.quorate.server.ledger.LedgerEntry;
import org.quorate.server.rooms.RoomEventLog;

/**
 * What decisions write into the ledger: openings, changes, ballots (a sealed decision's as salted
 * commitments), closes with their counted ballots and rules, and the salts revealed at a sealed close.
 */
final class DecisionLedger {
  private DecisionLedger() {}

  /**
   * The opening, with each frozen seat's facts (holder, Voting Group, Party Category, whether it votes)
   * and the rules body and version, so {@code verify} can re-judge the close from the ledger alone.
   */
  static void opened(RoomEventLog.Tx tx, StoredDecision d, Long by, List<Seat> seats) {
    Map<String, Object> b = new HashMap<>();
    b.put("decision_id", d.id());
    b.put("body", d.bodyCode());
    b.put("item", d.item());
    b.put("question", d.question());
    b.put("motion_text", d.motionText());
    b.put("motion_version", d.motionVersion());
    b.put("kind_of_vote", d.kind());
    b.put("visibility", d.visibility());
    b.put("rules_reference", d.rulesReference());
    b.put("rules_version", d.rulesVersion());
    b.put("rules_sha256", Canonical.entryHash(Canonical.GENESIS, d.rulesBody() == null ? "" : d.rulesBody()));
    b.put("closes_at", d.closesAt() == null ? null : d.closesAt().toString());
    b.put("options", d.options());
    b.put("electorate_seats", seats.stream().map(Seat::id).toList());
    b.put("rules_body", d.rulesBody());
    b.put("meeting_id", d.meetingId());
    List<Map<String, Object>> facts = new ArrayList<>();
    for (Seat s : seats) {
      Map<String, Object> f = new HashMap<>();
      f.put("seat_id", s.id());
      f.put("user_id", s.userId());
      f.put("party_id", s.partyId());
      f.put("voting_group_id", s.votingGroupId());
      f.put("category", s.category());
      f.put("voting", s.voting());
      facts.add(f);
    }
    b.put("seats", facts);
    tx.ledger(LedgerEntry.of("decision_opened", d.id(), by, b));
  }

  static void changed(RoomEventLog.Tx tx, StoredDecision d, Long by, String change, String reason, int motionVersion, String motionText) {
    Map<String, Object> b = new HashMap<>();
    b.put("decision_id", d.id());
    b.put("change", change);
    b.put("reason", reason);
    b.put("motion_version", motionVersion);
    b.put("motion_text", motionText);
    tx.ledger(LedgerEntry.of("decision_changed", d.id(), by, b));
  }

  /** The ballot's content: hashed openly for an open decision, committed to (salted) for a sealed one. */
  static Future<org.quorate.protocol.Receipt> ballot(RoomEventLog.Tx tx, DecisionBallots.Recorded r) {
    var ballot = r.ballot();
    Map<String, Object> content = new HashMap<>();
    content.put("decision_id", r.decision().id());
    content.put("ballot_id", ballot.ballot().sequence());
    content.put("seat_id", r.admission().seat().id());
    content.put("seat_user_id", r.admission().seat().userId());
    content.put("cast_by", ballot.ballot().castByUserId());
    content.put("capacity", r.admission().capacity().name().toLowerCase());
    content.put("choice", r.choice() == null ? "withdrawn" : r.choice().word());
    content.put("option", ballot.option());
    content.put("reason", ballot.ballot().reason());
    content.put("objectives", ballot.objectives());
    content.put("motion_version", ballot.ballot().motionVersion());
    content.put("channel", ballot.ballot().channel().name().toLowerCase());
    content.put("cast_at", ballot.ballot().castAt().toString());
    if (r.decision().sealed()) {
      Map<String, Object> visible = Map.of("decision_id", r.decision().id(), "sealed", true);
      return tx.ledger(new LedgerEntry("ballot", r.decision().id(), ballot.ballot().castByUserId(), visible, content, true));
    } else {
      return tx.ledger(new LedgerEntry("ballot", r.decision().id(), ballot.ballot().castByUserId(), content, null, true));
    }
  }

  /**
   * The close: result, rules version and which ballots counted; for a sealed decision the salts
   * come first, so anyone can open every commitment before checking the count.
   */
  static Future<Void> closed(RoomEventLog.Tx tx, StoredDecision d, DecisionFacts facts, DecisionResult result, String outcome,
      String explanation, boolean reopenBarred) {
    Future<Void> salts = !d.sealed() ? Future.succeededFuture()
        : tx.conn().preparedQuery("SELECT position, salt, opening FROM ledger_salt WHERE decision_id = $1 ORDER BY position")
            .execute(Tuple.of(d.id())).map(rows -> {
              List<Map<String, Object>> openings = new ArrayList<>();
              for (Row row : rows) {
                openings.add(Map.of("position", row.getLong("position"), "salt", row.getString("salt"),
                    "ballot", Canonical.parse(row.getString("opening"))));
              }
              tx.ledger(LedgerEntry.of("salts_revealed", d.id(), null, Map.of("decision_id", d.id(), "openings", openings)));
              return null;
            });
    return salts.map(v -> {
      Map<String, Object> b = new HashMap<>();
      b.put("decision_id", d.id());
      b.put("outcome", outcome);
      b.put("explanation", explanation);
      b.put("rules_reference", d.rulesReference());
      b.put("rules_version", d.rulesVersion());
      b.put("approve", result.tally().approve());
      b.put("reject", result.tally().reject());
      b.put("abstain", result.tally().abstain());
      b.put("recused_seats", facts.recusedSeatIds().stream().sorted().toList());
      b.put("casting_vote", d.castingVote());
      b.put("counted_at_meeting", facts.atMeeting());
      // Everything else the count used, so verify re-judges meeting votes and option questions too.
      b.put("as_of", facts.asOf().toString());
      b.put("present_user_ids", facts.atMeeting() ? facts.attendance().presentUserIds().stream().sorted().toList() : null);
      b.put("proxies", facts.proxies().stream().map(DecisionLedger::appointment).toList());
      b.put("inquorate_extensions_used", facts.inquorateExtensionsUsed());
      b.put("reopen_barred", reopenBarred);
      b.put("counted_ballots", result.ballots().stream().filter(x -> x.status().counts()).map(x -> x.ballot().sequence()).sorted().toList());
      tx.ledger(LedgerEntry.of("decision_closed", d.id(), null, b));
      return null;
    });
  }

  private static Map<String, Object> appointment(ProxyAppointment p) {
    Map<String, Object> m = new HashMap<>();
    m.put("id", p.id());
    m.put("seat_id", p.seatId());
    m.put("proxy_user_id", p.proxyUserId());
    m.put("scope", p.scope().name().toLowerCase());
    m.put("scope_id", p.scopeId());
    m.put("active_from", p.activeFrom().toString());
    m.put("active_until", p.activeUntil() == null ? null : p.activeUntil().toString());
    m.put("revoked_at", p.revokedAt() == null ? null : p.revokedAt().toString());
    return m;
  }
}
