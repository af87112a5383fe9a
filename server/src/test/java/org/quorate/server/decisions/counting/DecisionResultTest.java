package org.quorate.server.decisions.counting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.server.decisions.counting.Choice.APPROVE;
import static org.quorate.server.decisions.counting.Choice.REJECT;

import org.junit.jupiter.api.Test;
import org.quorate.server.decisions.Scenario;
import org.quorate.server.decisions.TestRules;
import org.quorate.server.decisions.rules.BodyRules;
import org.quorate.server.decisions.rules.InquorateRule;

class DecisionResultTest {
  private static final BodyRules PANEL = TestRules.panel();

  @Test
  void aQuorateMajorityIsCarriedWithTheTallyTheRuleAndTheRulesVersion() {
    DecisionResult result = Scenario.under(PANEL).seats("large_supplier", 2).seats("gas_network", 3)
        .votes(APPROVE, 1, 3, 4).vote(2, REJECT).result();
    assertThat(result.outcome()).isEqualTo(Outcome.CARRIED);
    assertThat(result.rules()).isEqualTo("PANEL v1");
    assertThat(result.tally().approve()).isEqualTo(3);
    assertThat(result.tally().reject()).isEqualTo(1);
    assertThat(result.tally().notVoted()).isEqualTo(1);
    assertThat(result.tally().byCategory()).extracting(Tally.CategoryTally::name, Tally.CategoryTally::approve,
            Tally.CategoryTally::reject)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Large Suppliers", 1, 1),
            org.assertj.core.groups.Tuple.tuple("Gas Networks", 2, 0));
    assertThat(result.followUp()).isNull();
    assertThat(result.isFinal()).isTrue();
    assertThat(result.explanation()).isEqualTo("carried — 3 of 4 votes cast approve (3 needed for a simple majority of"
        + " votes cast); abstentions not counted as votes cast; quorate: 4 of 5 voting members voted (more than half"
        + " required) [rules PANEL v1]");
  }

  @Test
  void anInquorateResultUnderExtendOnceIsReopenedTheFirstTimeAndCarriedForwardTheSecond() {
    Scenario scenario = Scenario.under(PANEL).seats("large_supplier", 5).votes(APPROVE, 1, 2);
    DecisionResult first = scenario.result();
    assertThat(first.outcome()).isEqualTo(Outcome.INQUORATE);
    assertThat(first.followUp().action()).isEqualTo(InquorateFollowUp.Action.EXTEND);
    assertThat(first.followUp().workingDays()).isEqualTo(5);
    assertThat(first.explanation()).contains("; reopened once for 5 more working days");
    DecisionResult second = scenario.inquorateExtensionsUsed(1).result();
    assertThat(second.followUp().action()).isEqualTo(InquorateFollowUp.Action.CARRY_TO_NEXT_MEETING);
    assertThat(second.explanation()).contains("carried to the body's next meeting after its one extension");
  }

  @Test
  void anInquorateResultCanStandProvisionallyWithWhatTheVotesCastWouldHaveDecided() {
    BodyRules provisional = TestRules.withInquorate(PANEL,
        new InquorateRule("test", InquorateRule.Action.STAND_PROVISIONALLY, null, 10, null));
    DecisionResult result = Scenario.under(provisional).seats("large_supplier", 5).votes(APPROVE, 1, 2).result();
    assertThat(result.outcome()).isEqualTo(Outcome.INQUORATE);
    assertThat(result.followUp().action()).isEqualTo(InquorateFollowUp.Action.STAND_PROVISIONALLY);
    assertThat(result.followUp().provisionalOutcome()).isEqualTo(Outcome.CARRIED);
    assertThat(result.followUp().sentence()).isEqualTo("stands provisionally as carried for 10 working days until ratified");
  }

  @Test
  void aQuorateTieAwaitingTheCastingVoteIsNotFinal() {
    DecisionResult result = Scenario.under(PANEL).seats("large_supplier", 4).votes(APPROVE, 1, 2).votes(REJECT, 3, 4)
        .result();
    assertThat(result.isFinal()).isFalse();
    assertThat(result.outcome()).isEqualTo(Outcome.NOT_CARRIED);
    assertThat(result.explanation()).contains("awaiting the chair's casting vote").contains("(provisional)");
  }

  @Test
  void anInquorateTieIsFinalBecauseNoCastingVoteCanMakeItQuorate() {
    DecisionResult result = Scenario.under(PANEL).seats("large_supplier", 6).vote(1, APPROVE).vote(2, REJECT).result();
    assertThat(result.outcome()).isEqualTo(Outcome.INQUORATE);
    assertThat(result.isFinal()).isTrue();
  }

  @Test
  void everyBallotEntryIsAccountedForInTheResult() {
    DecisionResult result = Scenario.under(PANEL).seats("large_supplier", 3).vote(1, APPROVE).vote(1, REJECT)
        .vote(2, APPROVE).withdraw(2).vote(3, APPROVE).result();
    assertThat(result.ballots()).extracting(BallotDisposition::status).containsExactly(
        BallotDisposition.Status.SUPERSEDED, BallotDisposition.Status.COUNTED, BallotDisposition.Status.SUPERSEDED,
        BallotDisposition.Status.WITHDRAWN, BallotDisposition.Status.COUNTED);
  }

  @Test
  void aResultSerialisesToSnakeCaseJsonForTheRestApiAndTheRoom() throws Exception {
    DecisionResult result = Scenario.under(PANEL).seats("large_supplier", 2).votes(APPROVE, 1, 2).result();
    com.fasterxml.jackson.databind.JsonNode json =
        org.quorate.server.http.Jackson.JSON.valueToTree(result);
    assertThat(json.get("outcome").asText()).isEqualTo("carried");
    assertThat(json.get("quoracy").get("comparison").asText()).isEqualTo("more_than");
    assertThat(json.get("quoracy").get("forecast").get("still_needed").asInt()).isZero();
    assertThat(json.get("majority").get("tie_break").asText()).isEqualTo("none");
    assertThat(json.get("majority").get("kind").asText()).isEqualTo("simple_majority");
    assertThat(json.get("ballots").get(0).get("status").asText()).isEqualTo("counted");
    assertThat(json.get("ballots").get(0).get("ballot").get("choice").asText()).isEqualTo("approve");
  }
}
