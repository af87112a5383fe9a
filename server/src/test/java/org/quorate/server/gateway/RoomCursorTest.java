package org.quorate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoomCursorTest {

  @Test
  void liveEventsArrivingDuringTheReplayAreHeldThenReleasedWithoutDuplicates() {
    RoomCursor<String> cursor = new RoomCursor<>(3);
    assertThat(cursor.offer(5, "e5")).isEmpty();
    assertThat(cursor.offer(6, "e6")).isEmpty();
    // the replay sent 4 and 5 from the store
    assertThat(cursor.replayed(5)).containsExactly("e6");
    assertThat(cursor.offer(6, "e6 again")).isEmpty();
  }

  @Test
  void anEventThatOvertakesAnEarlierOneWaitsForIt() {
    RoomCursor<String> cursor = new RoomCursor<>(0);
    cursor.replayed(10);
    assertThat(cursor.offer(12, "e12")).isEmpty();
    assertThat(cursor.hasGap()).isTrue();
    assertThat(cursor.firstWaiting()).isEqualTo(12);
    assertThat(cursor.offer(11, "e11")).containsExactly("e11", "e12");
    assertThat(cursor.hasGap()).isFalse();
    assertThat(cursor.delivered()).isEqualTo(12);
  }

  @Test
  void aResyncSnapshotMovesTheCursorBackToTheRoomsRealPosition() {
    RoomCursor<String> cursor = new RoomCursor<>(500); // a resume point the server never issued
    assertThat(cursor.offer(8, "e8")).isEmpty();
    assertThat(cursor.replayed(7)).containsExactly("e8");
  }

  @Test
  void whileAccessIsReCheckedNothingIsDeliveredAndEachCheckMustConfirmItFirst() {
    RoomCursor<String> cursor = new RoomCursor<>(0);
    cursor.replayed(2);
    cursor.hold();
    cursor.hold(); // a room-level and a user-level re-check at once
    assertThat(cursor.offer(3, "e3")).isEmpty();
    assertThat(cursor.release()).isEmpty();
    assertThat(cursor.offer(4, "e4")).isEmpty();
    assertThat(cursor.release()).containsExactly("e3", "e4");
    assertThat(cursor.offer(5, "e5")).containsExactly("e5");
  }

  @Test
  void aReplayThatFinishesDuringAReCheckWaitsForIt() {
    RoomCursor<String> cursor = new RoomCursor<>(0);
    cursor.hold();
    assertThat(cursor.offer(2, "e2")).isEmpty();
    assertThat(cursor.replayed(1)).isEmpty();
    assertThat(cursor.release()).containsExactly("e2");
  }

  @Test
  void theNextEventPassesStraightThroughButNeverPastOneThatWaitsOrAHold() {
    RoomCursor<String> cursor = new RoomCursor<>(0);
    assertThat(cursor.next(1)).as("while replaying everything waits").isFalse();
    cursor.replayed(4);
    assertThat(cursor.next(5)).isTrue();
    assertThat(cursor.next(5)).as("a duplicate").isFalse();
    assertThat(cursor.offer(5, "e5 again")).isEmpty();
    assertThat(cursor.next(7)).isFalse();
    assertThat(cursor.offer(7, "e7")).isEmpty();
    assertThat(cursor.next(6)).as("e6 goes out with e7, in order").isFalse();
    assertThat(cursor.offer(6, "e6")).containsExactly("e6", "e7");
    cursor.hold();
    assertThat(cursor.next(8)).isFalse();
    assertThat(cursor.offer(8, "e8")).isEmpty();
    assertThat(cursor.release()).containsExactly("e8");
    assertThat(cursor.next(9)).isTrue();
    assertThat(cursor.delivered()).isEqualTo(9);
  }
}
