package org.quorate.server.decisions.admission;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.quorate.server.decisions.TestRules;
import org.quorate.server.domain.DomainException;

class AsynchronousAdmissionTest {

  @Test
  void theChangeBoardDecidesAsynchronouslyOnlyOnItemsAlreadyDiscussedAtAMeeting() {
    assertThatThrownBy(() -> AsynchronousAdmission.check(TestRules.seeded("CHANGE_BOARD"), false))
        .isInstanceOf(DomainException.class).hasMessageContaining("only on items already discussed at a meeting");
    assertThatCode(() -> AsynchronousAdmission.check(TestRules.seeded("CHANGE_BOARD"), true)).doesNotThrowAnyException();
  }

  @Test
  void thePanelMayDecideAsynchronouslyOnAnyItem() {
    assertThatCode(() -> AsynchronousAdmission.check(TestRules.panel(), false)).doesNotThrowAnyException();
  }
}
