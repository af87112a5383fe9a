package org.quorate.server.decisions.counting;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.quorate.server.decisions.rules.BodyRules;
import org.quorate.server.domain.Checks;
import org.quorate.server.domain.DomainException;

/**
 * Everything a count depends on, frozen: the rules version, the electorate, recusals, attendance
 * (null for an asynchronous decision), every ballot entry ever made (history included), the proxy
 * appointments, the current motion version, the instant of the count, the chair's casting vote if
 * given, and how many inquorate extensions were already used. Quoracy and results are pure functions
 * of this record.
 */
public record DecisionFacts(
    long decisionId,
    Long meetingId,
    BodyRules rules,
    Electorate electorate,
    Set<Long> recusedSeatIds,
    Attendance attendance,
    List<Ballot> ballots,
    List<ProxyAppointment> proxies,
    int motionVersion,
    Instant asOf,
    Choice castingVote,
    int inquorateExtensionsUsed) {

  public DecisionFacts {
    Checks.required(rules, "rules");
    Checks.required(electorate, "electorate");
    recusedSeatIds = recusedSeatIds == null ? Set.of() : Set.copyOf(recusedSeatIds);
    ballots = ballots == null ? List.of() : List.copyOf(ballots);
    proxies = proxies == null ? List.of() : proxies.stream().filter(p -> p.appliesTo(decisionId, meetingId)).toList();
    Checks.required(asOf, "as_of");
    if (motionVersion < 1) {
      throw DomainException.invalid("motion_version", "must be at least 1");
    }
    if (castingVote == Choice.ABSTAIN) {
      throw DomainException.invalid("casting_vote", "must be approve or reject");
    }
    if (inquorateExtensionsUsed < 0) {
      throw DomainException.invalid("inquorate_extensions_used", "must not be negative");
    }
    Set<Long> sequences = new HashSet<>();
    for (Ballot ballot : ballots) {
      if (!sequences.add(ballot.sequence())) {
        throw DomainException.invalid("ballots", "sequence " + ballot.sequence() + " appears twice");
      }
      if (ballot.motionVersion() > motionVersion) {
        throw DomainException.invalid("ballots", "ballot " + ballot.sequence() + " names motion version "
            + ballot.motionVersion() + " but the motion is at version " + motionVersion);
      }
    }
  }

  /** Facts for an asynchronous decision counted at {@code asOf}, with no casting vote and no extension used. */
  public static DecisionFacts asynchronous(long decisionId, BodyRules rules, Electorate electorate,
      Set<Long> recused, List<Ballot> ballots, List<ProxyAppointment> proxies, int motionVersion, Instant asOf) {
    return new DecisionFacts(decisionId, null, rules, electorate, recused, null, ballots, proxies, motionVersion,
        asOf, null, 0);
  }

  /** Facts for a decision taken at a meeting, with the attendance recorded there. */
  public static DecisionFacts atMeeting(long decisionId, long meetingId, BodyRules rules, Electorate electorate,
      Set<Long> recused, Attendance attendance, List<Ballot> ballots, List<ProxyAppointment> proxies,
      int motionVersion, Instant asOf) {
    return new DecisionFacts(decisionId, meetingId, rules, electorate, recused,
        Checks.required(attendance, "attendance"), ballots, proxies, motionVersion, asOf, null, 0);
  }

  public boolean atMeeting() {
    return attendance != null;
  }

  public DecisionFacts withBallots(List<Ballot> newBallots) {
    return new DecisionFacts(decisionId, meetingId, rules, electorate, recusedSeatIds, attendance, newBallots,
        proxies, motionVersion, asOf, castingVote, inquorateExtensionsUsed);
  }

  public DecisionFacts withRecusals(Set<Long> recused) {
    return new DecisionFacts(decisionId, meetingId, rules, electorate, recused, attendance, ballots,
        proxies, motionVersion, asOf, castingVote, inquorateExtensionsUsed);
  }

  public DecisionFacts withCastingVote(Choice vote) {
    return new DecisionFacts(decisionId, meetingId, rules, electorate, recusedSeatIds, attendance, ballots,
        proxies, motionVersion, asOf, vote, inquorateExtensionsUsed);
  }

  public DecisionFacts withInquorateExtensionsUsed(int used) {
    return new DecisionFacts(decisionId, meetingId, rules, electorate, recusedSeatIds, attendance, ballots,
        proxies, motionVersion, asOf, castingVote, used);
  }

  public DecisionFacts withMotionVersion(int version) {
    return new DecisionFacts(decisionId, meetingId, rules, electorate, recusedSeatIds, attendance, ballots,
        proxies, version, asOf, castingVote, inquorateExtensionsUsed);
  }

  public DecisionFacts withRules(BodyRules newRules) {
    return new DecisionFacts(decisionId, meetingId, newRules, electorate, recusedSeatIds, attendance, ballots,
        proxies, motionVersion, asOf, castingVote, inquorateExtensionsUsed);
  }
}
