package org.quorate.server.decisions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.quorate.server.decisions.counting.Attendance;
import org.quorate.server.decisions.counting.Ballot;
import org.quorate.server.decisions.counting.BallotCapacity;
import org.quorate.server.decisions.counting.BallotChannel;
import org.quorate.server.decisions.counting.Choice;
import org.quorate.server.decisions.counting.DecisionFacts;
import org.quorate.server.decisions.counting.DecisionResult;
import org.quorate.server.decisions.counting.Electorate;
import org.quorate.server.decisions.counting.ProxyAppointment;
import org.quorate.server.decisions.counting.QuoracyCheck;
import org.quorate.server.decisions.counting.QuoracyReport;
import org.quorate.server.decisions.counting.Seat;
import org.quorate.server.decisions.rules.BodyRules;

/**
 * Builds a decision's facts the way a story is told: seats, then who votes how. Seat ids double as
 * user ids, Party ids and (unless given) Voting Group ids; ballots are one minute apart from {@link #T0}.
 */
public final class Scenario {
  public static final long DECISION = 1;
  public static final long MEETING = 7;
  public static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private final BodyRules rules;
  private final List<Seat> seats = new ArrayList<>();
  private final List<Ballot> ballots = new ArrayList<>();
  private final List<ProxyAppointment> proxies = new ArrayList<>();
  private final Set<Long> recused = new HashSet<>();
  private Set<Long> present;
  private int motionVersion = 1;
  private long sequence;
  private long nextSeat = 1;
  private Choice castingVote;
  private int inquorateExtensionsUsed;

  private Scenario(BodyRules rules) {
    this.rules = rules;
  }

  public static Scenario under(BodyRules rules) {
    return new Scenario(rules);
  }

  /** Adds {@code n} voting seats in a Party Category, numbered on from the last. */
  public Scenario seats(String category, int n) {
    for (int i = 0; i < n; i++) {
      seat(nextSeat, category);
    }
    return this;
  }

  public Scenario seat(long id, String category) {
    return seatInGroup(id, category, id);
  }

  public Scenario seatInGroup(long id, String category, long votingGroup) {
    seats.add(new Seat(id, id, "Member " + id, id, votingGroup, category, true));
    nextSeat = Math.max(nextSeat, id + 1);
    return this;
  }

  public Scenario nonVotingSeat(long id, String category) {
    seats.add(new Seat(id, id, "Member " + id, null, null, category, false));
    nextSeat = Math.max(nextSeat, id + 1);
    return this;
  }

  public Scenario vote(long seatId, Choice choice) {
    return ballot(seatId, seatId, choice, BallotChannel.ASYNCHRONOUS);
  }

  public Scenario votes(Choice choice, long... seatIds) {
    for (long id : seatIds) {
      vote(id, choice);
    }
    return this;
  }

  public Scenario postal(long seatId, Choice choice) {
    return ballot(seatId, seatId, choice, BallotChannel.POSTAL);
  }

  public Scenario byProxy(long seatId, long proxyUserId, Choice choice) {
    return ballot(seatId, proxyUserId, choice, BallotChannel.ASYNCHRONOUS);
  }

  public Scenario ballot(long seatId, long castBy, Choice choice, BallotChannel channel) {
    sequence++;
    ballots.add(Ballot.cast(sequence, seatId, castBy, choice, "reason " + sequence, motionVersion, channel, at(sequence)));
    return this;
  }

  public Scenario withdraw(long seatId) {
    sequence++;
    ballots.add(Ballot.withdraw(sequence, seatId, seatId, motionVersion, BallotChannel.ASYNCHRONOUS, at(sequence)));
    return this;
  }

  /** Appoints a proxy for a seat from now on (open-ended). */
  public Scenario proxy(long seatId, long proxyUserId) {
    proxies.add(new ProxyAppointment(proxies.size() + 1, seatId, proxyUserId, ProxyAppointment.Scope.DECISION,
        DECISION, at(sequence).plusSeconds(1), null, null));
    return this;
  }

  /** Appoints a proxy for a seat from {@code from} (open-ended), which may lie before ballots already cast. */
  public Scenario proxyFrom(long seatId, long proxyUserId, Instant from) {
    proxies.add(new ProxyAppointment(proxies.size() + 1, seatId, proxyUserId, ProxyAppointment.Scope.DECISION,
        DECISION, from, null, null));
    return this;
  }

  /** Revokes every appointment made so far, a second after the last ballot. */
  public Scenario revokeProxies() {
    proxies.replaceAll(p -> p.revokedAt() != null ? p : new ProxyAppointment(p.id(), p.seatId(), p.proxyUserId(), p.scope(),
        p.scopeId(), p.activeFrom(), p.activeUntil(), at(sequence).plusSeconds(1)));
    return this;
  }

  /** Records on every ballot so far the right it was cast in, as admission does: holder or proxy by who cast it. */
  public Scenario recordCapacities() {
    ballots.replaceAll(b -> b.capacity() != null ? b
        : b.castAs(b.castByUserId() == b.seatId() ? BallotCapacity.HOLDER : BallotCapacity.PROXY));
    return this;
  }

  /** Marks the decision as taken at a meeting attended by these users. */
  public Scenario present(long... userIds) {
    present = present == null ? new HashSet<>() : present;
    for (long id : userIds) {
      present.add(id);
    }
    return this;
  }

  public Scenario recuse(long seatId) {
    recused.add(seatId);
    return this;
  }

  public Scenario amend() {
    motionVersion++;
    return this;
  }

  public Scenario castingVote(Choice choice) {
    castingVote = choice;
    return this;
  }

  public Scenario inquorateExtensionsUsed(int used) {
    inquorateExtensionsUsed = used;
    return this;
  }

  public Electorate electorate() {
    return Electorate.freeze(rules, seats);
  }

  public DecisionFacts facts() {
    return new DecisionFacts(DECISION, present == null ? null : MEETING, rules, electorate(), recused,
        present == null ? null : new Attendance(present), ballots, proxies, motionVersion, at(sequence + 1),
        castingVote, inquorateExtensionsUsed);
  }

  public QuoracyReport quoracy() {
    return QuoracyCheck.evaluate(facts());
  }

  public DecisionResult result() {
    return DecisionResult.decide(facts());
  }

  public static Instant at(long minute) {
    return T0.plus(Duration.ofMinutes(minute));
  }
}
