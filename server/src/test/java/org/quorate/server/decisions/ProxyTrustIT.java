package org.quorate.server.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.meetings.MeetingTestKit;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * Who may put someone in a member's seat, and what that does to ballots already cast: only the member,
 * their Party's representative or SECAS appoint, never from a time already past; an acknowledged ballot
 * keeps counting in the right it was cast in; both people are told; only readers of the body's room list.
 */
@DemoServer
class ProxyTrustIT {
  static TestServer server;
  static MeetingTestKit kit;
  static long panel;

  @BeforeAll
  static void start() {
    kit = new MeetingTestKit(server);
    panel = kit.bodyId("PANEL");
  }

  @AfterEach
  void revokeEveryAppointment() {
    for (JsonNode p : server.as("secas").get("/api/bodies/" + panel + "/proxies").json()) {
      if (p.get("revoked_at").isNull()) {
        server.as("secas").delete("/api/proxies/" + p.get("id").asLong());
      }
    }
  }

  static ApiClient.Response appoint(String as, String principal, String proxy, String scope, Long scopeId, Instant from) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("principal_id", server.userId(principal));
    in.put("proxy_id", server.userId(proxy));
    in.put("scope", scope);
    in.put("scope_id", scopeId);
    in.put("active_from", from == null ? null : from.toString());
    return server.as(as).post("/api/bodies/" + panel + "/proxies", in);
  }

  static int appointmentsOf(String principal) {
    int n = 0;
    for (JsonNode p : server.as("secas").get("/api/bodies/" + panel + "/proxies").json()) {
      n += p.get("principal_id").asLong() == server.userId(principal) ? 1 : 0;
    }
    return n;
  }

  static long open(WsClient secas) {
    Map<String, Object> cmd = new HashMap<>(Map.of("type", "open_decision", "body", "PANEL", "modification_id", "MP210",
        "question", "Recommend MP210?", "kind", "asynchronous"));
    cmd.put("closes_at", Instant.now().plusSeconds(3600).toString());
    JsonNode ack = secas.request(cmd);
    assertThat(WsClient.type(ack)).as(ack.toString()).isEqualTo("ack");
    return ack.get("message_id").asLong();
  }

  static JsonNode vote(WsClient c, long decision, String choice, String onBehalfOf) {
    Map<String, Object> cmd = new HashMap<>(Map.of("type", "cast_ballot", "decision_id", decision, "choice", choice,
        "reason", "because"));
    if (onBehalfOf != null) {
      cmd.put("on_behalf_of", server.userId(onBehalfOf));
    }
    return c.request(cmd);
  }

  static JsonNode decision(long id) {
    return server.as("secas").get("/api/decisions/" + id).json();
  }

  @Test
  void aPartyColleagueWithoutTheRepresentativeRoleCannotAppointHimselfProxyForAMember() {
    kit.createUser("nick", "Nick Northwind", server.as("admin").get("/api/users/" + server.userId("alice")).json()
        .get("party_id").asLong(), "member");
    int before = appointmentsOf("alice");

    ApiClient.Response refused = appoint("nick", "alice", "nick", "period", null, null);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    assertThat(refused.error()).isEqualTo("not_authorised");
    assertThat(appointmentsOf("alice")).isEqualTo(before);
  }

  @Test
  void anAppointmentStartingInThePastIsRefusedNamingActiveFromAndNothingIsStored() {
    int before = appointmentsOf("alice");

    ApiClient.Response refused = appoint("alice", "alice", "penny", "period", null, Instant.now().minusSeconds(3600));

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.error()).isEqualTo("invalid");
    assertThat(refused.json().get("field").asText()).isEqualTo("active_from");
    assertThat(appointmentsOf("alice")).isEqualTo(before);
  }

  @Test
  void aMembersAcknowledgedBallotKeepsCountingAfterALaterAppointmentAndTheProxyCannotReplaceIt() {
    try (WsClient secas = WsClient.connect(server.port(), server.as("secas").token());
        WsClient alice = WsClient.connect(server.port(), server.as("alice").token());
        WsClient penny = WsClient.connect(server.port(), server.as("penny").token())) {
      long decision = open(secas);
      JsonNode own = vote(alice, decision, "approve", null);
      assertThat(WsClient.type(own)).as(own.toString()).isEqualTo("ack");

      ApiClient.Response appointed = appoint("alice", "alice", "penny", "decision", decision, null);
      assertThat(appointed.status()).as(appointed.toString()).isEqualTo(201);

      assertThat(decision(decision).at("/tally/approve").asInt()).isEqualTo(1);
      JsonNode refused = vote(penny, decision, "reject", "alice");
      assertThat(refused.get("code").asText()).as(refused.toString()).isEqualTo("conflict");
      assertThat(refused.get("message").asText()).contains("that ballot stands");
      JsonNode view = decision(decision);
      assertThat(view.at("/tally/approve").asInt()).isEqualTo(1);
      assertThat(view.at("/tally/reject").asInt()).isZero();
      assertThat(view.get("ballots")).hasSize(1);
      assertThat(view.at("/ballots/0/counted").asBoolean()).isTrue();
    }
  }

  @Test
  void aProxysBallotCountsForAMemberWhoHadNotVotedAndKeepsCountingAfterTheAppointmentIsRevoked() {
    try (WsClient secas = WsClient.connect(server.port(), server.as("secas").token());
        WsClient penny = WsClient.connect(server.port(), server.as("penny").token())) {
      long decision = open(secas);
      ApiClient.Response appointed = appoint("arthur", "arthur", "penny", "decision", decision, null);
      assertThat(appointed.status()).as(appointed.toString()).isEqualTo(201);
      JsonNode byProxy = vote(penny, decision, "reject", "arthur");
      assertThat(WsClient.type(byProxy)).as(byProxy.toString()).isEqualTo("ack");
      assertThat(decision(decision).at("/tally/reject").asInt()).isEqualTo(1);

      ApiClient.Response revoked = server.as("arthur").delete("/api/proxies/" + appointed.json().get("id").asLong());
      assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);

      JsonNode view = decision(decision);
      assertThat(view.at("/tally/reject").asInt()).isEqualTo(1);
      assertThat(view.at("/ballots/0/counted").asBoolean()).isTrue();
    }
  }

  @Test
  void thePrincipalAndTheProxyAreBothNotifiedOfAnAppointmentMadeForThem() {
    ApiClient.Response appointed = appoint("secas", "kate", "bella", "period", null, null);
    assertThat(appointed.status()).as(appointed.toString()).isEqualTo(201);
    long id = appointed.json().get("id").asLong();

    for (String told : new String[] {"kate", "bella"}) {
      JsonNode notice = null;
      for (JsonNode n : server.as(told).get("/api/notifications").json()) {
        if ("proxy_appointed".equals(n.get("kind").asText()) && n.get("message_id").asLong() == id) {
          notice = n;
        }
      }
      assertThat(notice).as(told + " has a stored proxy_appointed notification").isNotNull();
      assertThat(notice.get("excerpt").asText()).contains("Bella Brightwater").contains("Kate Kestrel").contains("SEC Panel");
    }
  }

  @Test
  void theProxyListIsRefusedToThoseWhoCannotReadTheBodysRoomAndShownToItsMembers() {
    assertThat(appoint("oscar", "oscar", "bella", "period", null, null).status()).isEqualTo(201);

    for (String outsider : new String[] {"observer", "rep", "penny"}) {
      ApiClient.Response refused = server.as(outsider).get("/api/bodies/" + panel + "/proxies");
      assertThat(refused.status()).as(outsider + ": " + refused).isEqualTo(403);
      assertThat(refused.body()).doesNotContain("principal_id");
    }
    ApiClient.Response member = server.as("alice").get("/api/bodies/" + panel + "/proxies");
    assertThat(member.status()).isEqualTo(200);
    assertThat(member.json().findValuesAsText("proxy_id")).contains(String.valueOf(server.userId("bella")));
  }
}
