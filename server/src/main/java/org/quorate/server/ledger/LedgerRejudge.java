package org.quorate.server.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quorate.server.decisions.counting.Ballot;
import org.quorate.server.decisions.counting.BallotCapacity;
import org.quorate.server.decisions.counting.BallotChannel;
import org.quorate.server.decisions.counting.Choice;
import org.quorate.server.decisions.counting.DecisionFacts;
import org.quorate.server.decisions.counting.DecisionResult;
import org.quorate.server.decisions.counting.Electorate;
import org.quorate.server.decisions.counting.Seat;
import org.quorate.server.decisions.rules.BodyRules;
import org.quorate.server.decisions.rules.RulesCatalogue;
import org.quorate.server.domain.DomainException;

/**
 * Re-judges a closed decision's outcome from the ledger alone, with the same pure counting code the
 * server closed it with, under the rules version its opening recorded. Only what the ledger holds is
 * used: a decision whose entries lack a fact the count needs (written before seats' facts were
 * recorded, counted at a meeting, or asking its own options) is left to the tally re-count.
 */
final class LedgerRejudge {
  enum Kind { REJUDGED, TALLY_ONLY, NOT_REJUDGEABLE, MISMATCH }

  record Verdict(Kind kind, String detail) {}

  private LedgerRejudge() {}

  /**
   * @param opened the decision's opening entry (null if the excerpt lacks it)
   * @param motionVersion the motion version after the last recorded change
   * @param ballots every ballot entry of the decision recorded (or revealed) before the close
   */
  static Verdict judge(Map<String, Object> closed, Map<String, Object> opened, int motionVersion, Collection<Map<String, Object>> ballots,
      RulesCatalogue catalogue) {
    if (opened == null || !(opened.get("seats") instanceof List<?> seatFacts) || !(opened.get("rules_body") instanceof String rulesBody)
        || !closed.containsKey("recused_seats")) {
      return new Verdict(Kind.TALLY_ONLY, "its entries predate the recorded seats' facts");
    }
    if (Boolean.TRUE.equals(closed.get("counted_at_meeting")) || !"asynchronous".equals(opened.get("kind_of_vote"))) {
      return new Verdict(Kind.TALLY_ONLY, "counted at a meeting, whose attendance the ledger does not hold");
    }
    if (opened.get("options") instanceof List<?> options && !options.isEmpty()) {
      return new Verdict(Kind.TALLY_ONLY, "a question with its own options");
    }
    int version = (int) number(opened.get("rules_version"));
    BodyRules rules;
    try {
      rules = catalogue.version(rulesBody, version);
    } catch (DomainException e) {
      return new Verdict(Kind.NOT_REJUDGEABLE, "rules " + rulesBody + " v" + version + " are not in this catalogue");
    }
    long decision = number(closed.get("decision_id"));
    List<Seat> seats = new ArrayList<>();
    for (Object o : seatFacts) {
      Map<?, ?> s = (Map<?, ?>) o;
      long id = number(s.get("seat_id"));
      seats.add(new Seat(id, number(s.get("user_id")), "seat " + id, nullable(s.get("party_id")), nullable(s.get("voting_group_id")),
          (String) s.get("category"), Boolean.TRUE.equals(s.get("voting"))));
    }
    Set<Long> recused = new HashSet<>();
    ((List<?>) closed.get("recused_seats")).forEach(o -> recused.add(number(o)));
    List<Ballot> counted = new ArrayList<>();
    for (Map<String, Object> b : ballots) {
      if (!(b.get("capacity") instanceof String capacity)) {
        return new Verdict(Kind.TALLY_ONLY, "a ballot entry lacks the right it was cast in");
      }
      String choice = String.valueOf(b.get("choice"));
      boolean withdrawn = "withdrawn".equals(choice);
      counted.add(new Ballot(number(b.get("ballot_id")), number(b.get("seat_id")), number(b.get("cast_by")),
          withdrawn ? null : Choice.valueOf(choice.toUpperCase()), withdrawn, (String) b.get("reason"),
          (int) number(b.get("motion_version")), BallotChannel.ASYNCHRONOUS, Instant.EPOCH, BallotCapacity.valueOf(capacity.toUpperCase())));
    }
    DecisionFacts facts = DecisionFacts.asynchronous(decision, rules, new Electorate(rules.electorate().basis(), seats), recused, counted,
        List.of(), motionVersion, Instant.EPOCH);
    if (closed.get("casting_vote") instanceof String vote) {
      facts = facts.withCastingVote(Choice.valueOf(vote.toUpperCase()));
    }
    DecisionResult result = DecisionResult.decide(facts);
    String recomputed = result.isFinal() ? result.outcome().name().toLowerCase() : null;
    Object recorded = closed.get("outcome");
    if (!java.util.Objects.equals(recomputed, recorded)) {
      return new Verdict(Kind.MISMATCH, "re-judged under " + rules.reference() + " the outcome is "
          + (recomputed == null ? "a tie awaiting the casting vote" : recomputed) + "; recorded " + recorded);
    }
    return new Verdict(Kind.REJUDGED, null);
  }

  private static Long nullable(Object o) {
    return o == null ? null : ((Number) o).longValue();
  }

  private static long number(Object o) {
    return o == null ? -1 : ((Number) o).longValue();
  }
}
