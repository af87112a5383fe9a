package org.quorate.server.decisions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.quorate.server.decisions.counting.Attendance;
import org.quorate.server.decisions.counting.ProxyAppointment;
import org.quorate.server.decisions.counting.Seat;

/**
 * A meeting's attendance record as decisions count it: every stretch of presence and every alternate
 * or proxy appointed to fill a member's seat there, revoked ones included. Kept as history, not as
 * "who is here now", so a closed decision is re-explained with the attendance at its close.
 */
public record MeetingPresence(long meetingId, long bodyId, String state, List<Stretch> stretches, List<Delegation> delegations) {

  public MeetingPresence {
    stretches = List.copyOf(stretches);
    delegations = List.copyOf(delegations);
  }

  /** Present from {@code joinedAt} until {@code leftAt} (exclusive; null while still present). */
  public record Stretch(long userId, Instant joinedAt, Instant leftAt) {
    boolean covers(Instant at) {
      return !at.isBefore(joinedAt) && (leftAt == null || at.isBefore(leftAt));
    }
  }

  /** An alternate or proxy appointed at the meeting to fill {@code principalUserId}'s seat. */
  public record Delegation(long id, long principalUserId, long delegateUserId, Instant appointedAt, Instant revokedAt) {}

  /** Everyone present at {@code at}, in person, remotely, or filling another member's seat. */
  public Attendance at(Instant at) {
    Set<Long> present = new HashSet<>();
    stretches.stream().filter(s -> s.covers(at)).forEach(s -> present.add(s.userId()));
    return new Attendance(present);
  }

  public boolean isOpen() {
    return "scheduled".equals(state) || "open".equals(state) || "adjourned".equals(state);
  }

  /**
   * The meeting's alternates and proxies as seat appointments scoped to this meeting, so counting
   * treats them as the rules treat proxies. Negative ids keep them apart from the body's own appointments.
   */
  public List<ProxyAppointment> appointments(List<Seat> seats) {
    Map<Long, Seat> byUser = seats.stream().collect(Collectors.toMap(Seat::userId, Function.identity(), (a, b) -> a));
    List<ProxyAppointment> out = new ArrayList<>();
    for (Delegation d : delegations) {
      Seat seat = byUser.get(d.principalUserId());
      if (seat != null) {
        out.add(new ProxyAppointment(-d.id(), seat.id(), d.delegateUserId(), ProxyAppointment.Scope.MEETING, meetingId,
            d.appointedAt(), null, d.revokedAt()));
      }
    }
    return out;
  }
}
