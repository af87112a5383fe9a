package org.quorate.server.gateway;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.quorate.protocol.UserRef;

/**
 * Who is online in each room on this node, counting a user's several connections once. Shared by
 * every gateway instance of the node.
 */
public final class PresenceTracker {
  private final Map<Long, Map<UserRef, Integer>> byRoom = new ConcurrentHashMap<>();

  /** Returns true when this made the user newly present in the room. */
  public boolean join(long room, UserRef user) {
    Map<UserRef, Integer> users = byRoom.computeIfAbsent(room, r -> new ConcurrentHashMap<>());
    return users.merge(user, 1, Integer::sum) == 1;
  }

  /** Returns true when this was the user's last connection in the room. */
  public boolean leave(long room, UserRef user) {
    Map<UserRef, Integer> users = byRoom.get(room);
    if (users == null) {
      return false;
    }
    Integer left = users.computeIfPresent(user, (u, n) -> n > 1 ? n - 1 : null);
    return left == null;
  }

  public List<UserRef> online(long room) {
    Map<UserRef, Integer> users = byRoom.get(room);
    return users == null ? List.of() : users.keySet().stream()
        .sorted(java.util.Comparator.comparing(UserRef::displayName)).toList();
  }
}
