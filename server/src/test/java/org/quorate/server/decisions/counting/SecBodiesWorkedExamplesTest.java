package org.quorate.server.decisions.counting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.server.decisions.counting.Choice.ABSTAIN;
import static org.quorate.server.decisions.counting.Choice.APPROVE;
import static org.quorate.server.decisions.counting.Choice.REJECT;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.quorate.server.decisions.Scenario;
import org.quorate.server.decisions.TestRules;

/**
 * Worked examples under each seeded SEC body's rules, as a table a Panel member can read: the story,
 * the outcome, and the words the explanation must contain. Includes, for every body, "exactly half"
 * under its comparison and a tie with or without the chair's casting vote.
 */
class SecBodiesWorkedExamplesTest {

  /** Six voting members, one per supplier/network/other category plus a second Large Supplier, and DCC and the Consumer Member. */
  private static Scenario committee(String body) {
    return Scenario.under(TestRules.seeded(body))
        .seat(1, "large_supplier").seat(2, "small_supplier").seat(3, "electricity_network").seat(4, "gas_network")
        .seat(5, "other_sec_party").seat(6, "large_supplier")
        .seat(7, "dcc").seat(8, "consumer_member");
  }

  /** The Change Board: two members from each supplier and network category, one Other SEC Party, the Consumer Member. */
  private static Scenario changeBoard() {
    return Scenario.under(TestRules.seeded("CHANGE_BOARD"))
        .seats("large_supplier", 2).seats("small_supplier", 2).seats("electricity_network", 2)
        .seats("gas_network", 2).seat(9, "other_sec_party").seat(10, "consumer_member");
  }

  /** A Change Board of eight voting members (no Other SEC Party member), so that exactly half is possible. */
  private static Scenario changeBoardOfEight() {
    return Scenario.under(TestRules.seeded("CHANGE_BOARD"))
        .seats("large_supplier", 2).seats("small_supplier", 2).seats("electricity_network", 2)
        .seats("gas_network", 2).seat(10, "consumer_member");
  }

  /** A Working Group of four Voting Groups, one of them with two members (seats 1 and 2). */
  private static Scenario workingGroup() {
    return Scenario.under(TestRules.seeded("WORKING_GROUP"))
        .seatInGroup(1, "large_supplier", 100).seatInGroup(2, "large_supplier", 100)
        .seat(3, "small_supplier").seat(4, "electricity_network").seat(5, "gas_network");
  }

  private static Arguments example(String body, String story, Supplier<Scenario> scenario, Outcome outcome,
      boolean isFinal, String explanationContains) {
    return Arguments.of(body, story, scenario, outcome, isFinal, explanationContains);
  }

  static Stream<Arguments> examples() {
    return Stream.of(
        example("PANEL", "exactly half voted: inquorate under more than half, reopened once",
            () -> committee("PANEL").votes(APPROVE, 1, 2, 3), Outcome.INQUORATE, true,
            "inquorate: 3 of 6 voting members voted (more than half required); reopened once for 5 more working days"),
        example("PANEL", "DCC and the Consumer Member's ballots are not counted",
            () -> committee("PANEL").votes(APPROVE, 1, 2, 5).votes(REJECT, 3, 7, 8), Outcome.CARRIED, true,
            "3 of 4 votes cast approve"),
        example("PANEL", "a 2-2 tie awaits the Panel Chair's casting vote",
            () -> committee("PANEL").votes(APPROVE, 1, 2).votes(REJECT, 3, 4), Outcome.NOT_CARRIED, false,
            "a tie, awaiting the chair's casting vote"),
        example("PANEL", "a 2-2 tie carried by the casting vote",
            () -> committee("PANEL").votes(APPROVE, 1, 2).votes(REJECT, 3, 4).castingVote(APPROVE), Outcome.CARRIED,
            true, "a tie, decided by the chair's casting vote to approve"),
        example("PANEL", "postal ballots make the meeting quorate",
            () -> committee("PANEL").postal(3, APPROVE).postal(4, REJECT).present(1, 2, 7, 8).votes(APPROVE, 1, 2),
            Outcome.CARRIED, true, "quorate: 4 of 6 voting members present or voted (more than half required);"
                + " postal ballots counted 2"),

        example("CHANGE_BOARD", "exactly half voted: quorate under at least half",
            () -> changeBoardOfEight().votes(APPROVE, 1, 3, 5).vote(7, REJECT), Outcome.CARRIED, true,
            "quorate: 4 of 8 voting members voted (at least half required)"),
        example("CHANGE_BOARD", "no network operator voted: inquorate, carried to the next meeting",
            () -> changeBoard().votes(APPROVE, 1, 2, 3, 4, 9), Outcome.INQUORATE, true,
            "Electricity Networks or Gas Networks 0 (at least 1 required); carried to the body's next meeting"),
        example("CHANGE_BOARD", "categories tied 2-2 and no casting vote: not carried",
            () -> changeBoard().votes(APPROVE, 1, 2, 5, 6).votes(REJECT, 3, 4, 7, 8).vote(9, ABSTAIN)
                .castingVote(APPROVE),
            Outcome.NOT_CARRIED, true, "a tie, and these rules give no casting vote, so not a majority"),
        example("CHANGE_BOARD", "three categories approve though most members reject",
            () -> changeBoard().vote(1, APPROVE).vote(2, ABSTAIN).vote(3, APPROVE).vote(4, ABSTAIN)
                .vote(5, APPROVE).vote(6, ABSTAIN).votes(REJECT, 7, 8, 9, 10),
            Outcome.CARRIED, true, "3 of 5 Party Categories reaching a majority approve"),

        example("CSC", "exactly half voted: quorate under at least half; a 2-1 majority",
            () -> committee("CSC").votes(APPROVE, 1, 2).vote(3, REJECT), Outcome.CARRIED, true,
            "quorate: 3 of 6 voting members voted (at least half required)"),
        example("CSC", "a tie rejected by the casting vote",
            () -> committee("CSC").vote(1, APPROVE).vote(2, REJECT).vote(3, ABSTAIN).castingVote(REJECT),
            Outcome.NOT_CARRIED, true, "a tie, decided by the chair's casting vote to reject"),

        example("TABASC", "inquorate: the votes cast stand provisionally",
            () -> committee("TABASC").votes(APPROVE, 1, 2), Outcome.INQUORATE, true,
            "stands provisionally as carried for 10 working days until ratified"),
        example("TABASC", "ballots on the unamended motion count as abstentions",
            () -> committee("TABASC").votes(REJECT, 1, 2).amend().votes(APPROVE, 3, 4), Outcome.CARRIED, true,
            "2 of 2 votes cast approve"),
        example("TABASC", "exactly half is inquorate under more than half even with a casting vote",
            () -> committee("TABASC").votes(APPROVE, 1, 2).vote(3, REJECT).castingVote(APPROVE), Outcome.INQUORATE,
            true, "inquorate: 3 of 6 voting members voted (more than half required)"),

        example("OPSG", "three of six is not an absolute majority, and OPSG gives no casting vote",
            () -> committee("OPSG").votes(APPROVE, 1, 2, 3).vote(4, REJECT), Outcome.NOT_CARRIED, true,
            "3 of 6 eligible voters approve (4 needed for an absolute majority of eligible voters); a tie, and these"
                + " rules give no casting vote"),
        example("OPSG", "four of six is an absolute majority",
            () -> committee("OPSG").votes(APPROVE, 1, 2, 3, 4), Outcome.CARRIED, true, "4 of 6 eligible voters approve"),
        example("OPSG", "inquorate after its one extension: the votes cast stand provisionally",
            () -> committee("OPSG").votes(REJECT, 1, 2).inquorateExtensionsUsed(1), Outcome.INQUORATE, true,
            "stands provisionally as not carried for 10 working days until ratified, after its one extension"),

        example("TAG", "abstentions do not make TAG quorate",
            () -> committee("TAG").votes(APPROVE, 1, 2).votes(ABSTAIN, 3, 4), Outcome.INQUORATE, true,
            "abstentions not counted towards quoracy 2"),
        example("TAG", "abstentions count against: exactly half in favour is a tie for the casting vote",
            () -> committee("TAG").votes(APPROVE, 1, 2, 3).vote(4, REJECT).votes(ABSTAIN, 5, 6), Outcome.NOT_CARRIED,
            false, "3 of 6 votes cast approve (4 needed for a simple majority of votes cast); abstentions count as"
                + " votes cast; a tie, awaiting the chair's casting vote"),
        example("TAG", "the casting vote carries that tie",
            () -> committee("TAG").votes(APPROVE, 1, 2, 3).vote(4, REJECT).votes(ABSTAIN, 5, 6).castingVote(APPROVE),
            Outcome.CARRIED, true, "decided by the chair's casting vote to approve"),

        example("SSC", "postal ballots do not count towards SSC quoracy",
            () -> committee("SSC").present(1, 2).votes(APPROVE, 1, 2).postal(3, APPROVE).postal(4, APPROVE),
            Outcome.INQUORATE, true, "inquorate: 2 of 6 voting members present or voted (more than half required);"
                + " postal ballots not counted towards quoracy 2"),
        example("SSC", "four present carry it 3-1",
            () -> committee("SSC").present(1, 2, 3, 4).votes(APPROVE, 1, 2, 3).vote(4, REJECT), Outcome.CARRIED, true,
            "quorate: 4 of 6 voting members present or voted"),

        example("SMKI_PMA", "four of six is two-thirds",
            () -> committee("SMKI_PMA").votes(APPROVE, 1, 2, 3, 4).votes(REJECT, 5, 6), Outcome.CARRIED, true,
            "4 of 6 votes cast approve (4 needed for at least two-thirds of votes cast)"),
        example("SMKI_PMA", "three of five is short of two-thirds",
            () -> committee("SMKI_PMA").votes(APPROVE, 1, 2, 3).votes(REJECT, 4, 5), Outcome.NOT_CARRIED, true,
            "3 of 5 votes cast approve (4 needed for at least two-thirds of votes cast)"),

        example("WORKING_GROUP", "two members of one Voting Group count once",
            () -> workingGroup().vote(1, APPROVE).vote(2, APPROVE).vote(3, REJECT), Outcome.INQUORATE, true,
            "inquorate: 2 of 4 Voting Groups voted (at least 3 required); reopened once for 5 more working days"),
        example("WORKING_GROUP", "three Voting Groups are a quorum; the group's last ballot counts",
            () -> workingGroup().vote(1, REJECT).vote(2, APPROVE).vote(3, APPROVE).vote(4, REJECT), Outcome.CARRIED,
            true, "2 of 3 votes cast approve"),
        example("WORKING_GROUP", "a 2-2 tie with no casting vote is not carried",
            () -> workingGroup().vote(1, APPROVE).vote(3, APPROVE).votes(REJECT, 4, 5), Outcome.NOT_CARRIED, true,
            "a tie, and these rules give no casting vote"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("examples")
  void workedExample(String body, String story, Supplier<Scenario> scenario, Outcome outcome, boolean isFinal,
      String explanationContains) {
    DecisionResult result = scenario.get().result();
    assertThat(result.rules()).isEqualTo(TestRules.seeded(body).reference());
    assertThat(result.explanation()).contains(explanationContains);
    assertThat(result.outcome()).as(result.explanation()).isEqualTo(outcome);
    assertThat(result.isFinal()).as(result.explanation()).isEqualTo(isFinal);
  }
}
