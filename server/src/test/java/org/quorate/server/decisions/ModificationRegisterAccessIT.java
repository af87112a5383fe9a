package org.quorate.server.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** The Modification Register (JSON and CSV) lists only what its reader may read. */
@DemoServer
class ModificationRegisterAccessIT {
  static TestServer server;
  static long panelRoom;
  static long modificationRoom;

  @BeforeAll
  static void rooms() {
    long panel = 0;
    for (JsonNode b : server.as("admin").get("/api/bodies").json()) {
      if ("PANEL".equals(b.get("code").asText())) {
        panel = b.get("id").asLong();
      }
    }
    for (JsonNode r : server.as("admin").get("/api/rooms").json()) {
      if ("body".equals(r.get("kind").asText()) && r.get("body_id").asLong() == panel) {
        panelRoom = r.get("id").asLong();
      }
      if ("MP215".equals(r.path("modification_id").asText())) {
        modificationRoom = r.get("id").asLong();
      }
    }
  }

  @Test
  void aDecisionHeldInTheAmberPanelRoomIsLeftOutOfTheRegisterForThoseWhoMayNotReadIt() {
    long decision;
    try (WsClient secas = WsClient.connect(server.port(), server.as("secas").token());
        WsClient kate = WsClient.connect(server.port(), server.as("kate").token())) {
      Map<String, Object> open = new HashMap<>(Map.of("type", "open_decision", "body", "PANEL", "modification_id", "MP215",
          "room", panelRoom, "question", "Should the Panel send MP215 back to the Working Group?", "kind", "asynchronous",
          "visibility", "open", "reasons_required", true));
      open.put("closes_at", Instant.now().plusSeconds(3600).toString());
      decision = secas.requireAck("open_decision", flatten(open)).get("message_id").asLong();
      kate.requireAck("cast_ballot", "decision_id", decision, "choice", "reject", "reason", "ZQA amber reasoning");
      secas.requireAck("change_decision", "decision_id", decision, "change", "close", "reason", "Enough");
    }

    for (String outsider : new String[] {"observer", "rep", "bella"}) {
      ApiClient api = server.as(outsider);
      assertThat(api.get("/api/rooms/" + panelRoom).status()).as(outsider + " reads the Panel room").isEqualTo(403);
      assertThat(api.get("/api/decisions/" + decision).status()).as(outsider + " reads the decision").isEqualTo(403);
      JsonNode register = api.get("/api/modifications/MP215/register").json();
      assertThat(register.get("decisions")).as(outsider + "'s register").noneMatch(d -> d.get("id").asLong() == decision);
      assertThat(register.toString()).doesNotContain("ZQA").doesNotContain("Kate Kestrel");
      assertThat(api.get("/api/modifications/MP215/register.csv").body()).as(outsider + "'s CSV")
          .doesNotContain("ZQA").doesNotContain("send MP215 back");
    }
    ApiClient member = server.as("alice");
    assertThat(member.get("/api/modifications/MP215/register").body()).contains("ZQA amber reasoning");
    assertThat(member.get("/api/modifications/MP215/register.csv").body()).contains("ZQA amber reasoning", "Kate Kestrel");
  }

  @Test
  void theDecisionTrackShowsOnlyToThoseWhoMayReadTheModificationsRoomWhereItWasAnnounced() {
    ApiClient.Response set = server.as("secas").put("/api/modifications/MP215/track",
        Map.of("track", "meeting", "reason", "ZQT contested between suppliers"));
    assertThat(set.status()).as(set.toString()).isEqualTo(200);

    assertThat(server.as("observer").get("/api/rooms/" + modificationRoom).status()).isEqualTo(403);
    JsonNode asObserver = server.as("observer").get("/api/modifications/MP215/register").json();
    assertThat(asObserver.get("track").isNull()).isTrue();
    assertThat(asObserver.get("title").asText()).as("the Modification itself is public").isNotBlank();
    JsonNode asRep = server.as("rep").get("/api/modifications/MP215/register").json();
    assertThat(asRep.at("/track/reason").asText()).isEqualTo("ZQT contested between suppliers");
  }

  private static Object[] flatten(Map<String, Object> fields) {
    return fields.entrySet().stream().filter(e -> !e.getKey().equals("type"))
        .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray();
  }
}
