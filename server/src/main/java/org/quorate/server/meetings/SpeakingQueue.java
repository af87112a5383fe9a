package org.quorate.server.meetings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.quorate.server.domain.DomainException;

/**
 * The order in which the chair will give the floor. Pure and immutable: every change returns a new
 * queue. A point of order goes to the top, behind any earlier points of order (they are heard in
 * the order raised); every other hand joins at the end. Each member has at most one hand up.
 */
public final class SpeakingQueue {

  /** One raised hand. */
  public record Entry(long requestId, long userId, boolean pointOfOrder, Instant raisedAt) {}

  private final List<Entry> entries;

  private SpeakingQueue(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static SpeakingQueue empty() {
    return new SpeakingQueue(List.of());
  }

  /** A queue already in speaking order (as stored). */
  public static SpeakingQueue of(List<Entry> inSpeakingOrder) {
    Set<Long> users = new HashSet<>();
    for (Entry e : inSpeakingOrder) {
      if (!users.add(e.userId())) {
        throw new IllegalArgumentException("user " + e.userId() + " has two hands up");
      }
    }
    return new SpeakingQueue(inSpeakingOrder);
  }

  public List<Entry> entries() {
    return entries;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** This member's waiting hand, if any. */
  public Optional<Entry> entryOf(long userId) {
    return entries.stream().filter(e -> e.userId() == userId).findFirst();
  }

  /** Who speaks next, if anyone is waiting. */
  public Optional<Entry> head() {
    return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(0));
  }

  public boolean contains(long userId) {
    return positionOf(userId).isPresent();
  }

  /** 1-based place in the queue. */
  public OptionalInt positionOf(long userId) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).userId() == userId) {
        return OptionalInt.of(i + 1);
      }
    }
    return OptionalInt.empty();
  }

  public SpeakingQueue raise(Entry hand) {
    if (contains(hand.userId())) {
      throw DomainException.conflict("your hand is already raised");
    }
    List<Entry> next = new ArrayList<>(entries);
    if (hand.pointOfOrder()) {
      int at = 0;
      while (at < next.size() && next.get(at).pointOfOrder()) {
        at++;
      }
      next.add(at, hand);
    } else {
      next.add(hand);
    }
    return new SpeakingQueue(next);
  }

  public SpeakingQueue lower(long userId) {
    if (!contains(userId)) {
      throw DomainException.conflict("no raised hand to lower");
    }
    return without(userId);
  }

  /**
   * The chair's reorder: moves a waiting member to {@code position} (1 = next; beyond the end means
   * last). Chairs may put anyone anywhere, points of order included; the reason is recorded elsewhere.
   */
  public SpeakingQueue moveTo(long userId, int position) {
    if (position < 1) {
      throw DomainException.invalid("position", "must be at least 1");
    }
    Entry moving = entryOf(userId).orElseThrow(() -> DomainException.conflict("user " + userId + " is not waiting to speak"));
    List<Entry> next = new ArrayList<>(entries);
    next.remove(moving);
    next.add(Math.min(position, next.size() + 1) - 1, moving);
    return new SpeakingQueue(next);
  }

  /** The queue without this member's hand (given the floor, left, removed); unchanged if absent. */
  public SpeakingQueue without(long userId) {
    return new SpeakingQueue(entries.stream().filter(e -> e.userId() != userId).toList());
  }
}
