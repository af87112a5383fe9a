package org.quorate.server.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quorate.server.decisions.rules.RulesCatalogue;
import org.quorate.server.meetings.Quoracy;
import org.quorate.server.meetings.RegisterSnapshot;
import org.quorate.server.meetings.RegisterSnapshot.SeatPresence;

class RulesQuoracyProbeTest {
  private static final RulesCatalogue RULES = RulesCatalogue.loadDefaults();
  private final RulesQuoracyProbe probe = new RulesQuoracyProbe(RULES);

  /** The demo Change Board: seat holder id to Party Category; the Consumer Member (10) is recorded as voting. */
  private static final Map<Long, String> BOARD = Map.of(1L, "large_supplier", 2L, "large_supplier", 3L, "small_supplier",
      4L, "small_supplier", 5L, "electricity_network", 6L, "electricity_network", 7L, "gas_network", 8L, "gas_network",
      9L, "other_sec_party", 10L, "consumer_member");

  private static RegisterSnapshot board(String code, Set<Long> present, Map<Long, Long> alternates) {
    List<SeatPresence> seats = new ArrayList<>();
    for (long id = 1; id <= 10; id++) {
      Long alternate = alternates.get(id);
      String as = present.contains(id) ? "member" : alternate != null ? "alternate" : null;
      Long filledBy = present.contains(id) ? Long.valueOf(id) : alternate;
      seats.add(new SeatPresence(id, "Member " + id, "Seat", id, id, BOARD.get(id), true, as, filledBy));
    }
    return new RegisterSnapshot(1, code, code, seats);
  }

  @Test
  void atLeastHalfOfTheChangeBoardWithSuppliersAndNetworksPresentIsQuorate() {
    Quoracy q = probe.assess(board("CHANGE_BOARD", Set.of(1L, 3L, 5L, 7L, 9L), Map.of()));
    assertThat(q.quorate()).isTrue();
    assertThat(q.present()).isEqualTo(5);
    assertThat(q.base()).isEqualTo(9);
    assertThat(q.required()).isEqualTo(5);
    assertThat(q.explanation()).startsWith("quorate: 5 of 9 voting members present (at least half required);");
    assertThat(q.rule()).isEqualTo("CHANGE_BOARD v1: " + RULES.current("CHANGE_BOARD", "CHANGE_BOARD").quorum().clause());
  }

  @Test
  void enoughMembersWithoutANetworkOperatorAreInquorateAndTheExplanationSaysWhoIsNeeded() {
    Quoracy q = probe.assess(board("CHANGE_BOARD", Set.of(1L, 2L, 3L, 4L, 9L), Map.of()));
    assertThat(q.quorate()).isFalse();
    assertThat(q.present()).isEqualTo(5);
    assertThat(q.explanation()).startsWith("inquorate: 5 of 9 voting members present (at least half required);")
        .contains("needs 1 more, at least one from");
  }

  @Test
  void theConsumerMemberNeverCountsEvenWhenRecordedAsVoting() {
    Quoracy without = probe.assess(board("CHANGE_BOARD", Set.of(1L, 3L, 5L, 7L), Map.of()));
    Quoracy with = probe.assess(board("CHANGE_BOARD", Set.of(1L, 3L, 5L, 7L, 10L), Map.of()));
    assertThat(with).isEqualTo(without);
    assertThat(with.quorate()).isFalse();
  }

  @Test
  void anAlternateFillingASeatCountsWhereTheRulesCountProxiesAndNotWhereTheyDoNot() {
    Quoracy changeBoard = probe.assess(board("CHANGE_BOARD", Set.of(1L, 3L, 5L, 7L), Map.of(9L, 50L)));
    assertThat(changeBoard.quorate()).isTrue();
    assertThat(changeBoard.explanation()).contains("proxies counted 1");
    Quoracy ssc = probe.assess(board("SSC", Set.of(1L, 3L, 5L, 7L), Map.of(9L, 50L)));
    assertThat(ssc.present()).isEqualTo(4);
    assertThat(ssc.explanation()).contains("proxies not counted towards quoracy 1");
  }

  @Test
  void seatsTheRulesCannotCountAreReportedNotThrown() {
    List<SeatPresence> seats = List.of(new SeatPresence(1, "Member 1", "Seat", 1L, null, "large_supplier", true, "member", 1L));
    Quoracy q = probe.assess(new RegisterSnapshot(1, "WG_NEW", "WORKING_GROUP", seats));
    assertThat(q.quorate()).isFalse();
    assertThat(q.explanation()).startsWith("quoracy cannot be judged: ").contains("Voting Group");
  }

  @Test
  void aBodyWithoutRulesIsNeverReportedQuorate() {
    Quoracy q = probe.assess(board("NO_SUCH_BODY", Set.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), Map.of()));
    assertThat(q.quorate()).isFalse();
    assertThat(q.explanation()).contains("no decision rules for NO_SUCH_BODY");
  }
}
