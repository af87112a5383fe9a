package org.quorate.server.meetings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.server.meetings.MeetingTestKit.item;
import static org.quorate.server.meetings.MeetingTestKit.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** Published minutes stay within their meeting's classification. */
@DemoServer
class MinutesClassificationIT {
  static TestServer server;

  @Test
  void minutesOfAnAmberMeetingReachAGreenModificationRoomOnlyAsALinkForThoseWhoMayReadThem() {
    MeetingTestKit kit = new MeetingTestKit(server);
    long ssc = kit.bodyId("SSC");
    long amber = kit.roomOfBody(ssc);
    long green = kit.roomOfModification("MP210");
    long meeting = kit.createMeeting(kit.admin(), ssc, "Security Sub-Committee, May 2030", "2030-05-07T10:00:00Z",
        List.of(item("MP210 firmware threat model", "MP210"))).get("id").asLong();
    try (WsClient chair = kit.connect("chair", amber)) {
      ok(chair, "set_meeting_state", "meeting", meeting, "state", "open");
      ok(chair, "set_meeting_state", "meeting", meeting, "state", "closed", "reason", "Threat model taken in closed session");
    }
    ApiClient chair = server.as("chair");
    String minutes = chair.put("/api/meetings/" + meeting + "/minutes", Map.of("markdown",
        "# Minutes: Security Sub-Committee, May 2030\n\nKey escrow weakness in firmware signing discussed.\n")).json().get("markdown").asText();
    assertThat(chair.post("/api/meetings/" + meeting + "/minutes/publish", Map.of()).status()).isEqualTo(200);

    JsonNode inAmber = last(kit.admin().get("/api/rooms/" + amber + "/events").json().get("events"));
    assertThat(inAmber.get("type").asText()).isEqualTo("minutes_published");
    assertThat(inAmber.get("markdown").asText()).isEqualTo(minutes);

    // Kate reads MP210's room (her Party) but is no member of the Security Sub-Committee.
    ApiClient kate = server.as("kate");
    JsonNode greenEvents = kate.get("/api/rooms/" + green + "/events").json().get("events");
    assertThat(greenEvents.toString()).doesNotContain("Key escrow weakness").doesNotContain("minutes_published");
    JsonNode notice = last(greenEvents);
    assertThat(notice.get("type").asText()).isEqualTo("system_notice");
    assertThat(notice.get("kind").asText()).isEqualTo("minutes_available");
    assertThat(notice.get("text").asText()).contains("Security Sub-Committee").contains("/api/meetings/" + meeting + "/minutes.html");
    assertThat(kate.get("/api/meetings/" + meeting + "/minutes.html").status()).isEqualTo(403);
    assertThat(server.as("callum").get("/api/meetings/" + meeting + "/minutes.html").body()).contains("Key escrow weakness");
  }

  private static JsonNode last(JsonNode events) {
    List<JsonNode> all = new ArrayList<>();
    events.forEach(all::add);
    return all.get(all.size() - 1);
  }
}
