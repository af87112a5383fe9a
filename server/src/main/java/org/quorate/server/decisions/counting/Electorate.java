package org.quorate.server.decisions.counting;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
public record Electorate(ElectorateBasis basis, List<Seat> seats) {
  public Electorate {
    seats = List.copyOf(seats);
    Set<Long> ids = new HashSet<>();
    Set<Long> users = new HashSet<>();
    for (Seat seat : seats) {
      if (!ids.add(seat.id())) {
        throw DomainException.invalid("seats", "seat " + seat.id() + " appears twice");
      }
      if (!users.add(seat.userId())) {
        throw DomainException.invalid("seats", "user " + seat.userId() + " holds two seats on one body");
      }
      if (basis == ElectorateBasis.VOTING_GROUPS && seat.voting() && seat.votingGroupId() == null) {
        throw DomainException.invalid("seats", "voting seat " + seat.id() + " has no Voting Group");
      }
    }
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
    return seats.stream().filter(s -> s.id() == seatId).findFirst();
  }

  /** The seat a user holds in their own right, if any. */
  public Optional<Seat> seatOf(long userId) {
    return seats.stream().filter(s -> s.userId() == userId).findFirst();
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
