package org.quorate.server.meetings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.quorate.protocol.ErrorCode;
import org.quorate.server.domain.DomainException;

class SpeakingQueueTest {
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

  private static SpeakingQueue.Entry hand(long user, boolean pointOfOrder) {
    return new SpeakingQueue.Entry(user * 10, user, pointOfOrder, T.plusSeconds(user));
  }

  private static List<Long> users(SpeakingQueue q) {
    return q.entries().stream().map(SpeakingQueue.Entry::userId).toList();
  }

  @Test
  void handsAreHeardInTheOrderTheyWereRaised() {
    SpeakingQueue q = SpeakingQueue.empty().raise(hand(1, false)).raise(hand(2, false)).raise(hand(3, false));
    assertThat(users(q)).containsExactly(1L, 2L, 3L);
    assertThat(q.head()).map(SpeakingQueue.Entry::userId).contains(1L);
    assertThat(q.positionOf(3)).hasValue(3);
  }

  @Test
  void aPointOfOrderGoesToTheTopBehindEarlierPointsOfOrder() {
    SpeakingQueue q = SpeakingQueue.empty().raise(hand(1, false)).raise(hand(2, false))
        .raise(hand(3, true)).raise(hand(4, false)).raise(hand(5, true));
    assertThat(users(q)).containsExactly(3L, 5L, 1L, 2L, 4L);
  }

  @Test
  void aMemberCannotHaveTwoHandsUp() {
    SpeakingQueue q = SpeakingQueue.empty().raise(hand(1, false));
    assertThatThrownBy(() -> q.raise(hand(1, true)))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    assertThatThrownBy(() -> SpeakingQueue.of(List.of(hand(1, false), hand(1, true)))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void loweringRemovesOnlyThatHandAndKeepsTheOrder() {
    SpeakingQueue q = SpeakingQueue.empty().raise(hand(1, false)).raise(hand(2, false)).raise(hand(3, false)).lower(2);
    assertThat(users(q)).containsExactly(1L, 3L);
    assertThatThrownBy(() -> q.lower(2))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
  }

  @Test
  void theChairMovesOneMemberAndEveryoneElseKeepsTheirRelativeOrder() {
    SpeakingQueue q = SpeakingQueue.empty().raise(hand(1, false)).raise(hand(2, false)).raise(hand(3, false)).raise(hand(4, false));
    assertThat(users(q.moveTo(4, 1))).containsExactly(4L, 1L, 2L, 3L);
    assertThat(users(q.moveTo(1, 3))).containsExactly(2L, 3L, 1L, 4L);
    assertThat(users(q.moveTo(2, 99))).containsExactly(1L, 3L, 4L, 2L);
    assertThatThrownBy(() -> q.moveTo(9, 1))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    assertThatThrownBy(() -> q.moveTo(1, 0))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID));
  }

  @Test
  void givingTheFloorTakesTheHandOutOfTheQueueAndAnAbsentHandIsNoChange() {
    SpeakingQueue q = SpeakingQueue.empty().raise(hand(1, false)).raise(hand(2, false));
    assertThat(users(q.without(1))).containsExactly(2L);
    assertThat(users(q.without(7))).containsExactly(1L, 2L);
    assertThat(SpeakingQueue.empty().head()).isEmpty();
  }

  /** Whatever the order of raises and lowers: points of order first, each group in raise order, one hand each. */
  @Property
  void pointsOfOrderAlwaysPrecedeOtherHandsAndEachGroupKeepsRaiseOrder(@ForAll @Size(max = 40) List<@net.jqwik.api.constraints.IntRange(min = -8, max = 8) Integer> moves) {
    SpeakingQueue q = SpeakingQueue.empty();
    List<Long> raisedOrder = new ArrayList<>();
    for (int move : moves) {
      long user = Math.abs(move) + 1;
      if (move >= 0 && !q.contains(user)) {
        q = q.raise(hand(user, move % 3 == 0));
        raisedOrder.remove(user);
        raisedOrder.add(user);
      } else if (move < 0 && q.contains(user)) {
        q = q.lower(user);
      }
    }
    List<SpeakingQueue.Entry> entries = q.entries();
    assertThat(entries.stream().map(SpeakingQueue.Entry::userId).distinct().count()).isEqualTo(entries.size());
    boolean seenOrdinary = false;
    for (SpeakingQueue.Entry e : entries) {
      if (!e.pointOfOrder()) {
        seenOrdinary = true;
      }
      assertThat(e.pointOfOrder() && seenOrdinary).as("a point of order behind an ordinary hand").isFalse();
    }
    for (boolean pointOfOrder : new boolean[] {true, false}) {
      List<Long> group = entries.stream().filter(e -> e.pointOfOrder() == pointOfOrder).map(SpeakingQueue.Entry::userId).toList();
      List<Long> expected = raisedOrder.stream().filter(group::contains).toList();
      assertThat(group).isEqualTo(expected);
    }
  }
}
