package org.quorate.server.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** Losing the right to read a room ends delivery on connections that are already subscribed. */
@DemoServer
class AccessRevocationIT {
  static TestServer server;

  @Test
  void aMemberRemovedFromAnAmberRoomStopsReceivingItsEventsAtOnce() {
    ApiClient admin = server.as("admin");
    long kate = server.as("kate").get("/api/me").json().get("id").asLong();
    long room = admin.post("/api/rooms", Map.of("name", "Amber talks", "classification", "amber", "member_ids", List.of(kate)))
        .json().get("id").asLong();
    try (WsClient kateWs = WsClient.connect(server.port(), server.as("kate").token());
        WsClient adminWs = WsClient.connect(server.port(), admin.token())) {
      kateWs.subscribe(room, 0L);
      long first = adminWs.post(room, "before removal").get("seq").asLong();
      kateWs.await(n -> n.path("seq").asLong() == first && WsClient.type(n).equals("message_posted"));

      assertThat(admin.delete("/api/rooms/" + room + "/members/" + kate).status()).isEqualTo(200);
      JsonNode told = kateWs.await(n -> WsClient.type(n).equals("access_lost"));
      assertThat(told.get("room").asLong()).isEqualTo(room);
      assertThat(told.get("reason").asText()).contains("no longer");

      long after = adminWs.post(room, "secret after removal").get("seq").asLong();
      // A marker in a room kate can still read proves delivery to her connection carried on meanwhile.
      long white = admin.post("/api/rooms", Map.of("name", "White marker", "classification", "white")).json().get("id").asLong();
      kateWs.subscribe(white, 0L);
      long marker = adminWs.post(white, "marker").get("seq").asLong();
      kateWs.await(n -> n.path("room").asLong() == white && n.path("seq").asLong() == marker);
      assertThat(kateWs.received().toString()).doesNotContain("secret after removal");
      assertThat(after).isGreaterThan(first);
    }
  }
}
