package org.quorate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.protocol.ProtocolCodec;
import org.quorate.protocol.RoomEvent;
import org.quorate.protocol.ServerEvent;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.OpenApiDocument;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** Holds {@code openapi.yaml} to the meeting routes of a real Change Board meeting. */
@DemoServer
class OpenApiMeetingsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  static TestServer server;
  static OpenApiDocument document;

  @BeforeAll
  static void start() {
    document = OpenApiDocument.load();
  }

  /**
   * A Change Board meeting prepared over REST and run over the WebSocket (attendance with an
   * alternate and members marked present in the room, a point of order, a timed floor, a mute, an
   * anonymous question, a meeting vote, a decision, actions, an early close), then every meetings
   * read — the live view, attendance, rulings, questions, actions, the minutes as JSON, Markdown
   * and HTML — matches its schema, and every meeting event in the body's room is exactly a
   * protocol room event as asyncapi.yaml specifies it.
   */
  @Test
  void realMeetingReadsMatchTheDocumentedSchemas() throws Exception {
    ApiClient admin = server.as("admin");
    ApiClient secas = server.as("secas");
    ApiClient kate = server.as("kate");
    long board = 0;
    for (JsonNode b : admin.get("/api/bodies").json()) {
      if ("CHANGE_BOARD".equals(b.get("code").asText())) {
        board = b.get("id").asLong();
      }
    }
    long room = 0;
    for (JsonNode r : admin.get("/api/rooms").json()) {
      if (r.path("body_id").asLong() == board) {
        room = r.get("id").asLong();
      }
    }
    long bella = server.userId("bella");
    long kestrel = 0;
    long brightwater = 0;
    for (JsonNode p : admin.get("/api/parties").json()) {
      switch (p.get("name").asText()) {
        case "Kestrel Energy Ltd" -> kestrel = p.get("id").asLong();
        case "Brightwater Supply Co-operative" -> brightwater = p.get("id").asLong();
        default -> { }
      }
    }
    long bryony = check("POST", "/api/users", admin.post("/api/users", Map.of("username", "bryony", "display_name", "Bryony Brightwater",
        "password", TestServer.DEMO_PASSWORD, "party_id", brightwater, "roles", List.of("member")))).get("id").asLong();

    JsonNode created = check("POST", "/api/meetings", secas.post("/api/meetings", Map.of("body_id", board,
        "title", "Change Board, March 2030", "scheduled_start", "2030-03-06T10:00:00Z", "agenda", List.of(
            Map.of("title", "MP215 Clarifying the Party Category of Affiliates", "modification_id", "MP215"),
            Map.of("title", "Any other business")))));
    long meeting = created.get("id").asLong();
    String path = "/api/meetings/" + meeting;
    assertThat(created.get("papers_due_by").asText()).isEqualTo("2030-02-27");
    long item = created.at("/agenda/0/id").asLong();
    JsonNode withDp230 = check("POST", "/api/meetings/{id}/agenda", secas.post(path + "/agenda",
        Map.of("title", "DP230 Digital postal votes for Change Board decisions", "modification_id", "dp230", "position", 2)));
    long aob = withDp230.at("/agenda/2/id").asLong();
    check("PUT", "/api/meetings/{id}/agenda/{itemId}", secas.put(path + "/agenda/" + aob, Map.of("title", "Any other business", "position", 3)));
    check("PUT", "/api/meetings/{id}", secas.put(path, Map.of("title", "Change Board, March 2030", "scheduled_start", "2030-03-06T10:00:00Z")));
    check("POST", "/api/meetings/{id}/papers", secas.post(path + "/papers", Map.of("title", "MP215 Modification Report",
        "url", "https://example.org/mp215-report.pdf", "agenda_item_id", item, "published_at", "2030-02-20T09:00:00Z")));
    JsonNode late = check("POST", "/api/meetings/{id}/papers", secas.post(path + "/papers", Map.of("title", "DP230 DCC cost annex",
        "file", Map.of("name", "dp230-cost-annex.pdf", "media_type", "application/pdf", "size_bytes", 48213), "published_at", "2030-03-04T09:00:00Z")));
    assertThat(late.get("late").asBoolean()).isTrue();
    check("GET", "/api/meetings/{id}/papers", kate.get(path + "/papers"));
    check("PUT", "/api/meetings/{id}/roles/{userId}", secas.put(path + "/roles/" + server.userId("alice"), Map.of("role", "co_chair")));
    check("POST", "/api/meetings/{id}/delegates", server.as("bella").post(path + "/delegates",
        Map.of("principal_user_id", bella, "delegate_user_id", bryony, "kind", "alternate")));

    long vote;
    try (WsClient chair = WsClient.connect(server.port(), secas.token());
        WsClient k = WsClient.connect(server.port(), kate.token());
        WsClient e = WsClient.connect(server.port(), server.as("eric").token());
        WsClient b = WsClient.connect(server.port(), server.as("bryony").token())) {
      for (WsClient ws : List.of(chair, k, e, b)) {
        ws.subscribe(room, null);
      }
      chair.requireAck("set_meeting_state", "meeting", meeting, "state", "open");
      assertThat(check("PUT", "/api/meetings/{id}", secas.put(path, Map.of("title", "Too late to rename",
          "scheduled_start", "2030-03-06T10:00:00Z"))).get("error").asText()).isEqualTo("conflict");
      chair.requireAck("join_meeting", "meeting", meeting);
      k.requireAck("join_meeting", "meeting", meeting);
      e.requireAck("join_meeting", "meeting", meeting, "mode", "remote");
      b.requireAck("join_meeting", "meeting", meeting, "on_behalf_of", bella);
      for (String inTheRoom : List.of("oscar", "alice", "penny")) {
        chair.requireAck("mark_attendance", "meeting", meeting, "user", server.userId(inTheRoom), "present", true, "mode", "in_room");
      }
      chair.requireAck("move_agenda", "meeting", meeting, "item", item);
      k.requireAck("raise_hand", "meeting", meeting);
      e.requireAck("raise_hand", "meeting", meeting, "point_of_order", true);
      chair.requireAck("give_floor", "meeting", meeting, "speaking_seconds", 120);
      chair.requireAck("mute_participant", "meeting", meeting, "user", server.userId("arthur"), "muted", true, "reason", "Posting over the speaker");
      e.requireAck("submit_question", "meeting", meeting, "text", "Will Affiliates need to re-register with SECAS?", "anonymous", true);
      long question = e.await(n -> WsClient.type(n).equals("question_submitted")).get("question_id").asLong();
      k.requireAck("upvote_question", "meeting", meeting, "question", question);
      chair.requireAck("call_meeting_vote", "meeting", meeting, "item", item, "question", "Should the Change Board approve MP215?");
      vote = k.await(n -> WsClient.type(n).equals("meeting_vote_opened")).get("vote_id").asLong();
      k.requireAck("cast_meeting_ballot", "meeting", meeting, "vote", vote, "choice", "approve", "reason", "Clarifies the Affiliate rules");
      e.requireAck("cast_meeting_ballot", "meeting", meeting, "vote", vote, "choice", "reject", "reason", "Networks were not consulted");

      JsonNode live = check("GET", "/api/meetings/{id}", kate.get(path));
      assertThat(live.get("state").asText()).isEqualTo("open");
      assertThat(live.at("/floor/holder/display_name").asText()).isEqualTo("Eric Electricity (Midlands)");
      assertThat(live.get("queue")).hasSize(1);
      assertThat(live.at("/votes/0/tally").isNull()).as("an open vote's tally is not told").isTrue();
      assertThat(live.get("sanctions")).hasSize(1);
      assertThat(live.get("delegates")).hasSize(1);
      assertThat(live.get("present")).hasSize(7);

      chair.requireAck("close_meeting_vote", "meeting", meeting, "vote", vote);
      chair.requireAck("record_decision", "meeting", meeting, "text", "MP215 approved.", "reason", "Better facilitates General SEC Objective (c).",
          "vote", vote);
      chair.requireAck("record_action", "meeting", meeting, "text", "Circulate the Affiliate guidance", "owner_user", server.userId("kate"),
          "due_working_days", 5);
      chair.requireAck("record_action", "meeting", meeting, "text", "Confirm the Affiliate registration guidance with SECAS",
          "owner_party", kestrel, "due_working_days", 10);
      chair.requireAck("take_question", "meeting", meeting);
      e.requireAck("leave_meeting", "meeting", meeting);
      chair.requireAck("set_meeting_state", "meeting", meeting, "state", "closed", "reason", "DP230 carried to the April meeting");
    }

    check("GET", "/api/meetings", kate.get("/api/meetings?body=" + board));
    JsonNode closed = check("GET", "/api/meetings/{id}", kate.get(path));
    assertThat(closed.get("state").asText()).isEqualTo("closed");
    assertThat(closed.at("/votes/0/tally")).isNotEmpty();
    JsonNode stretches = check("GET", "/api/meetings/{id}/attendance", kate.get(path + "/attendance"));
    assertThat(stretches).extracting(s -> s.get("capacity").asText()).contains("member", "alternate", "chair");
    check("GET", "/api/meetings/{id}/rulings", kate.get(path + "/rulings"));
    assertThat(check("GET", "/api/meetings/{id}/questions", kate.get(path + "/questions")).at("/0/asker").isNull()).isTrue();
    assertThat(check("GET", "/api/meetings/{id}/questions", admin.get(path + "/questions")).at("/0/asker/display_name").asText())
        .isEqualTo("Eric Electricity (Midlands)");
    JsonNode actions = check("GET", "/api/meetings/{id}/actions", kate.get(path + "/actions"));
    assertThat(actions).hasSize(2);
    long action = actions.get(0).get("id").asLong();
    assertThat(check("GET", "/api/actions", kate.get("/api/actions?status=open&meeting=" + meeting + "&q=Affiliate"))).hasSize(2);
    check("GET", "/api/actions", kate.get("/api/actions?owner_party=" + kestrel + "&body=" + board + "&limit=10"));
    check("GET", "/api/actions/{id}", kate.get("/api/actions/" + action));
    check("PUT", "/api/actions/{id}", kate.put("/api/actions/" + action, Map.of("status", "done", "note", "Circulated to all Parties")));
    assertThat(check("PUT", "/api/actions/{id}", kate.put("/api/actions/" + action, Map.of("status", "done"))).get("error").asText())
        .isEqualTo("conflict");
    assertThat(check("GET", "/api/actions/{id}", server.as("observer").get("/api/actions/" + action)).get("error").asText())
        .isEqualTo("not_authorised");

    JsonNode generated = check("GET", "/api/meetings/{id}/minutes", kate.get(path + "/minutes"));
    assertThat(generated.get("source").asText()).isEqualTo("generated");
    ApiClient.Response md = kate.get(path + "/minutes.md");
    check("GET", "/api/meetings/{id}/minutes.md", md);
    assertThat(md.contentType()).startsWith("text/markdown");
    assertThat(md.body()).startsWith("# Minutes: Change Board, March 2030").isEqualTo(generated.get("markdown").asText());
    ApiClient.Response html = kate.get(path + "/minutes.html");
    check("GET", "/api/meetings/{id}/minutes.html", html);
    assertThat(html.contentType()).startsWith("text/html");
    assertThat(html.body()).contains("<h1>Minutes: Change Board, March 2030</h1>");
    ApiClient.Response fromRecord = kate.get(path + "/minutes/generated");
    check("GET", "/api/meetings/{id}/minutes/generated", fromRecord);
    assertThat(fromRecord.contentType()).startsWith("text/markdown");
    check("PUT", "/api/meetings/{id}/minutes", secas.put(path + "/minutes", Map.of("markdown", md.body() + "\nApproved by the chair.\n")));
    assertThat(check("POST", "/api/meetings/{id}/minutes/publish", secas.post(path + "/minutes/publish", "{}")).get("source").asText())
        .isEqualTo("published");
    assertThat(check("POST", "/api/meetings/{id}/minutes/publish", secas.post(path + "/minutes/publish", "{}")).get("error").asText())
        .isEqualTo("conflict");
    check("GET", "/api/meetings/{id}/minutes", kate.get(path + "/minutes"));

    // A second meeting, prepared and then cancelled: the remaining preparation routes.
    JsonNode april = check("POST", "/api/meetings", secas.post("/api/meetings", Map.of("body_id", board,
        "title", "Change Board, April 2030", "scheduled_start", "2030-04-03T10:00:00Z", "agenda", List.of(
            Map.of("title", "DP230 Digital postal votes for Change Board decisions", "modification_id", "DP230")))));
    String aprilPath = "/api/meetings/" + april.get("id").asLong();
    check("DELETE", "/api/meetings/{id}/agenda/{itemId}", secas.delete(aprilPath + "/agenda/" + april.at("/agenda/0/id").asLong()));
    check("PUT", "/api/meetings/{id}/roles/{userId}", secas.put(aprilPath + "/roles/" + server.userId("kate"), Map.of("role", "minute_taker")));
    check("DELETE", "/api/meetings/{id}/roles/{userId}/{role}", secas.delete(aprilPath + "/roles/" + server.userId("kate") + "/minute_taker"));
    check("POST", "/api/meetings/{id}/delegates", server.as("bella").post(aprilPath + "/delegates",
        Map.of("principal_user_id", bella, "delegate_user_id", bryony, "kind", "proxy")));
    check("DELETE", "/api/meetings/{id}/delegates/{userId}", server.as("bella").delete(aprilPath + "/delegates/" + bella));
    assertThat(check("DELETE", "/api/meetings/{id}", secas.delete(aprilPath)).get("state").asText()).isEqualTo("cancelled");
    assertThat(check("DELETE", "/api/meetings/{id}", secas.delete(aprilPath)).get("error").asText()).isEqualTo("conflict");

    JsonNode page = check("GET", "/api/rooms/{id}/events", kate.get("/api/rooms/" + room + "/events?limit=200"));
    assertThat(page.get("has_more").asBoolean()).isFalse();
    assertThat(page.get("events")).extracting(ev -> ev.get("type").asText()).contains("meeting_state_changed", "attendance_changed",
        "quoracy_changed", "agenda_moved", "speaking_queue_changed", "floor_changed", "chair_ruling", "question_submitted",
        "question_upvoted", "question_taken", "meeting_vote_opened", "meeting_ballot_count", "meeting_vote_closed",
        "meeting_decision_recorded", "action_recorded", "action_updated", "minutes_published", "system_notice");
    for (JsonNode event : page.get("events")) {
      ServerEvent decoded = ProtocolCodec.decodeEvent(event.toString());
      assertThat(decoded).as(event.toString()).isInstanceOf(RoomEvent.class);
      assertThat(JSON.readTree(ProtocolCodec.encode(decoded))).as("the protocol's shape of " + event).isEqualTo(event);
    }
  }

  private static JsonNode check(String method, String template, ApiClient.Response r) {
    return document.check(method, template, r);
  }
}
