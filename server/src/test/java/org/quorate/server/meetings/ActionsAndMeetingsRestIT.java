package org.quorate.server.meetings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.server.meetings.MeetingTestKit.event;
import static org.quorate.server.meetings.MeetingTestKit.item;
import static org.quorate.server.meetings.MeetingTestKit.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** Meetings prepared over REST, and the actions log searched and kept up to date across meetings and bodies. */
@DemoServer
class ActionsAndMeetingsRestIT {
  static TestServer server;
  static MeetingTestKit kit;

  @BeforeAll
  static void start() {
    kit = new MeetingTestKit(server);
  }

  @Test
  void theBodysChairPreparesAMeetingAndLatePapersAreFlagged() {
    long tabasc = kit.bodyId("TABASC");
    ApiClient chair = server.as("chair");
    assertThat(server.as("arthur").post("/api/meetings", Map.of("body_id", tabasc, "title", "TABASC", "scheduled_start",
        "2030-09-10T10:00:00Z")).error()).isEqualTo("not_authorised");
    JsonNode m = kit.createMeeting(chair, tabasc, "TABASC, September 2030", "2030-09-10T10:00:00Z", List.of(item("Architecture review", null)));
    long id = m.get("id").asLong();
    assertThat(m.get("papers_due_by").asText()).isEqualTo("2030-09-03");
    assertThat(m.get("state").asText()).isEqualTo("scheduled");

    JsonNode added = chair.post("/api/meetings/" + id + "/agenda", Map.of("title", "Minutes of the last meeting", "position", 1)).json();
    assertThat(titles(added.get("agenda"))).containsExactly("Minutes of the last meeting", "Architecture review");
    long review = added.get("agenda").get(1).get("id").asLong();
    JsonNode moved = chair.put("/api/meetings/" + id + "/agenda/" + review, Map.of("title", "Architecture review (MP210)",
        "modification_id", "mp210", "position", 1)).json();
    assertThat(titles(moved.get("agenda"))).containsExactly("Architecture review (MP210)", "Minutes of the last meeting");
    assertThat(moved.get("agenda").get(0).get("modification_id").asText()).isEqualTo("MP210");
    assertThat(moved.get("agenda").get(0).get("modification_room").asLong()).isEqualTo(kit.roomOfModification("MP210"));
    long minutesItem = moved.get("agenda").get(1).get("id").asLong();
    assertThat(titles(chair.delete("/api/meetings/" + id + "/agenda/" + minutesItem).json().get("agenda"))).containsExactly("Architecture review (MP210)");

    assertThat(chair.post("/api/meetings/" + id + "/papers", Map.of("title", "Bad", "url", "javascript:alert(1)")).json().get("field").asText())
        .isEqualTo("url");
    assertThat(chair.post("/api/meetings/" + id + "/papers", Map.of("title", "On time", "url", "https://example.org/a.pdf",
        "published_at", "2030-09-03T16:00:00Z")).json().get("late").asBoolean()).isFalse();
    assertThat(chair.post("/api/meetings/" + id + "/papers", Map.of("title", "Late", "url", "https://example.org/b.pdf",
        "published_at", "2030-09-04T08:00:00Z")).json().get("late").asBoolean()).isTrue();
    assertThat(server.as("arthur").get("/api/meetings/" + id + "/papers").json()).hasSize(2);
    assertThat(server.as("kate").get("/api/meetings/" + id).error()).isEqualTo("not_authorised");

    JsonNode rescheduled = chair.put("/api/meetings/" + id, Map.of("title", "TABASC, September 2030 (rescheduled)",
        "scheduled_start", "2030-09-17T10:00:00Z")).json();
    assertThat(rescheduled.get("papers_due_by").asText()).isEqualTo("2030-09-10");
    JsonNode listed = server.as("arthur").get("/api/meetings?body=" + tabasc).json();
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("title").asText()).isEqualTo("TABASC, September 2030 (rescheduled)");
    JsonNode cancelled = chair.delete("/api/meetings/" + id).json();
    assertThat(cancelled.get("state").asText()).isEqualTo("cancelled");
    assertThat(chair.delete("/api/meetings/" + id).error()).isEqualTo("conflict");
  }

  @Test
  void actionsAreSearchableAcrossMeetingsAndBodiesAndTheirOwnersAreToldAndKeepThemUpToDate() {
    long panel = kit.bodyId("PANEL");
    long csc = kit.bodyId("CSC");
    long panelRoom = kit.roomOfBody(panel);
    long cscRoom = kit.roomOfBody(csc);
    long kate = kit.userId("kate");
    long retail = kit.partyId("Northwind Retail Ltd");
    long meterworks = kit.partyId("Meterworks Services Ltd");
    long panelMeeting = kit.createMeeting(kit.admin(), panel, "SEC Panel, October 2030", "2030-10-01T10:00:00Z", List.of(item("SMKI", "MP221")))
        .get("id").asLong();
    long cscMeeting = kit.createMeeting(kit.admin(), csc, "CSC, October 2030", "2030-10-02T10:00:00Z", List.of(item("Firmware", "MP210")))
        .get("id").asLong();
    long kateAction;
    long retailAction;
    try (WsClient chair = kit.connect("chair", panelRoom); WsClient k = kit.connect("kate", panelRoom); WsClient rep = WsClient.connect(server.port(),
        server.as("rep").token())) {
      ok(chair, "set_meeting_state", "meeting", panelMeeting, "state", "open");
      ok(chair, "move_agenda", "meeting", panelMeeting, "item", kit.itemId(panelMeeting, 1));
      kateAction = event(k, panelRoom, ok(chair, "record_action", "meeting", panelMeeting, "text", "Circulate the SMKI revocation timetable",
          "owner_user", kate, "due_working_days", 3)).get("action_id").asLong();
      retailAction = event(k, panelRoom, ok(chair, "record_action", "meeting", panelMeeting, "text", "Confirm retail customer messaging",
          "owner_party", retail, "due_working_days", 5)).get("action_id").asLong();
      // Rory is not on the Panel and cannot read its room, but his Party owns the action: he is told.
      JsonNode told = rep.await(n -> WsClient.type(n).equals("notification") && n.get("kind").asText().equals("action_assigned"));
      assertThat(told.get("excerpt").asText()).contains("Confirm retail customer messaging");
      ok(chair, "set_meeting_state", "meeting", panelMeeting, "state", "closed");

      ok(chair, "set_meeting_state", "meeting", cscMeeting, "state", "open");
      ok(chair, "record_action", "meeting", cscMeeting, "text", "Review the firmware rollout plan", "owner_party", meterworks,
          "due_working_days", 10);
      ok(chair, "set_meeting_state", "meeting", cscMeeting, "state", "closed", "reason", "Firmware item deferred");
    }
    long meterworksAction = server.as("oscar").get("/api/actions?q=firmware").json().get(0).get("id").asLong();

    // Alice sits on both bodies and sees both; Kate only the Panel's; Rory only his Party's; the observer nothing.
    assertThat(texts(server.as("alice").get("/api/actions").json())).containsExactlyInAnyOrder("Circulate the SMKI revocation timetable",
        "Confirm retail customer messaging", "Review the firmware rollout plan");
    assertThat(texts(server.as("kate").get("/api/actions").json())).containsExactlyInAnyOrder("Circulate the SMKI revocation timetable",
        "Confirm retail customer messaging");
    assertThat(texts(server.as("rep").get("/api/actions").json())).containsExactly("Confirm retail customer messaging");
    assertThat(server.as("observer").get("/api/actions").json()).isEmpty();
    assertThat(texts(server.as("alice").get("/api/actions?q=firmware").json())).containsExactly("Review the firmware rollout plan");
    assertThat(texts(server.as("alice").get("/api/actions?body=" + panel + "&owner_user=" + kate).json()))
        .containsExactly("Circulate the SMKI revocation timetable");
    assertThat(server.as("kate").get("/api/actions/" + meterworksAction).error()).isEqualTo("not_authorised");

    // Owners update status; others may not.
    assertThat(server.as("eric").put("/api/actions/" + kateAction, Map.of("status", "done")).error()).isEqualTo("not_authorised");
    JsonNode done = server.as("kate").put("/api/actions/" + kateAction, Map.of("status", "done", "note", "Sent to all Parties")).json();
    assertThat(done.get("status").asText()).isEqualTo("done");
    assertThat(server.as("kate").put("/api/actions/" + kateAction, Map.of("status", "done")).error()).isEqualTo("conflict");
    assertThat(server.as("rep").put("/api/actions/" + retailAction, Map.of("status", "dropped", "note", "Superseded")).json()
        .get("status").asText()).isEqualTo("dropped");
    try (WsClient oscar = kit.connect("oscar", cscRoom)) {
      long seq = ok(oscar, "update_action", "action", meterworksAction, "status", "done", "note", "Reviewed");
      JsonNode updated = event(oscar, cscRoom, seq);
      assertThat(updated.get("type").asText()).isEqualTo("action_updated");
      assertThat(updated.get("status").asText()).isEqualTo("done");
    }
    assertThat(texts(server.as("alice").get("/api/actions?status=open").json())).isEmpty();
    assertThat(texts(server.as("alice").get("/api/actions?status=done").json())).containsExactlyInAnyOrder(
        "Circulate the SMKI revocation timetable", "Review the firmware rollout plan");
    assertThat(server.as("kate").get("/api/notifications").body()).contains("action_assigned");
  }

  @Test
  void aChairsEditedDraftReplacesTheGeneratedMinutesStaysInertAsHtmlAndIsFixedOncePublished() {
    long ssc = kit.bodyId("SSC");
    long room = kit.roomOfBody(ssc);
    long meeting = kit.createMeeting(kit.admin(), ssc, "Security Sub-Committee", "2030-11-05T10:00:00Z", List.of()).get("id").asLong();
    try (WsClient chair = kit.connect("chair", room)) {
      ok(chair, "set_meeting_state", "meeting", meeting, "state", "open");
      ok(chair, "set_meeting_state", "meeting", meeting, "state", "closed");
    }
    ApiClient chair = server.as("chair");
    String generated = chair.get("/api/meetings/" + meeting + "/minutes.md").body();
    assertThat(generated).startsWith("# Minutes: Security Sub-Committee");
    String edited = "# Minutes: Security Sub-Committee\n\nApproved by the chair. <script>alert(1)</script> [x](javascript:alert(1))\n";
    JsonNode view = chair.put("/api/meetings/" + meeting + "/minutes", Map.of("markdown", edited)).json();
    assertThat(view.get("source").asText()).isEqualTo("edited");
    assertThat(server.as("callum").get("/api/meetings/" + meeting + "/minutes.md").body()).isEqualTo(edited);
    assertThat(chair.get("/api/meetings/" + meeting + "/minutes/generated").body()).isEqualTo(generated);
    ApiClient.Response html = server.as("callum").get("/api/meetings/" + meeting + "/minutes.html");
    assertThat(html.body()).contains("&lt;script&gt;").doesNotContain("<script").doesNotContain("href=\"javascript");

    assertThat(chair.post("/api/meetings/" + meeting + "/minutes/publish", Map.of()).json().get("source").asText()).isEqualTo("published");
    assertThat(chair.put("/api/meetings/" + meeting + "/minutes", Map.of("markdown", "# Rewritten")).error()).isEqualTo("conflict");
    assertThat(chair.post("/api/meetings/" + meeting + "/minutes/publish", Map.of()).error()).isEqualTo("conflict");
    JsonNode events = kit.admin().get("/api/rooms/" + room + "/events").json().get("events");
    JsonNode last = events.get(events.size() - 1);
    assertThat(last.get("type").asText()).isEqualTo("minutes_published");
    assertThat(last.get("markdown").asText()).isEqualTo(edited);
  }

  private static List<String> titles(JsonNode agenda) {
    List<String> out = new ArrayList<>();
    agenda.forEach(i -> out.add(i.get("title").asText()));
    return out;
  }

  private static List<String> texts(JsonNode actions) {
    List<String> out = new ArrayList<>();
    actions.forEach(a -> out.add(a.get("text").asText()));
    return out;
  }
}
