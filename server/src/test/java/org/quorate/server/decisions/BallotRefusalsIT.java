package org.quorate.server.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** Ballots refused with typed errors that change nothing: Voting Groups, proxies, recusals, amendments. */
@DemoServer
class BallotRefusalsIT {
  static TestServer server;
  static long workingGroup;
  static long panel;

  @BeforeAll
  static void start() {
    ApiClient admin = server.as("admin");
    for (JsonNode b : admin.get("/api/bodies").json()) {
      if (b.get("code").asText().equals("WG_MP210")) {
        workingGroup = b.get("id").asLong();
      }
      if (b.get("code").asText().equals("PANEL")) {
        panel = b.get("id").asLong();
      }
    }
    // rep represents Northwind Retail, in the same Voting Group as alice's Northwind Energy Supply.
    JsonNode rep = user(admin, "rep");
    admin.post("/api/bodies/" + workingGroup + "/members", Map.of("user_id", rep.get("id").asLong(), "seat", "Working Group Member",
        "voting", true, "party_id", rep.get("party_id").asLong()));
  }

  static JsonNode user(ApiClient admin, String username) {
    for (JsonNode u : admin.get("/api/users").json()) {
      if (u.get("username").asText().equals(username)) {
        return u;
      }
    }
    throw new AssertionError(username);
  }

  static WsClient connect(String user) {
    return WsClient.connect(server.port(), server.as(user).token());
  }

  static long open(WsClient secas, String body) {
    Map<String, Object> cmd = new HashMap<>(Map.of("type", "open_decision", "body", body, "modification_id", "MP210",
        "question", "Recommend MP210?", "kind", "asynchronous"));
    cmd.put("closes_at", Instant.now().plusSeconds(3600).toString());
    JsonNode ack = secas.request(cmd);
    assertThat(WsClient.type(ack)).as(ack.toString()).isEqualTo("ack");
    return ack.get("message_id").asLong();
  }

  static JsonNode vote(WsClient c, long decision, String choice) {
    return c.request(Map.of("type", "cast_ballot", "decision_id", decision, "choice", choice, "reason", "because"));
  }

  static int storedBallots(long decision) {
    return server.as("secas").get("/api/decisions/" + decision).json().get("ballots").size();
  }

  @Test
  void aSecondMemberOfAVotingGroupThatHasVotedIsRefused() {
    try (WsClient secas = connect("secas"); WsClient alice = connect("alice"); WsClient rep = connect("rep")) {
      long decision = open(secas, "WG_MP210");
      assertThat(WsClient.type(vote(alice, decision, "approve"))).isEqualTo("ack");
      JsonNode refused = vote(rep, decision, "reject");
      assertThat(refused.get("code").asText()).isEqualTo("conflict");
      assertThat(refused.get("message").asText()).contains("Voting Group");
      assertThat(storedBallots(decision)).isEqualTo(1);
      assertThat(server.as("secas").get("/api/decisions/" + decision).json().at("/tally/reject").asInt()).isZero();
    }
  }

  @Test
  void aPrincipalWhoseProxyIsActiveCannotAlsoVoteAndIsToldHowTheProxyVoted() {
    long eric = user(server.as("admin"), "eric").get("id").asLong();
    long penny = user(server.as("admin"), "penny").get("id").asLong();
    ApiClient.Response appointed = server.as("eric").post("/api/bodies/" + panel + "/proxies",
        Map.of("principal_id", eric, "proxy_id", penny, "scope", "period"));
    assertThat(appointed.status()).as(appointed.body()).isEqualTo(201);
    try (WsClient secas = connect("secas"); WsClient ericWs = connect("eric"); WsClient pennyWs = connect("penny")) {
      long decision = open(secas, "PANEL");
      JsonNode refused = vote(ericWs, decision, "approve");
      assertThat(refused.get("code").asText()).isEqualTo("not_authorised");
      assertThat(refused.get("message").asText()).contains("proxy");
      assertThat(storedBallots(decision)).isZero();

      JsonNode byProxy = pennyWs.request(Map.of("type", "cast_ballot", "decision_id", decision, "choice", "reject",
          "reason", "as instructed by Eric", "on_behalf_of", eric));
      assertThat(WsClient.type(byProxy)).as(byProxy.toString()).isEqualTo("ack");
      JsonNode told = ericWs.await(n -> "proxy_voted".equals(n.path("kind").asText()));
      assertThat(told.get("excerpt").asText()).contains("reject");
      assertThat(told.get("message_id").asLong()).isEqualTo(decision);
      JsonNode view = server.as("secas").get("/api/decisions/" + decision).json();
      assertThat(view.at("/ballots/0/voter/id").asLong()).isEqualTo(eric);
      assertThat(view.at("/ballots/0/cast_by/id").asLong()).isEqualTo(penny);
    } finally {
      for (JsonNode p : server.as("secas").get("/api/bodies/" + panel + "/proxies").json()) {
        if (p.get("revoked_at").isNull()) {
          server.as("secas").delete("/api/proxies/" + p.get("id").asLong());
        }
      }
    }
  }

  @Test
  void aRecusedMemberLeavesTheElectorateAndCannotVote() {
    try (WsClient secas = connect("secas"); WsClient gary = connect("gary")) {
      long decision = open(secas, "PANEL");
      int before = server.as("secas").get("/api/decisions/" + decision).json().at("/quoracy/base").asInt();
      long garyId = user(server.as("admin"), "gary").get("id").asLong();
      JsonNode recused = gary.request(Map.of("type", "recuse", "decision_id", decision, "user_id", garyId,
          "reason", "Southern Gas is the proposer's contractor"));
      assertThat(WsClient.type(recused)).as(recused.toString()).isEqualTo("ack");
      assertThat(vote(gary, decision, "approve").get("code").asText()).isEqualTo("not_authorised");
      assertThat(server.as("secas").get("/api/decisions/" + decision).json().at("/quoracy/base").asInt()).isEqualTo(before - 1);
    }
  }

  @Test
  void aBallotOnAnAmendedMotionMustNameTheCurrentVersion() {
    try (WsClient secas = connect("secas"); WsClient kate = connect("kate")) {
      long decision = open(secas, "PANEL");
      assertThat(WsClient.type(vote(kate, decision, "approve"))).isEqualTo("ack");
      JsonNode amended = secas.request(Map.of("type", "change_decision", "decision_id", decision, "change", "amend",
          "reason", "Working Group asked for a narrower scope", "motion_text", "Recommend MP210 for firmware only"));
      assertThat(WsClient.type(amended)).as(amended.toString()).isEqualTo("ack");
      kate.await(n -> "motion_amended".equals(n.path("kind").asText()));
      JsonNode stale = kate.request(Map.of("type", "cast_ballot", "decision_id", decision, "choice", "reject", "reason", "x",
          "motion_version", 1));
      assertThat(stale.get("code").asText()).isEqualTo("conflict");
      JsonNode current = kate.request(Map.of("type", "cast_ballot", "decision_id", decision, "choice", "reject", "reason", "x",
          "motion_version", 2));
      assertThat(WsClient.type(current)).isEqualTo("ack");
    }
  }

  @Test
  void nobodyMayReadSealedBallotsBeforeTheCloseNotEvenModerators() {
    try (WsClient secas = connect("secas"); WsClient kate = connect("kate")) {
      Map<String, Object> cmd = new HashMap<>(Map.of("type", "open_decision", "body", "PANEL", "question", "Sealed?",
          "kind", "asynchronous", "visibility", "sealed", "modification_id", "MP210"));
      cmd.put("closes_at", Instant.now().plusSeconds(3600).toString());
      long decision = secas.request(cmd).get("message_id").asLong();
      vote(kate, decision, "reject");
      for (String user : List.of("secas", "admin", "alice")) {
        JsonNode view = server.as(user).get("/api/decisions/" + decision).json();
        assertThat(view.get("ballots")).as(user).isEmpty();
        assertThat(view.get("tally").isNull()).as(user).isTrue();
      }
      JsonNode events = server.as("admin").get("/api/rooms/" + server.as("admin").get("/api/decisions/" + decision).json()
          .get("room").asLong() + "/events?limit=200").json();
      for (JsonNode e : events.get("events")) {
        if (e.path("decision_id").asLong() == decision) {
          assertThat(e.toString()).doesNotContain("\"choice\"").doesNotContain("because");
        }
      }
    }
  }
}
