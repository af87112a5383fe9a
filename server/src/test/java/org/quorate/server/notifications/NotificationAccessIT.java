package org.quorate.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** Stored notifications never keep text that the room itself no longer shows the user. */
@DemoServer
class NotificationAccessIT {
  static TestServer server;

  @Test
  void aRedactedMessageLeavesNoTextInTheNotificationsAboutIt() {
    ApiClient admin = server.as("admin");
    long kate = server.userId("kate");
    long room = admin.post("/api/rooms", Map.of("name", "Pricing talks", "classification", "amber", "member_ids",
        List.of(kate, server.userId("alice")))).json().get("id").asLong();
    ApiClient kateApi = server.as("kate");
    try (WsClient alice = WsClient.connect(server.port(), server.as("alice").token());
        WsClient moderator = WsClient.connect(server.port(), admin.token())) {
      long id = alice.request(Map.of("type", "post_message", "room", room, "body", "Our tariff floor is 31p/kWh",
          "mentions", List.of(Map.of("kind", "user", "ref", Long.toString(kate))))).get("message_id").asLong();
      assertThat(kateApi.get("/api/notifications").body()).contains("Our tariff floor is 31p/kWh");

      JsonNode redacted = moderator.request(Map.of("type", "delete_message", "room", room, "message_id", id, "reason", "Commercially sensitive"));
      assertThat(WsClient.type(redacted)).isEqualTo("ack");

      JsonNode notifications = kateApi.get("/api/notifications").json();
      assertThat(notifications.toString()).doesNotContain("31p/kWh");
      JsonNode mention = find(notifications, room);
      assertThat(mention.get("message_id").asLong()).isEqualTo(id);
      assertThat(mention.get("excerpt").isNull()).isTrue();
    }
  }

  @Test
  void notificationsAboutARoomTheUserMayNoLongerReadAreNotListed() {
    ApiClient admin = server.as("admin");
    long eric = server.userId("eric");
    long room = admin.post("/api/rooms", Map.of("name", "Network charges", "classification", "amber", "member_ids", List.of(eric)))
        .json().get("id").asLong();
    ApiClient ericApi = server.as("eric");
    try (WsClient moderator = WsClient.connect(server.port(), admin.token())) {
      moderator.request(Map.of("type", "post_message", "room", room, "body", "Draft charging statement attached",
          "mentions", List.of(Map.of("kind", "user", "ref", Long.toString(eric)))));
      assertThat(ericApi.get("/api/notifications").body()).contains("Draft charging statement attached");

      assertThat(admin.delete("/api/rooms/" + room + "/members/" + eric).status()).isEqualTo(200);

      assertThat(ericApi.get("/api/rooms/" + room + "/events").status()).isEqualTo(403);
      JsonNode notifications = ericApi.get("/api/notifications").json();
      assertThat(notifications.toString()).doesNotContain("Draft charging statement");
      notifications.forEach(n -> assertThat(n.get("room").asLong()).isNotEqualTo(room));
    }
  }

  private static JsonNode find(JsonNode notifications, long room) {
    for (JsonNode n : notifications) {
      if (n.get("room").asLong() == room) {
        return n;
      }
    }
    throw new AssertionError("no notification about room " + room + " in " + notifications);
  }
}
