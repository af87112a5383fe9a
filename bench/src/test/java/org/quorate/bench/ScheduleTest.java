package org.quorate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScheduleTest {
  @Test
  void aScheduleSpacesSendsEvenlyAtItsRateWhateverTheServerDoes() {
    Schedule s = new Schedule(1_000, 2_000_000_000L);
    assertThat(s.count()).isEqualTo(2_000);
    assertThat(s.offsetNanos(0)).isZero();
    assertThat(s.offsetNanos(1)).isEqualTo(1_000_000);
    assertThat(s.offsetNanos(1_999)).isEqualTo(1_999_000_000L);
  }

  @Test
  void sendsThatFellDueWhileTheGeneratorWasStalledAreAllDueAtOnceWithTheirOriginalTimes() {
    Schedule s = new Schedule(300, 1_000_000_000L);
    assertThat(s.dueBy(-5)).isZero();
    assertThat(s.dueBy(0)).isEqualTo(1);
    // a 100 ms stall: 30 sends are due, the 31st at exactly 100 ms as well
    assertThat(s.dueBy(99_999_999)).isEqualTo(30);
    assertThat(s.dueBy(100_000_000)).isEqualTo(31);
    assertThat(s.offsetNanos(30)).isEqualTo(100_000_000);
    assertThat(s.dueBy(10_000_000_000L)).isEqualTo(s.count());
  }

  @Test
  void everyIndexIsDueExactlyFromItsOwnOffsetForAnOddRate() {
    Schedule s = new Schedule(7.3, 5_000_000_000L);
    for (long i = 0; i < s.count(); i++) {
      assertThat(s.dueBy(s.offsetNanos(i))).isEqualTo(i + 1);
      assertThat(s.dueBy(s.offsetNanos(i) - 1)).isEqualTo(i);
    }
  }

  @Test
  void aRateOfZeroIsRefused() {
    assertThatThrownBy(() -> new Schedule(0, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
