package org.quorate.server.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.quorate.server.rooms.RoomBus;

/**
 * This event loop's subscribers per room, with one event-bus consumer per room however many of
 * the loop's connections follow it. Each gateway (event loop) has its own, so an event is handed
 * to every loop once by the bus and then written by each loop to its own sockets, with its frame
 * encoded once per loop. Lives on the gateway's event loop: nothing here is shared between threads.
 */
final class LocalFanout {
  private static final Session[] NONE = new Session[0];

  private final Vertx vertx;
  private final Map<Long, Subscribers> rooms = new HashMap<>();

  /**
   * A room's local sessions as an array replaced on every join and leave: delivery, far more
   * frequent, iterates a snapshot without copying it, so a session leaving mid-delivery is harmless.
   */
  private static final class Subscribers {
    MessageConsumer<String> consumer;
    io.vertx.core.Future<Void> registered;
    Session[] sessions = NONE;
  }

  LocalFanout(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * Completes once the room's consumer is registered everywhere: on a clustered bus a publish from
   * another node reaches this one only after that, so a replay must not start before it.
   */
  io.vertx.core.Future<Void> join(long room, Session session) {
    Subscribers subs = rooms.get(room);
    if (subs == null) {
      subs = new Subscribers();
      rooms.put(room, subs);
      subs.consumer = vertx.eventBus().consumer(RoomBus.roomAddress(room), msg -> deliver(room, msg));
      subs.registered = subs.consumer.completion();
    }
    for (Session s : subs.sessions) {
      if (s == session) {
        return subs.registered;
      }
    }
    Session[] grown = Arrays.copyOf(subs.sessions, subs.sessions.length + 1);
    grown[grown.length - 1] = session;
    subs.sessions = grown;
    return subs.registered;
  }

  void leave(long room, Session session) {
    Subscribers subs = rooms.get(room);
    if (subs == null) {
      return;
    }
    Session[] now = subs.sessions;
    for (int i = 0; i < now.length; i++) {
      if (now[i] == session) {
        if (now.length == 1) {
          rooms.remove(room);
          subs.consumer.unregister();
          subs.sessions = NONE;
          return;
        }
        Session[] shrunk = new Session[now.length - 1];
        System.arraycopy(now, 0, shrunk, 0, i);
        System.arraycopy(now, i + 1, shrunk, i, now.length - i - 1);
        subs.sessions = shrunk;
        return;
      }
    }
  }

  private void deliver(long room, Message<String> msg) {
    Subscribers subs = rooms.get(room);
    if (subs == null) {
      return;
    }
    Session[] sessions = subs.sessions;
    if (msg.headers().contains(RoomBus.ACCESS_HEADER)) {
      for (Session session : sessions) {
        session.recheckAccess(room);
      }
      return;
    }
    String seq = msg.headers().get(RoomBus.SEQ_HEADER);
    Frame frame = Frame.of(msg.body());
    if (seq != null) {
      long s = Long.parseLong(seq);
      for (Session session : sessions) {
        session.onRoomEvent(room, s, frame);
      }
    } else {
      String except = msg.headers().get("except");
      long exceptUser = except == null ? -1 : Long.parseLong(except);
      for (Session session : sessions) {
        session.onEphemeral(room, frame, exceptUser);
      }
    }
  }
}
