package org.quorate.server.decisions.admission;

import java.time.Instant;
import java.util.Optional;
import org.quorate.server.decisions.counting.BallotCapacity;
import org.quorate.server.decisions.counting.Choice;
import org.quorate.server.decisions.counting.CountedBallot;
import org.quorate.server.decisions.counting.CountedBallots;
import org.quorate.server.decisions.counting.DecisionFacts;
import org.quorate.server.decisions.counting.ProxyAppointment;
import org.quorate.server.decisions.counting.Proxies;
import org.quorate.server.decisions.counting.Seat;
import org.quorate.server.decisions.lifecycle.DecisionLifecycle;
import org.quorate.server.decisions.rules.BodyRules;
import org.quorate.server.domain.DomainException;

/**
 * Whether a ballot (or a withdrawal) may be recorded now. Run inside the write transaction with the
 * database's clock as {@code now}, so every node refuses a late ballot the same way. Refusals are
 * typed: decisionClosed after the close, notAuthorised for someone who may not vote for the seat,
 * conflict for a second ballot from a Voting Group, a proxy's ballot for a seat whose counting ballot
 * someone else cast, or a stale motion version; invalid for a missing reason. The admission records in
 * what right the ballot is cast, and the count keeps judging it by that.
 */
public final class BallotAdmission {
  private BallotAdmission() {}

  /**
   * @param facts the decision's current facts (ballots so far, proxies, motion version), counted as of {@code now}
   * @param seatId the seat voted for; null means the caster's own seat
   * @param choice null for a withdrawal
   * @param motionVersion the motion version the voter saw
   */
  public static Admission check(DecisionLifecycle lifecycle, DecisionFacts facts, long casterUserId, Long seatId,
      Choice choice, String reason, int motionVersion, Instant now) {
    lifecycle.requireAcceptingBallots(now);
    BodyRules rules = facts.rules();
    Seat seat = seat(facts, casterUserId, seatId);
    if (!seat.voting()) {
      throw DomainException.notAuthorised("the " + seat.holderName() + " seat does not vote on " + rules.name());
    }
    if (facts.recusedSeatIds().contains(seat.id())) {
      throw DomainException.notAuthorised(seat.holderName() + " is recused from this decision ("
          + rules.recusal().clause() + ")");
    }
    Optional<ProxyAppointment> proxy = Proxies.activeFor(facts.proxies(), seat.id(), now);
    boolean viaProxy = casterUserId != seat.userId();
    if (!viaProxy && proxy.isPresent()) {
      throw DomainException.notAuthorised("a proxy holds your seat for this decision"
          + (proxy.get().activeUntil() == null ? "" : " until " + proxy.get().activeUntil())
          + "; revoke the appointment to vote yourself");
    }
    if (viaProxy && proxy.filter(p -> p.proxyUserId() == casterUserId).isEmpty()) {
      throw DomainException.notAuthorised("you are not the active proxy for the " + seat.holderName() + " seat");
    }
    if (motionVersion != facts.motionVersion()) {
      throw DomainException.conflict("the motion is now at version " + facts.motionVersion()
          + "; read the amended text and vote on it");
    }
    String constituency = facts.electorate().constituencyOf(seat);
    CountedBallot current = CountedBallots.resolve(facts).byConstituency().get(constituency);
    if (current != null && current.seat().id() != seat.id()) {
      throw DomainException.conflict("one ballot counts per " + basisWord(facts) + " and "
          + current.seat().holderName() + " has already voted for it; they may change or withdraw it");
    }
    if (current != null && viaProxy && current.ballot().castByUserId() != casterUserId) {
      // The seat's ballot stands as cast while its caster was entitled: a proxy appointed later does not displace it.
      throw DomainException.conflict((current.viaProxy() ? "an earlier proxy" : seat.holderName())
          + " has already voted for this seat and that ballot stands; only they may change or withdraw it");
    }
    if (choice == null) {
      if (current == null) {
        throw DomainException.conflict("there is no ballot to withdraw");
      }
    } else if (rules.reasons().requires(choice) && (reason == null || reason.isBlank())) {
      throw DomainException.invalid("reason", "is required on " + rules.name() + " for " + choice.word()
          + " (" + rules.reasons().clause() + ")");
    }
    if (reason != null && reason.strip().length() > 4000) {
      throw DomainException.invalid("reason", "must be at most 4000 characters");
    }
    return new Admission(seat, viaProxy ? BallotCapacity.PROXY : BallotCapacity.HOLDER, constituency);
  }

  private static Seat seat(DecisionFacts facts, long casterUserId, Long seatId) {
    if (seatId != null) {
      return facts.electorate().seat(seatId).orElseThrow(() -> DomainException.notAuthorised(
          "seat " + seatId + " is not in this decision's electorate"));
    }
    return facts.electorate().seatOf(casterUserId).orElseThrow(() -> DomainException.notAuthorised(
        "you hold no seat in this decision's electorate"));
  }

  private static String basisWord(DecisionFacts facts) {
    return switch (facts.electorate().basis()) {
      case MEMBERS -> "seat";
      case VOTING_GROUPS -> "Voting Group";
      case PARTY_CATEGORIES -> "Party Category";
    };
  }
}
