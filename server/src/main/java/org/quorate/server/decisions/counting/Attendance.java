package org.quorate.server.decisions.counting;

import java.util.Set;

/**
 * Who is present at the meeting a decision is taken at (in the room or on the call). A present proxy
 * holder represents the seats they hold. Absent for asynchronous decisions, where only ballots count.
 */
public record Attendance(Set<Long> presentUserIds) {
  public Attendance {
    presentUserIds = Set.copyOf(presentUserIds);
  }

  public boolean isPresent(long userId) {
    return presentUserIds.contains(userId);
  }
}
