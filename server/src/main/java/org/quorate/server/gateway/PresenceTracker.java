package org.quorate.server.gateway;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.quorate.protocol.UserRef;

/**
 * Who is online in each room on this node, counting a user's several connections once. Shared by
 * every gateway instance of the node; each change gets the next version, so the other nodes can tell
 * a late message from a current one ({@link ClusterPresence}).
 */
public final class PresenceTracker {
  private final Map<Long, Map<UserRef, Integer>> byRoom = new HashMap<>();
  private long version;

  /** What this node has, as of a version. */
  public record Snapshot(long version, Map<Long, List<UserRef>> rooms) {}

  /** The new version when this made the user newly present in the room, else -1. */
  public synchronized long join(long room, UserRef user) {
    Map<UserRef, Integer> users = byRoom.computeIfAbsent(room, r -> new HashMap<>());
    return users.merge(user, 1, Integer::sum) == 1 ? ++version : -1;
  }

  /** The new version when this was the user's last connection in the room, else -1. */
  public synchronized long leave(long room, UserRef user) {
    Map<UserRef, Integer> users = byRoom.get(room);
    if (users == null || !users.containsKey(user)) {
      return -1;
    }
    if (users.merge(user, -1, Integer::sum) > 0) {
      return -1;
    }
    users.remove(user);
    if (users.isEmpty()) {
      byRoom.remove(room);
    }
    return ++version;
  }

  public synchronized List<UserRef> online(long room) {
    Map<UserRef, Integer> users = byRoom.get(room);
    return users == null ? List.of() : List.copyOf(users.keySet());
  }

  public synchronized Snapshot snapshot() {
    Map<Long, List<UserRef>> rooms = new HashMap<>();
    byRoom.forEach((room, users) -> rooms.put(room, List.copyOf(users.keySet())));
    return new Snapshot(version, rooms);
  }
}
