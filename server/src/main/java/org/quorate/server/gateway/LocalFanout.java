package org.quorate.server.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.quorate.server.rooms.RoomBus;
import org.quorate.server.rooms.RoomService;

/**
 * This event loop's subscribers per room, with one event-bus consumer per room however many of
 * the loop's connections follow it. Each gateway (event loop) has its own, so an event is handed
 * to every loop once by the bus and then written by each loop to its own sockets, with its frame
 * encoded once per loop. Lives on the gateway's event loop: nothing here is shared between threads.
 *
 * <p>The consumers are local: the node's one cluster-wide consumer ({@link RoomBus#relay}) hands
 * them every room's events, so joining a room never waits on, or races, the cluster's registry.
 *
 * <p>A bus may still lose an event (a peer connection that drops, a node that has not yet learned
 * of another), and a lost last event would leave its room silent until the next. So every
 * {@code check} the loop compares its rooms with the store's high-water marks: a room whose
 * sessions are still short of a seq the store had committed one check earlier is filled from the
 * store, once for the loop, through the sessions' cursors, which drop what they already have.
 */
final class LocalFanout {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LocalFanout.class);
  private static final Session[] NONE = new Session[0];
  @SuppressWarnings("unchecked")
  private static final RoomCursor<Frame>[] NO_CURSORS = new RoomCursor[0];
  /** A fill reads at most this many events; a session further behind is beyond live repair anyway. */
  static final int MAX_FILL = 1_000;

  private final Vertx vertx;
  private final RoomService store;
  private final Duration check;
  private final Map<Long, Subscribers> rooms = new HashMap<>();
  private io.vertx.core.Context context;
  private boolean checking;

  /**
   * A room's local sessions, each beside its cursor in the room, as arrays replaced together on
   * every join and leave: delivery, far more frequent, iterates a snapshot without copying it, so a
   * session leaving mid-delivery is harmless, and never looks a session's room up again.
   */
  private static final class Subscribers {
    MessageConsumer<String> consumer;
    Session[] sessions = NONE;
    RoomCursor<Frame>[] cursors = NO_CURSORS;
    /** The room's last seq in the store at the previous check: committed at least one check ago. */
    long committed = -1;
  }

  LocalFanout(Vertx vertx, RoomService store, Duration check) {
    this.vertx = vertx;
    this.store = store;
    this.check = check;
  }

  /** Starts the high-water check on the calling (gateway's) event loop. */
  void start() {
    context = vertx.getOrCreateContext();
    vertx.setPeriodic(check.toMillis(), t -> checkHighWater());
  }

  /**
   * The room's consumer is local, so it is in place when this returns: a live event published after
   * now reaches the session through {@code cursor} (buffered there until its replay ends). A session
   * that joins again (a new subscribe) has its cursor replaced.
   */
  Future<Void> join(long room, Session session, RoomCursor<Frame> cursor) {
    Subscribers subs = rooms.get(room);
    if (subs == null) {
      Subscribers created = new Subscribers();
      subs = created;
      rooms.put(room, subs);
      subs.consumer = vertx.eventBus().localConsumer(RoomBus.roomAddress(room), msg -> deliver(room, created, msg));
    }
    Session[] now = subs.sessions;
    for (int i = 0; i < now.length; i++) {
      if (now[i] == session) {
        RoomCursor<Frame>[] replaced = subs.cursors.clone();
        replaced[i] = cursor;
        subs.cursors = replaced;
        return Future.succeededFuture();
      }
    }
    Session[] grown = Arrays.copyOf(now, now.length + 1);
    grown[now.length] = session;
    RoomCursor<Frame>[] grownCursors = Arrays.copyOf(subs.cursors, now.length + 1);
    grownCursors[now.length] = cursor;
    // Assigned together: nothing runs between them on this loop.
    subs.sessions = grown;
    subs.cursors = grownCursors;
    return Future.succeededFuture();
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
          subs.cursors = NO_CURSORS;
          return;
        }
        subs.sessions = without(now, i);
        subs.cursors = without(subs.cursors, i);
        return;
      }
    }
  }

  private static <T> T[] without(T[] from, int i) {
    T[] out = Arrays.copyOf(from, from.length - 1);
    System.arraycopy(from, i + 1, out, i, from.length - i - 1);
    return out;
  }

  /** {@code subs} is the room's entry this consumer was registered for (emptied when the room's last session left). */
  private void deliver(long room, Subscribers subs, Message<String> msg) {
    Session[] sessions = subs.sessions;
    if (sessions.length == 0) {
      return;
    }
    if (msg.headers().contains(RoomBus.ACCESS_HEADER)) {
      for (Session session : sessions) {
        session.recheckAccess(room);
      }
      return;
    }
    String seq = msg.headers().get(RoomBus.SEQ_HEADER);
    Frame frame = Frame.of(msg.body());
    if (seq != null) {
      deliver(subs, room, Long.parseLong(seq), frame);
    } else {
      String except = msg.headers().get("except");
      long exceptUser = except == null ? -1 : Long.parseLong(except);
      for (Session session : sessions) {
        session.onEphemeral(frame, exceptUser);
      }
    }
  }

  private static void deliver(Subscribers subs, long room, long seq, Frame frame) {
    Session[] sessions = subs.sessions;
    RoomCursor<Frame>[] cursors = subs.cursors;
    for (int i = 0; i < sessions.length; i++) {
      sessions[i].onRoomEvent(room, cursors[i], seq, frame);
    }
  }

  /** One store read per check for all of the loop's rooms; at most one check in flight. */
  private void checkHighWater() {
    if (checking || rooms.isEmpty()) {
      return;
    }
    checking = true;
    List<Long> ids = new ArrayList<>(rooms.keySet());
    // Store answers are brought back to this loop: everything here is the loop's alone.
    store.lastSeqs(ids).onComplete(ar -> context.runOnContext(v -> {
      checking = false;
      if (ar.failed()) {
        // A busy or unreachable store: the next check tries again.
        return;
      }
      ar.result().forEach((room, last) -> {
        Subscribers subs = rooms.get(room);
        if (subs == null) {
          return;
        }
        long committed = subs.committed;
        subs.committed = last;
        if (committed > 0) {
          fillUpTo(room, subs, committed);
        }
      });
    }));
  }

  /** Reads what the furthest-behind live session lacks up to {@code committed} and offers it to all. */
  private void fillUpTo(long room, Subscribers subs, long committed) {
    long from = Long.MAX_VALUE;
    // A cursor still replaying reports nothing missing: its replay reads the store anyway.
    for (RoomCursor<Frame> cursor : subs.cursors) {
      if (!cursor.replaying()) {
        from = Math.min(from, cursor.delivered());
      }
    }
    if (from >= committed) {
      return;
    }
    long start = Math.max(from, committed - MAX_FILL);
    store.gap(room, start, committed).onSuccess(events -> context.runOnContext(v -> {
      Subscribers now = rooms.get(room);
      if (now == null) {
        return;
      }
      if (!events.isEmpty()) {
        // The bus lost or has long delayed these: worth an operator's notice if it recurs.
        LOG.info("room {}: seq {} to {} filled from the store; the bus had not delivered them within {} ms", room,
            events.get(0).seq(), events.get(events.size() - 1).seq(), check.toMillis());
      }
      for (var e : events) {
        deliver(now, room, e.seq(), Frame.of(e.json()));
      }
    }));
  }
}
