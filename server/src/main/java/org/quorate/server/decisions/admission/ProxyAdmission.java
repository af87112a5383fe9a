package org.quorate.server.decisions.admission;

import java.time.Instant;
import java.util.Collection;
import org.quorate.server.decisions.counting.Electorate;
import org.quorate.server.decisions.counting.ProxyAppointment;
import org.quorate.server.decisions.counting.Seat;
import org.quorate.server.decisions.rules.BodyRules;
import org.quorate.server.domain.DomainException;

/**
 * Whether a proxy appointment may be made: the body allows proxies, the seat votes, it has no other
 * appointment overlapping in time, and the proxy would not hold more seats than the rules allow
 * (their own seat included). Who may appoint for a Party is the service's authorisation step.
 */
public final class ProxyAdmission {
  private ProxyAdmission() {}

  public static void check(BodyRules rules, Electorate electorate, Collection<ProxyAppointment> existing,
      ProxyAppointment candidate) {
    if (!rules.proxies().allowed()) {
      throw DomainException.conflict(rules.name() + " does not allow proxies (" + rules.proxies().clause() + ")");
    }
    Seat seat = electorate.seat(candidate.seatId())
        .orElseThrow(() -> DomainException.invalid("seat_id", "is not a seat on " + rules.name()));
    if (!seat.voting()) {
      throw DomainException.invalid("seat_id", "the " + seat.holderName() + " seat does not vote, so needs no proxy");
    }
    if (candidate.proxyUserId() == seat.userId()) {
      throw DomainException.invalid("proxy_user_id", "cannot be the seat's own holder");
    }
    for (ProxyAppointment other : existing) {
      if (other.id() != candidate.id() && other.seatId() == seat.id() && overlaps(other, candidate)) {
        throw DomainException.conflict("the seat already has proxy appointment " + other.id()
            + " for an overlapping time; revoke it first");
      }
    }
    int held = electorate.seatOf(candidate.proxyUserId()).filter(Seat::voting).isPresent() ? 1 : 0;
    for (ProxyAppointment other : existing) {
      if (other.id() != candidate.id() && other.proxyUserId() == candidate.proxyUserId() && overlaps(other, candidate)) {
        held++;
      }
    }
    if (held + 1 > rules.proxies().maxSeatsPerPerson()) {
      throw DomainException.conflict("the proxy would hold " + (held + 1) + " seats; the limit on " + rules.name()
          + " is " + rules.proxies().maxSeatsPerPerson() + " (" + rules.proxies().clause() + ")");
    }
  }

  private static boolean overlaps(ProxyAppointment a, ProxyAppointment b) {
    return before(a.activeFrom(), end(b)) && before(b.activeFrom(), end(a));
  }

  private static Instant end(ProxyAppointment p) {
    Instant until = p.activeUntil();
    if (p.revokedAt() != null && (until == null || p.revokedAt().isBefore(until))) {
      until = p.revokedAt();
    }
    return until;
  }

  private static boolean before(Instant start, Instant end) {
    return end == null || start.isBefore(end);
  }
}
