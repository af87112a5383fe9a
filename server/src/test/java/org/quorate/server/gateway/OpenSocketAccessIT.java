package org.quorate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.meetings.MeetingTestKit;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * Losing access takes effect at once on sockets that are already open: a change of roles, Party or
 * appointment ends the affected subscriptions (with {@code access_lost}), signing out closes the
 * token's sockets, and a connection signs in only once.
 */
@DemoServer
class OpenSocketAccessIT {
  static TestServer server;
  static MeetingTestKit kit;

  @BeforeAll
  static void start() {
    kit = new MeetingTestKit(server);
  }

  @Test
  void aDemotedModeratorStopsReceivingAnAmberRoomAtOnceAndIsJudgedOnTheNewRolesFromThenOn() {
    long mona = kit.createUser("mona", "Mona Moderator (SECAS)", null, "moderator");
    long amber = kit.roomOfBody(kit.bodyId("CHANGE_BOARD"));
    ApiClient monaApi = server.as("mona");
    try (WsClient monaWs = WsClient.connect(server.port(), monaApi.token());
        WsClient adminWs = WsClient.connect(server.port(), kit.admin().token())) {
      monaWs.subscribe(amber, null);
      long before = adminWs.post(amber, "Amber before the demotion").get("seq").asLong();
      monaWs.await(n -> n.path("room").asLong() == amber && n.path("seq").asLong() == before && WsClient.type(n).equals("message_posted"));

      assertThat(kit.admin().put("/api/users/" + mona, user("Mona Moderator (SECAS)", null, "member")).status()).isEqualTo(200);
      // Posted the moment the demotion is answered, before the socket has been told anything.
      adminWs.post(amber, "Amber after the demotion");

      JsonNode lost = monaWs.await(n -> WsClient.type(n).equals("access_lost"));
      assertThat(lost.get("room").asLong()).isEqualTo(amber);
      assertThat(monaApi.get("/api/rooms/" + amber + "/events").status()).isEqualTo(403);
      JsonNode post = monaWs.request(Map.of("type", "post_message", "room", amber, "body", "still a moderator?"));
      assertThat(WsClient.type(post)).isEqualTo("error");
      assertThat(post.get("code").asText()).isEqualTo("not_authorised");
      provesDeliveryCarriedOn(monaWs, adminWs);
      assertThat(monaWs.received().toString()).doesNotContain("Amber after the demotion");
    }
  }

  @Test
  void aUserWhoseRepresentationOfAPartyEndsLosesGreenRoomsAtOnce() {
    long party = kit.partyId("Kestrel Energy Ltd");
    long gus = kit.createUser("gus", "Gus Green", party, "party_representative");
    long green = kit.roomOfModification("MP210");
    try (WsClient gusWs = WsClient.connect(server.port(), server.as("gus").token());
        WsClient adminWs = WsClient.connect(server.port(), kit.admin().token())) {
      gusWs.subscribe(green, null);
      assertThat(kit.admin().put("/api/users/" + gus, user("Gus Green", null, "party_representative")).status()).isEqualTo(200);
      adminWs.post(green, "Green for Parties only");

      assertThat(gusWs.await(n -> WsClient.type(n).equals("access_lost")).get("room").asLong()).isEqualTo(green);
      provesDeliveryCarriedOn(gusWs, adminWs);
      assertThat(gusWs.received().toString()).doesNotContain("Green for Parties only");
    }
  }

  @Test
  void aMemberRemovedFromABodyStopsReceivingItsRoomAtOnce() {
    long tag = kit.bodyId("TAG");
    long amber = kit.roomOfBody(tag);
    long party = kit.partyId("GridSense Data Ltd");
    long tess = kit.createUser("tess", "Tess Tester", party, "member");
    kit.addMember(tag, tess, "Member", true, party);
    try (WsClient tessWs = WsClient.connect(server.port(), server.as("tess").token());
        WsClient adminWs = WsClient.connect(server.port(), kit.admin().token())) {
      tessWs.subscribe(amber, null);
      assertThat(kit.admin().delete("/api/bodies/" + tag + "/members/" + tess).status()).isEqualTo(200);
      adminWs.post(amber, "Test results, members only");

      assertThat(tessWs.await(n -> WsClient.type(n).equals("access_lost")).get("room").asLong()).isEqualTo(amber);
      provesDeliveryCarriedOn(tessWs, adminWs);
      assertThat(tessWs.received().toString()).doesNotContain("Test results, members only");
    }
  }

  @Test
  void anAlternateWhoseAppointmentIsRevokedStopsReceivingTheBodysRoomAtOnce() {
    long board = kit.bodyId("CHANGE_BOARD");
    long amber = kit.roomOfBody(board);
    long bella = kit.userId("bella");
    kit.createUser("brook", "Brook Brightwater", kit.partyId("Brightwater Supply Co-operative"), "member");
    long brook = kit.userId("brook");
    long meeting = kit.createMeeting(kit.admin(), board, "Change Board, June 2030", "2030-06-04T10:00:00Z", List.of())
        .get("id").asLong();
    ApiClient bellaApi = server.as("bella");
    assertThat(bellaApi.post("/api/meetings/" + meeting + "/delegates",
        Map.of("principal_user_id", bella, "delegate_user_id", brook, "kind", "alternate")).status()).isEqualTo(200);
    try (WsClient brookWs = WsClient.connect(server.port(), server.as("brook").token());
        WsClient adminWs = WsClient.connect(server.port(), kit.admin().token())) {
      brookWs.subscribe(amber, null);
      assertThat(bellaApi.delete("/api/meetings/" + meeting + "/delegates/" + bella).status()).isEqualTo(200);
      adminWs.post(amber, "For the members only again");

      assertThat(brookWs.await(n -> WsClient.type(n).equals("access_lost")).get("room").asLong()).isEqualTo(amber);
      provesDeliveryCarriedOn(brookWs, adminWs);
      assertThat(brookWs.received().toString()).doesNotContain("For the members only again");
    }
  }

  @Test
  void anAlternateStopsReceivingTheBodysRoomAtOnceWhenTheMeetingCloses() {
    long board = kit.bodyId("CHANGE_BOARD");
    long amber = kit.roomOfBody(board);
    long callum = kit.userId("callum");
    kit.createUser("cora", "Cora Caledonia", kit.partyId("Caledonia Gas Networks Ltd"), "member");
    long cora = kit.userId("cora");
    long meeting = kit.createMeeting(kit.admin(), board, "Change Board, July 2030", "2030-07-02T10:00:00Z", List.of())
        .get("id").asLong();
    assertThat(server.as("callum").post("/api/meetings/" + meeting + "/delegates",
        Map.of("principal_user_id", callum, "delegate_user_id", cora, "kind", "alternate")).status()).isEqualTo(200);
    try (WsClient coraWs = WsClient.connect(server.port(), server.as("cora").token());
        WsClient chairWs = kit.connect("secas", amber)) {
      coraWs.subscribe(amber, null);
      MeetingTestKit.ok(chairWs, "set_meeting_state", "meeting", meeting, "state", "open");
      MeetingTestKit.ok(chairWs, "set_meeting_state", "meeting", meeting, "state", "closed");
      chairWs.post(amber, "After the meeting, members only");

      assertThat(coraWs.await(n -> WsClient.type(n).equals("access_lost")).get("room").asLong()).isEqualTo(amber);
      provesDeliveryCarriedOn(coraWs, chairWs);
      assertThat(coraWs.received().toString()).doesNotContain("After the meeting, members only");
    }
  }

  @Test
  void signingOutClosesTheTokensSocketsAtOnceAndTheirCommandsAreNotCarriedOut() {
    long green = kit.roomOfModification("MP215");
    ApiClient kate = server.as("kate");
    ApiClient kateElsewhere = server.as("kate");
    try (WsClient signedOut = WsClient.connect(server.port(), kate.token());
        WsClient otherDevice = WsClient.connect(server.port(), kateElsewhere.token())) {
      assertThat(kate.post("/api/logout", "{}").status()).isEqualTo(204);
      try {
        signedOut.sendJson(Map.of("type", "post_message", "id", "after-logout", "room", green, "body", "sent after signing out"));
      } catch (Throwable closedAlready) {
        // The server may have closed the socket before the command could even be sent.
      }

      assertThat(signedOut.awaitClose()).isEqualTo((short) 1008);
      assertThat(signedOut.received().stream().filter(n -> WsClient.type(n).equals("ack")).toList()).isEmpty();
      assertThat(kateElsewhere.get("/api/rooms/" + green + "/events").body()).doesNotContain("sent after signing out");
      // Another token of the same user stays signed in.
      assertThat(WsClient.type(otherDevice.post(green, "still here"))).isEqualTo("ack");
    }
  }

  @Test
  void changingThePasswordEndsEveryOtherSessionOfTheUserAtOnceAndKeepsThisOne() {
    kit.createUser("petra", "Petra Password", null, "member");
    ApiClient here = server.as("petra");
    ApiClient elsewhere = server.as("petra");
    try (WsClient hereWs = WsClient.connect(server.port(), here.token());
        WsClient elsewhereWs = WsClient.connect(server.port(), elsewhere.token())) {
      assertThat(here.put("/api/me/password", Map.of("current_password", "not-my-password", "new_password", "a-new-long-secret"))
          .error()).isEqualTo("invalid");
      assertThat(here.put("/api/me/password", Map.of("current_password", TestServer.DEMO_PASSWORD, "new_password", "a-new-long-secret"))
          .status()).isEqualTo(204);

      assertThat(elsewhereWs.awaitClose()).isEqualTo((short) 1008);
      assertThat(elsewhere.get("/api/me").status()).isEqualTo(401);
      assertThat(here.get("/api/me").status()).isEqualTo(200);
      assertThat(WsClient.type(hereWs.request(Map.of("type", "unsubscribe", "room", 1)))).isEqualTo("ack");
      assertThat(server.api().login("petra", TestServer.DEMO_PASSWORD).status()).isEqualTo(401);
      assertThat(server.api().login("petra", "a-new-long-secret").status()).isEqualTo(200);
    }
  }

  @Test
  void aSecondAuthenticateOnOneSocketIsRefusedSoTheUsersEventsArriveOnce() {
    String token = server.as("oscar").token();
    long green = kit.roomOfModification("DP230");
    try (WsClient ws = WsClient.open(server.port(), null, null)) {
      // Sent back to back: the second arrives while the first is still being checked.
      ws.sendJson(Map.of("type", "authenticate", "id", "auth-1", "token", token, "protocol_version", 1));
      ws.sendJson(Map.of("type", "authenticate", "id", "auth-2", "token", token, "protocol_version", 1));
      JsonNode first = ws.await(n -> "auth-1".equals(n.path("id").asText()));
      JsonNode second = ws.await(n -> "auth-2".equals(n.path("id").asText()));
      assertThat(List.of(WsClient.type(first), WsClient.type(second))).containsExactlyInAnyOrder("ack", "error");
      assertThat((WsClient.type(first).equals("error") ? first : second).get("code").asText()).isEqualTo("conflict");

      long seq = ws.post(green, "one marker please").get("seq").asLong();
      ws.requireAck("mark_read", "room", green, "seq", seq - 1);
      ws.requireAck("mark_read", "room", green, "seq", seq);
      ws.await(n -> WsClient.type(n).equals("read_marker") && n.get("seq").asLong() == seq);
      assertThat(ws.received().stream().filter(n -> WsClient.type(n).equals("read_marker")).count()).isEqualTo(2);
      assertThat(ws.received().stream().filter(n -> WsClient.type(n).equals("welcome")).count()).isEqualTo(1);
    }
  }

  /** A marker in a White room the user can still read arrives after anything sent before it. */
  private static void provesDeliveryCarriedOn(WsClient user, WsClient admin) {
    long white = kit.admin().post("/api/rooms", Map.of("name", "White marker", "classification", "white")).json().get("id").asLong();
    user.subscribe(white, null);
    long marker = admin.post(white, "marker").get("seq").asLong();
    user.await(n -> n.path("room").asLong() == white && n.path("seq").asLong() == marker);
  }

  private static Map<String, Object> user(String displayName, Long partyId, String... roles) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("display_name", displayName);
    in.put("party_id", partyId);
    in.put("roles", List.of(roles));
    return in;
  }
}
