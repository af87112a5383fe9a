package org.quorate.server.decisions.counting;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Queries over proxy appointments shared by counting, quoracy and admission. */
public final class Proxies {
  private Proxies() {}

  /**
   * The appointment holding a seat at an instant. Admission refuses overlapping appointments; should
   * two still overlap, the most recently started one holds the seat.
   */
  public static Optional<ProxyAppointment> activeFor(Collection<ProxyAppointment> proxies, long seatId, Instant at) {
    return proxies.stream()
        .filter(p -> p.seatId() == seatId && p.isActiveAt(at))
        .max(Comparator.comparing(ProxyAppointment::activeFrom).thenComparingLong(ProxyAppointment::id));
  }
}
