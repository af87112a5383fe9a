package org.quorate.server.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** A SEC Panel decision taken asynchronously in the Modification's room, end to end. */
@DemoServer
class AsynchronousDecisionIT {
  static TestServer server;
  static long room;

  @BeforeAll
  static void start() {
    for (JsonNode r : server.as("admin").get("/api/rooms").json()) {
      if ("MP215".equals(r.path("modification_id").asText())) {
        room = r.get("id").asLong();
      }
    }
  }

  static WsClient connect(String user) {
    return WsClient.connect(server.port(), server.as(user).token());
  }

  static Map<String, Object> open(String visibility, Instant closesAt) {
    Map<String, Object> cmd = new HashMap<>(Map.of("type", "open_decision", "body", "PANEL", "modification_id", "MP215",
        "question", "Should MP215 be approved?", "kind", "asynchronous", "visibility", visibility));
    cmd.put("closes_at", closesAt.toString());
    cmd.put("reasons_required", true);
    return cmd;
  }

  static long openedDecision(WsClient moderator, Map<String, Object> cmd) {
    JsonNode ack = moderator.request(cmd);
    assertThat(WsClient.type(ack)).as(ack.toString()).isEqualTo("ack");
    return ack.get("message_id").asLong();
  }

  static JsonNode vote(WsClient voter, long decision, String choice, String reason) {
    return voter.request(Map.of("type", "cast_ballot", "decision_id", decision, "choice", choice, "reason", reason,
        "objectives", List.of("a", "d")));
  }

  @Test
  void openBallotsAndReasonsAreVisibleAsCastAndTheResultReachesTheRegister() {
    try (WsClient secas = connect("secas"); WsClient alice = connect("alice"); WsClient kate = connect("kate");
        WsClient eric = connect("eric"); WsClient gary = connect("gary"); WsClient oscar = connect("oscar")) {
      alice.subscribe(room, null);
      long decision = openedDecision(secas, open("open", Instant.now().plusSeconds(3600)));
      alice.await(n -> WsClient.type(n).equals("decision_opened") && n.get("decision_id").asLong() == decision);

      assertThat(WsClient.type(vote(kate, decision, "approve", "Clarifies Affiliates for small suppliers"))).isEqualTo("ack");
      JsonNode seen = alice.await(n -> WsClient.type(n).equals("ballot_cast") && n.get("decision_id").asLong() == decision);
      assertThat(seen.at("/ballot/reason").asText()).isEqualTo("Clarifies Affiliates for small suppliers");
      assertThat(seen.at("/ballot/choice").asText()).isEqualTo("approve");
      assertThat(seen.at("/tally/approve").asInt()).isEqualTo(1);
      assertThat(seen.at("/quoracy/sentence").asText()).isNotBlank();

      vote(alice, decision, "approve", "Consistent with objective (d)");
      vote(eric, decision, "reject", "Network impact not assessed");
      vote(gary, decision, "approve", "No gas impact");
      vote(oscar, decision, "abstain", "Neutral");

      JsonNode closed = secas.request(Map.of("type", "change_decision", "decision_id", decision, "change", "close",
          "reason", "All categories have voted"));
      assertThat(WsClient.type(closed)).as(closed.toString()).isEqualTo("ack");
      JsonNode result = alice.await(n -> WsClient.type(n).equals("decision_closed") && n.get("decision_id").asLong() == decision);
      assertThat(result.get("outcome").asText()).isIn("carried", "not_carried", "inquorate");
      assertThat(result.get("ballots")).hasSize(5);

      // Rory represents a Party outside the Panel: he reads MP215's Green room, so its register too.
      JsonNode register = server.as("rep").get("/api/modifications/MP215/register").json();
      assertThat(register.toString()).contains("Network impact not assessed").contains(result.get("outcome").asText());
      String csv = server.as("rep").get("/api/modifications/MP215/register.csv").body();
      assertThat(csv).startsWith("decision_id,item,body").contains("Network impact not assessed").contains("Eric");
    }
  }

  @Test
  void sealedBallotsReachNoOtherClientOrReplyBeforeTheClose() {
    try (WsClient secas = connect("secas"); WsClient alice = connect("alice"); WsClient kate = connect("kate");
        WsClient eric = connect("eric"); WsClient gary = connect("gary"); WsClient oscar = connect("oscar")) {
      alice.subscribe(room, null);
      long decision = openedDecision(secas, open("sealed", Instant.now().plusSeconds(3600)));
      vote(kate, decision, "reject", "secret reasoning kappa");
      vote(eric, decision, "approve", "sealed eric");
      vote(gary, decision, "approve", "sealed gary");
      vote(oscar, decision, "approve", "sealed oscar");
      JsonNode received = alice.await(n -> WsClient.type(n).equals("ballot_received") && n.get("decision_id").asLong() == decision
          && n.get("ballots_received").asInt() == 4);
      assertThat(received.at("/quoracy/sealed").asBoolean()).isTrue();
      assertThat(received.at("/quoracy/ballots_received").asInt()).isEqualTo(4);
      assertThat(received.at("/quoracy/quorate").isNull()).as("quoracy is counted at the close").isTrue();
      assertThat(received.toString()).doesNotContain("kappa").doesNotContain("reject");
      JsonNode asAlice = server.as("alice").get("/api/decisions/" + decision).json();
      assertThat(asAlice.toString()).doesNotContain("kappa");
      assertThat(asAlice.get("tally").isNull()).isTrue();
      JsonNode asKate = server.as("kate").get("/api/decisions/" + decision).json();
      assertThat(asKate.at("/my_ballot/reason").asText()).isEqualTo("secret reasoning kappa");
      assertThat(server.as("alice").get("/api/modifications/MP215/register.csv").body()).doesNotContain("kappa");

      secas.request(Map.of("type", "change_decision", "decision_id", decision, "change", "close", "reason", "done"));
      JsonNode closed = alice.await(n -> WsClient.type(n).equals("decision_closed") && n.get("decision_id").asLong() == decision);
      assertThat(closed.toString()).contains("kappa");
    }
  }

  @Test
  void refusalsAreTypedAndChangeNothing() {
    try (WsClient secas = connect("secas"); WsClient kate = connect("kate"); WsClient alice = connect("alice");
        WsClient connie = connect("connie"); WsClient observer = connect("observer")) {
      long decision = openedDecision(secas, open("open", Instant.now().plusSeconds(3600)));
      assertThat(vote(observer, decision, "approve", "not a member").get("code").asText()).isEqualTo("not_authorised");
      assertThat(vote(connie, decision, "approve", "consumer seat").get("code").asText()).isEqualTo("not_authorised");
      assertThat(alice.request(Map.of("type", "cast_ballot", "decision_id", decision, "choice", "approve")).get("field").asText())
          .isEqualTo("reason");
      assertThat(kate.request(Map.of("type", "change_decision", "decision_id", decision, "change", "extend", "reason", "more time",
          "closes_in_working_days", 5)).get("code").asText()).isEqualTo("not_authorised");
      assertThat(kate.request(Map.of("type", "change_decision", "decision_id", decision, "change", "close", "reason", "now"))
          .get("code").asText()).isEqualTo("not_authorised");
      assertThat(kate.request(Map.of("type", "change_decision", "decision_id", decision, "change", "cancel", "reason", "no"))
          .get("code").asText()).isEqualTo("not_authorised");
      JsonNode view = server.as("secas").get("/api/decisions/" + decision).json();
      assertThat(view.get("ballots")).isEmpty();
      assertThat(view.get("status").asText()).isEqualTo("open");
    }
  }

  @Test
  void aBallotAfterTheClosingTimeIsRefusedEvenBeforeAnyTimerCloses() {
    ClosingScheduler closing = server.server().features().closing();
    closing.stop();
    // A pass already under way when the timer stopped could still close the decision once it is due.
    closing.tick().await();
    try (WsClient secas = connect("secas"); WsClient kate = connect("kate"); WsClient alice = connect("alice")) {
      // Long enough for a loaded machine to open the decision and take Kate's ballot before the close.
      long decision = openedDecision(secas, open("open", Instant.now().plusSeconds(5)));
      assertThat(WsClient.type(vote(kate, decision, "approve", "in time"))).isEqualTo("ack");
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
          .until(() -> !server.as("alice").get("/api/decisions/" + decision).json().get("can_vote").asBoolean());
      JsonNode late = vote(alice, decision, "reject", "too late");
      assertThat(late.get("code").asText()).isEqualTo("decision_closed");
      JsonNode view = server.as("secas").get("/api/decisions/" + decision).json();
      assertThat(view.get("status").asText()).as("no timer has closed it").isEqualTo("open");
      assertThat(view.get("ballots")).hasSize(1);
      assertThat(view.toString()).doesNotContain("too late");
    } finally {
      server.server().features().closing().start(java.time.Duration.ofSeconds(1));
    }
  }

  @Test
  void anInquorateDecisionAtItsClosingTimeIsReopenedOnceAsThePanelRulesSay() {
    try (WsClient secas = connect("secas"); WsClient alice = connect("alice")) {
      alice.subscribe(room, null);
      // Long enough for a loaded machine to open it before its closing time (an earlier one is refused).
      long decision = openedDecision(secas, open("open", Instant.now().plusSeconds(3)));
      JsonNode reopened = alice.await(n -> WsClient.type(n).equals("decision_changed") && n.get("decision_id").asLong() == decision);
      assertThat(reopened.get("change").asText()).isEqualTo("reopened_inquorate");
      assertThat(reopened.get("reason").asText()).contains("5 more working days");
      assertThat(Instant.parse(reopened.get("closes_at").asText())).isAfter(Instant.now().plus(java.time.Duration.ofDays(4)));
      assertThat(server.as("alice").get("/api/decisions/" + decision).json().get("status").asText()).isEqualTo("open");
    }
  }

  @Test
  void aFinalInquorateResultSaysWhatFollowsInItsEventAndInTheRestViewAlike() {
    try (WsClient secas = connect("secas"); WsClient alice = connect("alice")) {
      alice.subscribe(room, null);
      long decision = openedDecision(secas, open("open", Instant.now().plusSeconds(3600)));
      assertThat(server.as("alice").get("/api/decisions/" + decision).json().get("follow_up").isNull()).isTrue();
      Map<String, Object> close = Map.of("type", "change_decision", "decision_id", decision, "change", "close", "reason", "nobody voted");
      secas.request(close);
      alice.await(n -> WsClient.type(n).equals("decision_changed") && n.get("decision_id").asLong() == decision);
      assertThat(server.as("alice").get("/api/decisions/" + decision).json().get("follow_up").isNull())
          .as("reopened, so nothing follows yet").isTrue();
      secas.request(Map.of("type", "change_decision", "decision_id", decision, "change", "close", "reason", "still nobody"));
      JsonNode closed = alice.await(n -> WsClient.type(n).equals("decision_closed") && n.get("decision_id").asLong() == decision);
      assertThat(closed.get("outcome").asText()).isEqualTo("inquorate");
      assertThat(closed.get("follow_up").asText()).contains("next meeting");
      JsonNode view = server.as("alice").get("/api/decisions/" + decision).json();
      assertThat(view.get("follow_up").asText()).isEqualTo(closed.get("follow_up").asText());
    }
  }

  @Test
  void votersWhoHaveNotVotedAreRemindedOnceBeforeTheCloseAndVotersAreNot() {
    // Only this test's reminder passes run: a timed pass between the opening and Kate's ballot would
    // rightly remind her, as she had not voted yet. Waiting for a pass drains one under way.
    ClosingScheduler closing = server.server().features().closing();
    closing.stop();
    closing.tick().await();
    try (WsClient secas = connect("secas"); WsClient kate = connect("kate"); WsClient arthur = connect("arthur")) {
      long decision = openedDecision(secas, open("open", Instant.now().plusSeconds(3600)));
      vote(kate, decision, "approve", "early voter");
      server.server().features().closing().remindNow().await();
      JsonNode reminder = arthur.await(n -> "ballot_reminder".equals(n.path("kind").asText()) && n.path("message_id").asLong() == decision);
      assertThat(reminder.get("excerpt").asText()).contains("needs");
      // A later ballot proves the scheduler has run again since; still exactly one reminder each.
      server.server().features().closing().remindNow().await();
      server.server().features().closing().remindNow().await();
      assertThat(arthur.received().stream().filter(n -> "ballot_reminder".equals(n.path("kind").asText())
          && n.path("message_id").asLong() == decision)).hasSize(1);
      assertThat(kate.received().stream().filter(n -> "ballot_reminder".equals(n.path("kind").asText())
          && n.path("message_id").asLong() == decision)).isEmpty();
    } finally {
      closing.start(java.time.Duration.ofSeconds(1));
    }
  }

  @Test
  void restDecisionWritesAreTheProtocolCommandsWithoutTypeOrId() {
    var secas = server.as("secas");
    Map<String, Object> open = Map.of("body", "PANEL", "modification_id", "MP215",
        "question", "Should MP215 go to the Change Board?", "kind", "asynchronous", "closes_in_working_days", 3);
    var opened = secas.post("/api/decisions", open, Map.of("Idempotency-Key", "open-mp215-rest"));
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    long decision = opened.json().get("decision_id").asLong();
    var retried = secas.post("/api/decisions", open, Map.of("Idempotency-Key", "open-mp215-rest"));
    assertThat(retried.json().get("duplicate").asBoolean()).as(retried.body()).isTrue();
    assertThat(retried.json().get("decision_id").asLong()).isEqualTo(decision);

    var cast = server.as("kate").post("/api/decisions/" + decision + "/ballots", Map.of("choice", "approve",
        "reason", "Ready for the Change Board", "objectives", List.of("c")));
    assertThat(cast.status()).as(cast.body()).isEqualTo(200);
    var arthur = server.as("arthur");
    assertThat(arthur.post("/api/decisions/" + decision + "/ballots", Map.of("choice", "reject", "reason", "Not yet")).status()).isEqualTo(200);
    var withdrawn = arthur.post("/api/decisions/" + decision + "/withdrawals", "{}");
    assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
    assertThat(secas.get("/api/decisions/" + decision).json().at("/tally/reject").asInt()).isZero();
    assertThat(arthur.post("/api/decisions/" + decision + "/withdrawals", "{}").json().get("error").asText()).isEqualTo("conflict");
    var closed = secas.post("/api/decisions/" + decision + "/changes", Map.of("change", "cancel", "reason", "Sent by the Panel meeting instead"));
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);

    JsonNode view = secas.get("/api/decisions/" + decision).json();
    assertThat(view.get("status").asText()).isEqualTo("cancelled");
    assertThat(view.at("/ballots/0/reason").asText()).isEqualTo("Ready for the Change Board");
  }

  @Test
  void aQuestionWithItsOwnOptionsIsDecidedByTheMostBallotsOnceQuorate() {
    try (WsClient secas = connect("secas"); WsClient alice = connect("alice"); WsClient kate = connect("kate");
        WsClient eric = connect("eric"); WsClient gary = connect("gary"); WsClient oscar = connect("oscar")) {
      alice.subscribe(room, null);
      Map<String, Object> cmd = open("open", Instant.now().plusSeconds(3600));
      cmd.put("question", "Which date for the MP215 workshop?");
      cmd.put("options", List.of("Tuesday 12 January", "Thursday 14 January"));
      long decision = openedDecision(secas, cmd);
      JsonNode opened = alice.await(n -> WsClient.type(n).equals("decision_opened") && n.get("decision_id").asLong() == decision);
      assertThat(opened.get("options").toString()).contains("Thursday 14 January");

      assertThat(vote(oscar, decision, "approve", "not an option").get("field").asText()).isEqualTo("choice");
      vote(kate, decision, "Thursday 14 January", "Avoids the Monday release");
      vote(alice, decision, "Tuesday 12 January", "Earlier is better");
      vote(eric, decision, "Thursday 14 January", "Network staff free");
      vote(gary, decision, "Thursday 14 January", "Either; Thursday preferred");
      JsonNode seen = alice.await(n -> WsClient.type(n).equals("ballot_cast") && n.get("decision_id").asLong() == decision
          && n.at("/ballot/voter/display_name").asText().startsWith("Gary"));
      assertThat(seen.at("/ballot/choice").asText()).isEqualTo("Thursday 14 January");
      assertThat(seen.at("/tally/by_option/1/votes").asInt()).isEqualTo(3);

      secas.request(Map.of("type", "change_decision", "decision_id", decision, "change", "close", "reason", "Enough to decide"));
      JsonNode closed = alice.await(n -> WsClient.type(n).equals("decision_closed") && n.get("decision_id").asLong() == decision);
      assertThat(closed.get("outcome").asText()).isEqualTo("carried");
      assertThat(closed.get("explanation").asText()).startsWith("decided: Thursday 14 January — most ballots (3 of 4)");
      assertThat(server.as("rep").get("/api/modifications/MP215/register.csv").body()).contains("Tuesday 12 January");

      Map<String, Object> postal = open("open", Instant.now().plusSeconds(3600));
      postal.put("kind", "postal");
      postal.put("meeting_id", 1);
      postal.put("options", List.of("A", "B"));
      assertThat(secas.request(postal).get("field").asText()).isIn("options", "meeting_id");
    }
  }
}
