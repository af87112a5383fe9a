package org.quorate.server.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One connection's position in one room. Delivers committed events strictly in sequence: events
 * that arrive early (publication order can differ from commit order) wait here until the gap
 * before them is filled, live or from the store. The common case, the next event arriving next,
 * passes straight through {@link #next(long)} without being stored; the waiting map exists only
 * while something waits.
 *
 * @param <F> an encoded frame
 */
final class RoomCursor<F> {
  private long delivered;
  private boolean replaying = true;
  /** Re-checks of access in progress: while any is, nothing is delivered. */
  private int holds;
  private TreeMap<Long, F> waiting;

  RoomCursor(long delivered) {
    this.delivered = delivered;
  }

  long delivered() {
    return delivered;
  }

  boolean replaying() {
    return replaying;
  }

  /**
   * True, and the cursor moves on, when {@code seq} is exactly the next event and may go out now;
   * false when it must be {@link #offer offered} instead (early, late, or delivery held).
   */
  boolean next(long seq) {
    if (seq == delivered + 1 && !replaying && holds == 0 && (waiting == null || waiting.isEmpty())) {
      delivered = seq;
      return true;
    }
    return false;
  }

  /** Accepts one event; returns the frames now deliverable in order (possibly none). */
  List<F> offer(long seq, F frame) {
    // While replaying, the resume point may itself be wrong (resync), so hold everything until it is known.
    if (!replaying && seq <= delivered) {
      return List.of();
    }
    if (waiting == null) {
      waiting = new TreeMap<>();
    }
    waiting.put(seq, frame);
    return replaying || holds > 0 ? List.of() : drain();
  }

  /**
   * The client now holds everything up to {@code upTo} (replayed events, or a resync snapshot that
   * replaces a resume point the server could not serve); live events buffered meanwhile follow.
   */
  List<F> replayed(long upTo) {
    delivered = upTo;
    replaying = false;
    if (waiting != null) {
      waiting.headMap(delivered, true).clear();
    }
    return holds > 0 ? List.of() : drain();
  }

  /** Access is being re-checked: events wait here until {@link #release()}, or are dropped with the cursor. */
  void hold() {
    holds++;
  }

  /** One re-check confirmed access; returns the frames now deliverable. */
  List<F> release() {
    holds = Math.max(0, holds - 1);
    return replaying || holds > 0 ? List.of() : drain();
  }

  boolean hasGap() {
    return waiting != null && !waiting.isEmpty() && waiting.firstKey() > delivered + 1;
  }

  long firstWaiting() {
    return waiting.firstKey();
  }

  private List<F> drain() {
    if (waiting == null) {
      return List.of();
    }
    List<F> out = new ArrayList<>();
    while (!waiting.isEmpty() && waiting.firstKey() == delivered + 1) {
      Map.Entry<Long, F> next = waiting.pollFirstEntry();
      out.add(next.getValue());
      delivered = next.getKey();
    }
    if (waiting.isEmpty()) {
      waiting = null;
    }
    return out;
  }
}
