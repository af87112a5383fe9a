package org.quorate.server.decisions;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.quorate.protocol.ServerEvent;
import org.quorate.server.rooms.RoomBus;

/**
 * The live tally of each decision, sent to its room at most once per {@link #INTERVAL_MS} however
 * fast ballots arrive, and always once more after the last ballot (so a watcher's last
 * {@code decision_tally} is the final count). Each offer is made after its ballot committed and carries
 * the room seq of that ballot's event; a later seq replaces an earlier one still waiting, so a burst
 * of ballots costs each watcher a handful of tally frames instead of one per ballot. For a sealed
 * decision the event holds only what {@link DecisionWire#quoracy} allows before the close.
 */
final class TallyBroadcasts {
  static final long INTERVAL_MS = 150;

  private final RoomBus bus;
  private final Map<Long, Slot> slots = new ConcurrentHashMap<>();

  TallyBroadcasts(RoomBus bus) {
    this.bus = bus;
  }

  private static final class Slot {
    ServerEvent.DecisionTally waiting;
    long sentSeq;
    long sentAt;
    boolean timerSet;
  }

  /** After commit: the tally as of room seq {@code tally.throughSeq()}. */
  void offer(ServerEvent.DecisionTally tally) {
    Slot slot = slots.computeIfAbsent(tally.decisionId(), k -> new Slot());
    long delay;
    synchronized (slot) {
      if (tally.throughSeq() <= slot.sentSeq || (slot.waiting != null && tally.throughSeq() <= slot.waiting.throughSeq())) {
        return;
      }
      slot.waiting = tally;
      if (slot.timerSet) {
        return;
      }
      delay = slot.sentAt + INTERVAL_MS - System.currentTimeMillis();
      slot.timerSet = delay > 0;
    }
    Context context = Vertx.currentContext();
    if (delay > 0 && context != null) {
      context.owner().setTimer(delay, id -> flush(slot));
    } else {
      flush(slot);
    }
  }

  private void flush(Slot slot) {
    ServerEvent.DecisionTally send;
    synchronized (slot) {
      slot.timerSet = false;
      send = slot.waiting;
      slot.waiting = null;
      if (send == null) {
        return;
      }
      slot.sentSeq = send.throughSeq();
      slot.sentAt = System.currentTimeMillis();
    }
    bus.publishEphemeral(send.room(), send, -1);
  }

  /** The decision closed: its close event carries the final count; nothing more to coalesce. */
  void forget(long decisionId) {
    slots.remove(decisionId);
  }

  boolean holds(long decisionId) {
    return slots.containsKey(decisionId);
  }
}
