package org.quorate.server.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.quorate.server.rooms.RoomBus;

/**
 * This gateway's subscribers per room, with one event-bus consumer per room however many local
 * connections follow it. Lives on the gateway's event loop.
 */
final class LocalFanout {
  private final Vertx vertx;
  private final Map<Long, Set<Session>> sessions = new HashMap<>();
  private final Map<Long, MessageConsumer<String>> consumers = new HashMap<>();
  private final Map<Long, io.vertx.core.Future<Void>> registered = new HashMap<>();

  LocalFanout(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * Completes once the room's consumer is registered everywhere: on a clustered bus a publish from
   * another node reaches this one only after that, so a replay must not start before it.
   */
  io.vertx.core.Future<Void> join(long room, Session session) {
    sessions.computeIfAbsent(room, r -> {
      MessageConsumer<String> consumer = vertx.eventBus().consumer(RoomBus.roomAddress(r), msg -> deliver(r, msg));
      consumers.put(r, consumer);
      registered.put(r, consumer.completion());
      return new LinkedHashSet<>();
    }).add(session);
    return registered.get(room);
  }

  void leave(long room, Session session) {
    Set<Session> set = sessions.get(room);
    if (set != null && set.remove(session) && set.isEmpty()) {
      sessions.remove(room);
      registered.remove(room);
      MessageConsumer<String> consumer = consumers.remove(room);
      if (consumer != null) {
        consumer.unregister();
      }
    }
  }

  private void deliver(long room, Message<String> msg) {
    Set<Session> set = sessions.get(room);
    if (set == null) {
      return;
    }
    if (msg.headers().contains(RoomBus.ACCESS_HEADER)) {
      Set.copyOf(set).forEach(session -> session.recheckAccess(room));
      return;
    }
    String seq = msg.headers().get(RoomBus.SEQ_HEADER);
    String json = msg.body();
    if (seq != null) {
      long s = Long.parseLong(seq);
      for (Session session : Set.copyOf(set)) {
        session.onRoomEvent(room, s, json);
      }
    } else {
      String except = msg.headers().get("except");
      long exceptUser = except == null ? -1 : Long.parseLong(except);
      for (Session session : Set.copyOf(set)) {
        session.onEphemeral(room, json, exceptUser);
      }
    }
  }
}
