package org.quorate.server.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * A decision voted in a body's Amber room tells the Modification's Green room only that a result
 * is recorded, with a link; the outcome and its figures stay in the body's room.
 */
@DemoServer
class DecisionResultNoticeIT {
  static TestServer server;

  @Test
  void aResultReachedInTheAmberBodyRoomReachesTheGreenModificationRoomOnlyAsALink() {
    long tagRoom = roomWhere("body_id", server.as("admin").get("/api/bodies").json(), "TAG");
    long mp215Room = roomOf("MP215");
    try (WsClient secas = WsClient.connect(server.port(), server.as("secas").token());
        WsClient oscar = WsClient.connect(server.port(), server.as("oscar").token())) {
      Map<String, Object> cmd = new HashMap<>(Map.of("type", "open_decision", "body", "TAG", "modification_id", "MP215",
          "room", tagRoom, "question", "Does TAG support MP215 (verdict-marker-7c1)?", "kind", "asynchronous",
          "visibility", "open", "reasons_required", true));
      cmd.put("closes_at", Instant.now().plusSeconds(3600).toString());
      JsonNode opened = secas.request(cmd);
      assertThat(WsClient.type(opened)).as(opened.toString()).isEqualTo("ack");
      long decision = opened.get("message_id").asLong();
      JsonNode ballot = oscar.request(Map.of("type", "cast_ballot", "decision_id", decision, "choice", "reject",
          "reason", "reason-marker-7c1"));
      assertThat(WsClient.type(ballot)).as(ballot.toString()).isEqualTo("ack");
      JsonNode closed = secas.request(Map.of("type", "change_decision", "decision_id", decision, "change", "close",
          "reason", "Everyone has voted"));
      assertThat(WsClient.type(closed)).as(closed.toString()).isEqualTo("ack");
    }

    JsonNode events = server.as("rep").get("/api/rooms/" + mp215Room + "/events").json();
    StringBuilder notices = new StringBuilder();
    events.findParents("kind").stream().filter(e -> "decision_result".equals(e.path("kind").asText()))
        .forEach(e -> notices.append(e).append('\n'));
    assertThat(notices.toString()).contains("recorded a result on").contains("/api/decisions/")
        .doesNotContain("carried").doesNotContain("inquorate").doesNotContain("quorate")
        .doesNotContain("reason-marker-7c1").doesNotContain("verdict-marker-7c1");
    assertThat(events.toString()).doesNotContain("reason-marker-7c1").doesNotContain("verdict-marker-7c1");
  }

  static long roomOf(String modification) {
    for (JsonNode r : server.as("admin").get("/api/rooms").json()) {
      if (modification.equals(r.path("modification_id").asText())) {
        return r.get("id").asLong();
      }
    }
    throw new AssertionError("no room for " + modification);
  }

  static long roomWhere(String field, JsonNode bodies, String code) {
    long bodyId = -1;
    for (JsonNode b : bodies) {
      if (code.equals(b.path("code").asText())) {
        bodyId = b.get("id").asLong();
      }
    }
    for (JsonNode r : server.as("admin").get("/api/rooms").json()) {
      if (r.path(field).asLong() == bodyId) {
        return r.get("id").asLong();
      }
    }
    throw new AssertionError("no room for body " + code);
  }
}
