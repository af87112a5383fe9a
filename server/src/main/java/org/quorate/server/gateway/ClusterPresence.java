package org.quorate.server.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.quorate.protocol.ServerEvent;
import org.quorate.protocol.ServerEvent.PresenceChanged.Change;
import org.quorate.protocol.UserRef;
import org.quorate.server.rooms.RoomBus;

/**
 * Who is online in each room across every node. Each node counts its own connections
 * ({@link PresenceTracker}) and publishes each change on the (clustered) event bus, plus a heartbeat
 * with everything it has; every node keeps the same view and tells its own subscribers when a user
 * comes online in a room or goes. A node silent for {@code expireAfter} (killed, cut off) is dropped
 * from the view, and its users leave the rooms where no other node still has them.
 *
 * <p>Heartbeats carry the full state, so a lost or late change is corrected at the next one; versions
 * let a node ignore a change older than what it already applied.
 */
public final class ClusterPresence {
  static final String ADDRESS = "quorate.presence";

  private final Vertx vertx;
  private final RoomBus bus;
  private final PresenceTracker local = new PresenceTracker();
  private final String nodeId = UUID.randomUUID().toString();
  private final Duration heartbeat;
  private final Duration expireAfter;
  /** Guarded by this: what each node last said, this one included. */
  private final Map<String, NodeState> nodes = new HashMap<>();
  private MessageConsumer<JsonObject> consumer;
  private long timer = -1;

  private static final class NodeState {
    long version = -1;
    long heardAt = System.nanoTime();
    final Map<Long, Set<UserRef>> rooms = new HashMap<>();
  }

  public ClusterPresence(Vertx vertx, RoomBus bus, Duration heartbeat, Duration expireAfter) {
    this.vertx = vertx;
    this.bus = bus;
    this.heartbeat = heartbeat;
    this.expireAfter = expireAfter;
  }

  public io.vertx.core.Future<Void> start() {
    consumer = vertx.eventBus().consumer(ADDRESS, msg -> apply(msg.body()));
    timer = vertx.setPeriodic(heartbeat.toMillis(), t -> {
      publishHeartbeat();
      expireSilentNodes();
    });
    return consumer.completion().onSuccess(v -> publishHeartbeat());
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    if (consumer != null) {
      consumer.unregister();
    }
  }

  /** A connection of this node subscribed; returns who is online in the room, the user included. */
  public List<UserRef> join(long room, UserRef user) {
    long version = local.join(room, user);
    if (version >= 0) {
      vertx.eventBus().publish(ADDRESS, change(version, room, user, true));
    }
    List<UserRef> online = new ArrayList<>(online(room));
    if (online.stream().noneMatch(u -> u.id() == user.id())) {
      online.add(user);
    }
    online.sort(Comparator.comparing(UserRef::displayName));
    return online;
  }

  /** A connection of this node unsubscribed or closed. */
  public void leave(long room, UserRef user) {
    long version = local.leave(room, user);
    if (version >= 0) {
      vertx.eventBus().publish(ADDRESS, change(version, room, user, false));
    }
  }

  /** Everyone online in the room on any live node, once each, sorted by display name. */
  public synchronized List<UserRef> online(long room) {
    Map<Long, UserRef> byId = new LinkedHashMap<>();
    for (NodeState node : nodes.values()) {
      node.rooms.getOrDefault(room, Set.of()).forEach(u -> byId.putIfAbsent(u.id(), u));
    }
    return byId.values().stream().sorted(Comparator.comparing(UserRef::displayName)).toList();
  }

  private JsonObject change(long version, long room, UserRef user, boolean joined) {
    return new JsonObject().put("node", nodeId).put("v", version).put("room", room).put("user", user(user)).put("joined", joined);
  }

  private void publishHeartbeat() {
    PresenceTracker.Snapshot snapshot = local.snapshot();
    JsonObject rooms = new JsonObject();
    snapshot.rooms().forEach((room, users) -> rooms.put(Long.toString(room), new JsonArray(users.stream().map(ClusterPresence::user).toList())));
    vertx.eventBus().publish(ADDRESS, new JsonObject().put("node", nodeId).put("v", snapshot.version()).put("rooms", rooms));
  }

  private synchronized void apply(JsonObject msg) {
    NodeState node = nodes.computeIfAbsent(msg.getString("node"), n -> new NodeState());
    node.heardAt = System.nanoTime();
    long version = msg.getLong("v");
    JsonObject rooms = msg.getJsonObject("rooms");
    if (rooms != null) {
      if (version < node.version) {
        return;
      }
      node.version = version;
      Map<Long, Set<UserRef>> now = new HashMap<>();
      rooms.forEach(e -> {
        Set<UserRef> users = new HashSet<>();
        ((JsonArray) e.getValue()).forEach(u -> users.add(user((JsonObject) u)));
        now.put(Long.parseLong(e.getKey()), users);
      });
      replace(node, now);
      return;
    }
    if (version <= node.version) {
      return;
    }
    node.version = version;
    long room = msg.getLong("room");
    UserRef user = user(msg.getJsonObject("user"));
    boolean before = present(room, user);
    if (msg.getBoolean("joined")) {
      node.rooms.computeIfAbsent(room, r -> new HashSet<>()).add(user);
    } else {
      Set<UserRef> users = node.rooms.get(room);
      if (users != null && users.remove(user) && users.isEmpty()) {
        node.rooms.remove(room);
      }
    }
    announceIfChanged(room, user, before);
  }

  /** A heartbeat: the node's whole state replaces what we had for it, announcing the differences. */
  private void replace(NodeState node, Map<Long, Set<UserRef>> now) {
    Map<Long, Set<UserRef>> was = new HashMap<>(node.rooms);
    Map<Long, Set<UserRef>> touched = new HashMap<>();
    was.forEach((room, users) -> users.stream().filter(u -> !now.getOrDefault(room, Set.of()).contains(u))
        .forEach(u -> touched.computeIfAbsent(room, r -> new HashSet<>()).add(u)));
    now.forEach((room, users) -> users.stream().filter(u -> !was.getOrDefault(room, Set.of()).contains(u))
        .forEach(u -> touched.computeIfAbsent(room, r -> new HashSet<>()).add(u)));
    Map<Long, Map<UserRef, Boolean>> before = new HashMap<>();
    touched.forEach((room, users) -> users.forEach(u -> before.computeIfAbsent(room, r -> new HashMap<>()).put(u, present(room, u))));
    node.rooms.clear();
    node.rooms.putAll(now);
    before.forEach((room, users) -> users.forEach((u, b) -> announceIfChanged(room, u, b)));
  }

  private synchronized void expireSilentNodes() {
    long now = System.nanoTime();
    List<String> silent = nodes.entrySet().stream()
        .filter(e -> !e.getKey().equals(nodeId) && now - e.getValue().heardAt > expireAfter.toNanos()).map(Map.Entry::getKey).toList();
    for (String id : silent) {
      NodeState gone = nodes.get(id);
      replace(gone, Map.of());
      nodes.remove(id);
    }
  }

  private boolean present(long room, UserRef user) {
    return nodes.values().stream().anyMatch(n -> n.rooms.getOrDefault(room, Set.of()).contains(user));
  }

  /** Only this node's subscribers: every node announces the same change to its own. */
  private void announceIfChanged(long room, UserRef user, boolean before) {
    boolean after = present(room, user);
    if (before != after) {
      bus.publishLocalEphemeral(room, new ServerEvent.PresenceChanged(room, user, after ? Change.JOINED : Change.LEFT));
    }
  }

  private static JsonObject user(UserRef u) {
    return new JsonObject().put("id", u.id()).put("name", u.displayName());
  }

  private static UserRef user(JsonObject o) {
    return new UserRef(o.getLong("id"), o.getString("name"));
  }
}
