package org.quorate.server.decisions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.quorate.server.decisions.counting.Attendance;
import org.quorate.server.decisions.counting.DecisionFacts;
import org.quorate.server.decisions.counting.Electorate;
import org.quorate.server.decisions.counting.ProxyAppointment;
import org.quorate.server.decisions.counting.QuoracyCheck;
import org.quorate.server.decisions.counting.QuoracyReport;
import org.quorate.server.decisions.counting.Seat;
import org.quorate.server.decisions.rules.BodyRules;
import org.quorate.server.decisions.rules.RulesCatalogue;
import org.quorate.server.domain.DomainException;
import org.quorate.server.meetings.Quoracy;
import org.quorate.server.meetings.QuoracyProbe;
import org.quorate.server.meetings.RegisterSnapshot;

/**
 * A meeting's live quoracy under the body's current rules: the one {@link QuoracyCheck} over the
 * body's seats (frozen as a decision would freeze them, so DCC and Consumer Member seats do not
 * vote) and who is present, with no ballots. An alternate or proxy filling a seat counts as the rules
 * count proxies. Pure: everything comes from the register snapshot.
 */
public final class RulesQuoracyProbe implements QuoracyProbe {
  /** Counting needs an instant; attendance here is "now", so any fixed one will do. */
  private static final Instant NOW = Instant.EPOCH;

  private final RulesCatalogue catalogue;

  public RulesQuoracyProbe(RulesCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  @Override
  public Quoracy assess(RegisterSnapshot register) {
    BodyRules rules;
    try {
      rules = catalogue.current(register.rules(), register.bodyCode());
    } catch (DomainException missing) {
      return new Quoracy(false, 0, 0, 0, "quoracy cannot be judged: there are no decision rules for " + register.bodyCode(), "none");
    }
    QuoracyReport report;
    try {
      report = QuoracyCheck.evaluate(facts(rules, register));
    } catch (DomainException unusable) {
      // E.g. a voting seat without a Voting Group where the rules count Voting Groups: say so, never block the meeting.
      return new Quoracy(false, 0, 0, 0, "quoracy cannot be judged: " + unusable.getMessage(), rule(rules));
    }
    String explanation = report.quorate() ? report.sentence() : report.sentence() + "; " + report.forecast().sentence();
    return new Quoracy(report.quorate(), report.participating(), report.base(), report.required(), explanation,
        rule(rules));
  }

  /** The quorum rule as the meeting record cites it: the rules version and the clause. */
  static String rule(BodyRules rules) {
    return rules.reference() + ": " + rules.quorum().clause();
  }

  static DecisionFacts facts(BodyRules rules, RegisterSnapshot register) {
    List<Seat> seats = new ArrayList<>();
    Set<Long> present = new HashSet<>();
    List<ProxyAppointment> delegates = new ArrayList<>();
    long id = 0;
    for (RegisterSnapshot.SeatPresence s : register.seats()) {
      id++;
      seats.add(new Seat(id, s.holderId(), s.holderName(), s.partyId(), s.votingGroupId(), s.category(), s.voting()));
      if (!s.present()) {
        continue;
      }
      present.add(s.filledBy());
      if (!"member".equals(s.presentAs())) {
        delegates.add(new ProxyAppointment(-id, id, s.filledBy(), ProxyAppointment.Scope.PERIOD, null, NOW, null, null));
      }
    }
    return DecisionFacts.atMeeting(0, 0, rules, Electorate.freeze(rules, seats), Set.of(), new Attendance(present), List.of(),
        delegates, 1, NOW);
  }
}
