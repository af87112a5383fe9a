package org.quorate.server.decisions.counting;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.quorate.server.decisions.rules.BodyRules;
import org.quorate.server.decisions.rules.ElectorateBasis;
import org.quorate.server.domain.DomainException;

/**
 * The seats of a decision, frozen when it opens, and the basis on which they hold ballots. The
 * <em>constituency</em> of a seat is what one counted ballot belongs to: the seat itself, its Voting
 * Group, or its Party Category.
 */
public final class Electorate {
  private final ElectorateBasis basis;
  private final List<Seat> seats;
  // Indexes: counting looks up a seat for every ballot, so a linear scan made each count quadratic.
  private final Map<Long, Seat> byId = new HashMap<>();
  private final Map<Long, Seat> byUser = new HashMap<>();

  public Electorate(ElectorateBasis basis, List<Seat> seats) {
    this.basis = basis;
    this.seats = List.copyOf(seats);
    for (Seat seat : this.seats) {
      if (byId.put(seat.id(), seat) != null) {
        throw DomainException.invalid("seats", "seat " + seat.id() + " appears twice");
      }
      if (byUser.put(seat.userId(), seat) != null) {
        throw DomainException.invalid("seats", "user " + seat.userId() + " holds two seats on one body");
      }
      if (basis == ElectorateBasis.VOTING_GROUPS && seat.voting() && seat.votingGroupId() == null) {
        throw DomainException.invalid("seats", "voting seat " + seat.id() + " has no Voting Group");
      }
    }
  }

  public ElectorateBasis basis() {
    return basis;
  }

  public List<Seat> seats() {
    return seats;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Electorate e && e.basis == basis && e.seats.equals(seats);
  }

  @Override
  public int hashCode() {
    return Objects.hash(basis, seats);
  }

  @Override
  public String toString() {
    return "Electorate[basis=" + basis + ", seats=" + seats + "]";
  }

  /**
   * Freezes a body's seats under its rules: seats in the rules' non-voting Party Categories (DCC, the
   * Consumer Member) are made non-voting whatever the membership record says.
   */
  public static Electorate freeze(BodyRules rules, Collection<Seat> seats) {
    Set<String> nonVoting = rules.electorate().nonVotingCategories();
    return new Electorate(rules.electorate().basis(),
        seats.stream().map(s -> nonVoting.contains(s.category()) ? s.asNonVoting() : s).toList());
  }

  public Optional<Seat> seat(long seatId) {
    return Optional.ofNullable(byId.get(seatId));
  }

  /** The seat a user holds in their own right, if any. */
  public Optional<Seat> seatOf(long userId) {
    return Optional.ofNullable(byUser.get(userId));
  }

  /** The key of the constituency one counted ballot belongs to. */
  public String constituencyOf(Seat seat) {
    if (!seat.voting()) {
      return "seat:" + seat.id();
    }
    return switch (basis) {
      case MEMBERS -> "seat:" + seat.id();
      case VOTING_GROUPS -> "group:" + seat.votingGroupId();
      case PARTY_CATEGORIES -> "category:" + seat.category();
    };
  }

  /** Voting seats not recused, grouped by constituency in electorate order. */
  public Map<String, List<Seat>> eligibleConstituencies(Set<Long> recusedSeatIds) {
    Map<String, List<Seat>> result = new LinkedHashMap<>();
    for (Seat seat : seats) {
      if (seat.voting() && !recusedSeatIds.contains(seat.id())) {
        result.computeIfAbsent(constituencyOf(seat), k -> new ArrayList<>()).add(seat);
      }
    }
    return result;
  }
}
