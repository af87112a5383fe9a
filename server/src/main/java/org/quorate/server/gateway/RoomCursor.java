package org.quorate.server.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One connection's position in one room. Delivers committed events strictly in sequence: events
 * that arrive early (publication order can differ from commit order) wait here until the gap
 * before them is filled, live or from the store.
 */
final class RoomCursor {
  private long delivered;
  private boolean replaying = true;
  /** Re-checks of access in progress: while any is, nothing is delivered. */
  private int holds;
  private final TreeMap<Long, String> waiting = new TreeMap<>();

  RoomCursor(long delivered) {
    this.delivered = delivered;
  }

  long delivered() {
    return delivered;
  }

  boolean replaying() {
    return replaying;
  }

  /** Accepts one event; returns the frames now deliverable in order (possibly none). */
  List<String> offer(long seq, String json) {
    // While replaying, the resume point may itself be wrong (resync), so hold everything until it is known.
    if (!replaying && seq <= delivered) {
      return List.of();
    }
    waiting.put(seq, json);
    return replaying || holds > 0 ? List.of() : drain();
  }

  /**
   * The client now holds everything up to {@code upTo} (replayed events, or a resync snapshot that
   * replaces a resume point the server could not serve); live events buffered meanwhile follow.
   */
  List<String> replayed(long upTo) {
    delivered = upTo;
    replaying = false;
    waiting.headMap(delivered, true).clear();
    return holds > 0 ? List.of() : drain();
  }

  /** Access is being re-checked: events wait here until {@link #release()}, or are dropped with the cursor. */
  void hold() {
    holds++;
  }

  /** One re-check confirmed access; returns the frames now deliverable. */
  List<String> release() {
    holds = Math.max(0, holds - 1);
    return replaying || holds > 0 ? List.of() : drain();
  }

  boolean hasGap() {
    return !waiting.isEmpty() && waiting.firstKey() > delivered + 1;
  }

  long firstWaiting() {
    return waiting.firstKey();
  }

  private List<String> drain() {
    List<String> out = new ArrayList<>();
    while (!waiting.isEmpty() && waiting.firstKey() == delivered + 1) {
      Map.Entry<Long, String> next = waiting.pollFirstEntry();
      out.add(next.getValue());
      delivered = next.getKey();
    }
    return out;
  }
}
