package org.quorate.server.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.quorate.server.decisions.OptionVerdict;
import org.quorate.server.decisions.counting.Attendance;
import org.quorate.server.decisions.counting.Ballot;
import org.quorate.server.decisions.counting.BallotCapacity;
import org.quorate.server.decisions.counting.BallotChannel;
import org.quorate.server.decisions.counting.Choice;
import org.quorate.server.decisions.counting.DecisionFacts;
import org.quorate.server.decisions.counting.DecisionResult;
import org.quorate.server.decisions.counting.Electorate;
import org.quorate.server.decisions.counting.ProxyAppointment;
import org.quorate.server.decisions.counting.Seat;
import org.quorate.server.decisions.rules.BodyRules;
import org.quorate.server.decisions.rules.RulesCatalogue;
import org.quorate.server.domain.DomainException;

/**
 * Re-judges a closed decision's outcome from the ledger alone, with the same pure counting code the
 * server closed it with, under the rules version its opening recorded. Only what the ledger holds is
 * used: each close records what its count used (the time counted as of, who was present at a meeting,
 * the proxy appointments, extensions used), and each ballot its channel and time. A decision whose
 * entries predate those facts is left to the tally re-count.
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
    boolean atMeeting = Boolean.TRUE.equals(closed.get("counted_at_meeting"));
    boolean factsRecorded = closed.containsKey("as_of") && closed.containsKey("proxies");
    if (atMeeting && !(factsRecorded && closed.get("present_user_ids") instanceof List<?>)) {
      return new Verdict(Kind.TALLY_ONLY, "counted at a meeting before closes recorded the attendance they counted");
    }
    List<?> options = opened.get("options") instanceof List<?> o ? o : List.of();
    if (!options.isEmpty() && !factsRecorded) {
      return new Verdict(Kind.TALLY_ONLY, "a question with its own options, closed before closes recorded their facts");
    }
    int version = (int) number(opened.get("rules_version"));
    BodyRules rules;
    try {
      rules = catalogue.version(rulesBody, version);
    } catch (DomainException e) {
      return new Verdict(Kind.NOT_REJUDGEABLE, "rules " + rulesBody + " v" + version + " are not in this catalogue");
    }
    if (Boolean.TRUE.equals(closed.get("reopen_barred"))) {
      rules = rules.withoutReopening();
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
    Map<Long, String> optionByBallot = new HashMap<>();
    for (Map<String, Object> b : ballots) {
      if (!(b.get("capacity") instanceof String capacity)) {
        return new Verdict(Kind.TALLY_ONLY, "a ballot entry lacks the right it was cast in");
      }
      if ((atMeeting || factsRecorded) && !(b.get("channel") instanceof String && b.get("cast_at") instanceof String)) {
        return new Verdict(Kind.TALLY_ONLY, "a ballot entry lacks its channel and time");
      }
      String choice = String.valueOf(b.get("choice"));
      boolean withdrawn = "withdrawn".equals(choice);
      long id = number(b.get("ballot_id"));
      BallotChannel channel = b.get("channel") instanceof String c ? BallotChannel.valueOf(c.toUpperCase()) : BallotChannel.ASYNCHRONOUS;
      Instant castAt = b.get("cast_at") instanceof String t ? Instant.parse(t) : Instant.EPOCH;
      counted.add(new Ballot(id, number(b.get("seat_id")), number(b.get("cast_by")),
          withdrawn ? null : Choice.valueOf(choice.toUpperCase()), withdrawn, (String) b.get("reason"),
          (int) number(b.get("motion_version")), channel, castAt, BallotCapacity.valueOf(capacity.toUpperCase())));
      if (b.get("option") instanceof String option) {
        optionByBallot.put(id, option);
      }
    }
    List<ProxyAppointment> proxies = factsRecorded ? appointments((List<?>) closed.get("proxies")) : List.of();
    Instant asOf = factsRecorded ? Instant.parse((String) closed.get("as_of")) : Instant.EPOCH;
    Electorate electorate = new Electorate(rules.electorate().basis(), seats);
    DecisionFacts facts = atMeeting
        ? DecisionFacts.atMeeting(decision, number(opened.get("meeting_id")), rules, electorate, recused,
            new Attendance(((List<?>) closed.get("present_user_ids")).stream().map(LedgerRejudge::number).collect(Collectors.toSet())),
            counted, proxies, motionVersion, asOf)
        : DecisionFacts.asynchronous(decision, rules, electorate, recused, counted, proxies, motionVersion, asOf);
    facts = facts.withInquorateExtensionsUsed((int) Math.max(0, number(closed.get("inquorate_extensions_used"))));
    if (closed.get("casting_vote") instanceof String vote) {
      facts = facts.withCastingVote(Choice.valueOf(vote.toUpperCase()));
    }
    DecisionResult result = DecisionResult.decide(facts);
    String recomputed;
    if (!options.isEmpty() && result.isFinal() && result.quoracy().quorate()) {
      recomputed = OptionVerdict.of(options.stream().map(String::valueOf).toList(), result, optionByBallot).outcome();
    } else {
      recomputed = result.isFinal() ? result.outcome().name().toLowerCase() : null;
    }
    Object recorded = closed.get("outcome");
    if (!java.util.Objects.equals(recomputed, recorded)) {
      return new Verdict(Kind.MISMATCH, "re-judged under " + rules.reference() + " the outcome is "
          + (recomputed == null ? "a tie awaiting the casting vote" : recomputed) + "; recorded " + recorded);
    }
    return new Verdict(Kind.REJUDGED, null);
  }

  private static List<ProxyAppointment> appointments(List<?> recorded) {
    List<ProxyAppointment> list = new ArrayList<>();
    for (Object o : recorded) {
      Map<?, ?> p = (Map<?, ?>) o;
      list.add(new ProxyAppointment(number(p.get("id")), number(p.get("seat_id")), number(p.get("proxy_user_id")),
          ProxyAppointment.Scope.valueOf(((String) p.get("scope")).toUpperCase()), nullable(p.get("scope_id")),
          Instant.parse((String) p.get("active_from")), instant(p.get("active_until")), instant(p.get("revoked_at"))));
    }
    return list;
  }

  private static Instant instant(Object o) {
    return o == null ? null : Instant.parse((String) o);
  }

  private static Long nullable(Object o) {
    return o == null ? null : ((Number) o).longValue();
  }

  private static long number(Object o) {
    return o == null ? -1 : ((Number) o).longValue();
  }
}
