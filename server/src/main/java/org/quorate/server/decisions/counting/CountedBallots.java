package org.quorate.server.decisions.counting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.quorate.server.decisions.counting.BallotDisposition.Status;

/**
 * Which ballot counts for each constituency: exactly one, or none. Entries are taken in
 * {@link Ballot#sequence()} order, so the input order never matters; the last entitled entry for a
 * constituency wins, and the amendment rule then decides whether it counts.
 *
 * <p>Entitlement is judged as of each entry's casting, never as of the count: a ballot admitted while
 * its caster held the seat (in their own right or as its proxy) keeps counting whatever appointment
 * is made or revoked later. Within one seat, a counting ballot is replaced only by its own caster or
 * by the seat's holder; a proxy's later entry does not displace it ({@link Status#EARLIER_BALLOT_STANDS}).
 */
public record CountedBallots(List<BallotDisposition> dispositions, Map<String, CountedBallot> byConstituency) {

  public CountedBallots {
    dispositions = List.copyOf(dispositions);
    byConstituency = Map.copyOf(byConstituency);
  }

  public static CountedBallots resolve(DecisionFacts facts) {
    List<Ballot> ordered = facts.ballots().stream().sorted(Comparator.comparingLong(Ballot::sequence)).toList();
    Map<Long, BallotDisposition> decided = new HashMap<>();
    Map<String, Ballot> lastByConstituency = new LinkedHashMap<>();
    Map<Long, Boolean> viaProxy = new HashMap<>();
    for (Ballot ballot : ordered) {
      Optional<Seat> seat = facts.electorate().seat(ballot.seatId());
      Status refusal = seat.isEmpty() ? Status.NOT_IN_ELECTORATE : entitlement(facts, seat.get(), ballot);
      if (refusal != null) {
        decided.put(ballot.sequence(), new BallotDisposition(ballot, refusal, explain(refusal)));
        continue;
      }
      String constituency = facts.electorate().constituencyOf(seat.get());
      Ballot standing = lastByConstituency.get(constituency);
      if (standing != null && stands(facts, standing, ballot, seat.get())) {
        decided.put(ballot.sequence(), new BallotDisposition(ballot, Status.EARLIER_BALLOT_STANDS, explain(Status.EARLIER_BALLOT_STANDS)));
        continue;
      }
      viaProxy.put(ballot.sequence(), ballot.castByUserId() != seat.get().userId());
      Ballot previous = lastByConstituency.put(constituency, ballot);
      if (previous != null) {
        decided.put(previous.sequence(), new BallotDisposition(previous, Status.SUPERSEDED, explain(Status.SUPERSEDED)));
      }
    }
    Map<String, CountedBallot> counted = new LinkedHashMap<>();
    for (Map.Entry<String, Ballot> last : lastByConstituency.entrySet()) {
      Ballot ballot = last.getValue();
      Status status = finalStatus(facts, ballot);
      decided.put(ballot.sequence(), new BallotDisposition(ballot, status, explain(status)));
      if (status.counts()) {
        Choice choice = status == Status.COUNTED_AS_ABSTENTION ? Choice.ABSTAIN : ballot.choice();
        Seat seat = facts.electorate().seat(ballot.seatId()).orElseThrow();
        counted.put(last.getKey(), new CountedBallot(last.getKey(), seat, ballot, choice, viaProxy.get(ballot.sequence())));
      }
    }
    List<BallotDisposition> dispositions = new ArrayList<>();
    ordered.forEach(b -> dispositions.add(decided.get(b.sequence())));
    return new CountedBallots(dispositions, counted);
  }

  public List<CountedBallot> counted() {
    return List.copyOf(byConstituency.values());
  }

  /** Null if the ballot may count as far as seat and entitlement go, else why not. */
  static Status entitlement(DecisionFacts facts, Seat seat, Ballot ballot) {
    if (!seat.voting()) {
      return Status.NON_VOTING_SEAT;
    }
    if (facts.recusedSeatIds().contains(seat.id())) {
      return Status.RECUSED;
    }
    boolean byHolder = ballot.castByUserId() == seat.userId();
    if (ballot.capacity() != null) {
      // Admission judged the caster's right under the decision's lock when the ballot was cast.
      return byHolder == (ballot.capacity() == BallotCapacity.HOLDER) ? null : Status.NOT_ENTITLED;
    }
    Optional<ProxyAppointment> proxyWhenCast = Proxies.activeFor(facts.proxies(), seat.id(), ballot.castAt());
    if (byHolder) {
      return proxyWhenCast.isPresent() ? Status.PROXY_ACTIVE : null;
    }
    return proxyWhenCast.filter(p -> p.proxyUserId() == ballot.castByUserId()).isPresent() ? null : Status.NOT_ENTITLED;
  }

  /**
   * Whether the counting ballot {@code standing} for the same seat outlasts {@code later}: only its own
   * caster or the seat's holder may change or withdraw it, so a proxy never displaces the member's own
   * ballot, nor one cast by an earlier proxy.
   */
  static boolean stands(DecisionFacts facts, Ballot standing, Ballot later, Seat seat) {
    return standing.seatId() == later.seatId()
        && !standing.withdrawal()
        && finalStatus(facts, standing).counts()
        && standing.castByUserId() != later.castByUserId()
        && later.castByUserId() != seat.userId();
  }

  static Status finalStatus(DecisionFacts facts, Ballot ballot) {
    if (ballot.withdrawal()) {
      return Status.WITHDRAWN;
    }
    if (ballot.motionVersion() == facts.motionVersion()) {
      return Status.COUNTED;
    }
    return switch (facts.rules().amendments().onAmendment()) {
      case LAPSE -> Status.LAPSED;
      case NEED_CONFIRMATION -> Status.AWAITING_CONFIRMATION;
      case COUNT_AS_ABSTENTION -> Status.COUNTED_AS_ABSTENTION;
    };
  }

  static String explain(Status status) {
    return switch (status) {
      case COUNTED -> "counted";
      case COUNTED_AS_ABSTENTION -> "cast on an earlier version of the motion; counted as an abstention";
      case SUPERSEDED -> "replaced by a later ballot for the same constituency";
      case WITHDRAWN -> "withdrawn; nothing counts for this constituency";
      case LAPSED -> "cast on an earlier version of the motion; lapsed, the voter must vote again";
      case AWAITING_CONFIRMATION -> "cast on an earlier version of the motion; counts once the voter confirms it";
      case PROXY_ACTIVE -> "cast while a proxy held this seat, so the principal's ballot does not count";
      case EARLIER_BALLOT_STANDS -> "the seat's earlier ballot stands; only whoever cast it, or the member, may change it";
      case NOT_ENTITLED -> "cast by someone who neither held the seat nor was its active proxy";
      case RECUSED -> "the member is recused from this decision";
      case NON_VOTING_SEAT -> "the seat does not vote";
      case NOT_IN_ELECTORATE -> "the seat is not in this decision's electorate";
    };
  }
}
