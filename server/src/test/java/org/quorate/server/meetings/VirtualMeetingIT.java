package org.quorate.server.meetings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.server.meetings.MeetingTestKit.event;
import static org.quorate.server.meetings.MeetingTestKit.events;
import static org.quorate.server.meetings.MeetingTestKit.item;
import static org.quorate.server.meetings.MeetingTestKit.ok;
import static org.quorate.server.meetings.MeetingTestKit.refused;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * A Change Board meeting run end to end over real WebSockets: a chair and twelve participants (ten of
 * the twelve voting seats, one filled by an alternate, and the non-voting Consumer Member and DCC
 * representative). The two members who cannot attend vote by post before the meeting, and the meeting
 * vote on MP215 takes their postal ballots in.
 */
@DemoServer
class VirtualMeetingIT {
  static TestServer server;
  static MeetingTestKit kit;

  @BeforeAll
  static void start() {
    kit = new MeetingTestKit(server);
  }

  @Test
  void aChairRunsAMeetingFromQuoracyThroughTheFloorAVoteAndActionsToPublishedMinutes() throws IOException {
    long board = kit.bodyId("CHANGE_BOARD");
    long room = kit.roomOfBody(board);
    // The demo Change Board has nine voting seats; three more make twelve, and Bella sends an alternate.
    long gridsense = kit.partyId("GridSense Data Ltd");
    kit.addMember(board, kit.createUser("grace", "Grace GridSense", gridsense, "member"), "Other SEC Party Representative", true, gridsense);
    long nimbus = kit.createParty("Nimbus Energy Ltd", "small_supplier");
    kit.addMember(board, kit.createUser("nina", "Nina Nimbus", nimbus, "member"), "Small Supplier Representative", true, nimbus);
    long lakeside = kit.createParty("Lakeside Networks Ltd", "electricity_network");
    kit.addMember(board, kit.createUser("luke", "Luke Lakeside", lakeside, "member"), "Electricity Network Representative", true, lakeside);
    long brightwater = kit.partyId("Brightwater Supply Co-operative");
    long bryony = kit.createUser("bryony", "Bryony Brightwater", brightwater, "member");
    long bella = kit.userId("bella");
    long alice = kit.userId("alice");
    long kestrel = kit.partyId("Kestrel Energy Ltd");
    long dccParty = kit.partyId("Data Communications Company");
    kit.addMember(board, kit.userId("dcc"), "DCC Representative", false, dccParty);

    JsonNode created = kit.createMeeting(kit.admin(), board, "Change Board, March 2030", "2030-03-05T10:00:00Z",
        List.of(item("MP215 Clarifying the Party Category of Affiliates", "MP215"), item("DP230 Digital postal votes", "DP230"),
            item("Any other business", null)));
    long meeting = created.get("id").asLong();
    long item1 = kit.itemId(meeting, 1);
    assertThat(kit.admin().post("/api/meetings/" + meeting + "/papers", Map.of("title", "MP215 Modification Report",
        "url", "https://example.org/mp215.pdf", "published_at", "2030-02-20T09:00:00Z")).json().get("late").asBoolean()).isFalse();
    assertThat(kit.admin().post("/api/meetings/" + meeting + "/papers", Map.of("title", "DP230 cost annex", "file", Map.of("name", "dp230-annex.pdf",
        "media_type", "application/pdf", "size_bytes", 48213), "published_at", "2030-03-04T09:00:00Z")).json().get("late").asBoolean()).isTrue();
    ApiClient.Response appointed = server.as("bella").post("/api/meetings/" + meeting + "/delegates",
        Map.of("principal_user_id", bella, "delegate_user_id", bryony, "kind", "alternate"));
    assertThat(appointed.status()).as(appointed.toString()).isEqualTo(200);

    // Penny and Gary cannot attend: they vote by post on MP215 before the meeting, reasons and all.
    Map<String, Object> postal = new LinkedHashMap<>(Map.of("body", "CHANGE_BOARD", "modification_id", "MP215", "kind", "postal",
        "question", "Should the Change Board approve MP215?", "meeting_id", meeting, "closes_at", "2030-03-05T10:00:00Z"));
    ApiClient.Response openedPostal = server.as("secas").post("/api/decisions", postal);
    assertThat(openedPostal.status()).as(openedPostal.toString()).isEqualTo(201);
    long postalVote = openedPostal.json().get("decision_id").asLong();
    castByPost("penny", postalVote, "approve", "Removes an ambiguity for network operators' Affiliates.");
    castByPost("gary", postalVote, "abstain", "No effect on gas transporters either way.");

    List<String> names = List.of("alice", "arthur", "kate", "eric", "connie", "dcc", "bryony", "callum", "oscar", "grace", "nina", "luke");
    Map<String, WsClient> ws = new LinkedHashMap<>();
    WsClient chair = kit.connect("secas", room);
    try {
      for (String n : names) {
        ws.put(n, kit.connect(n, room));
      }
      ok(chair, "set_meeting_state", "meeting", meeting, "state", "open");
      ok(chair, "join_meeting", "meeting", meeting);
      for (String n : names) {
        if (n.equals("bryony")) {
          ok(ws.get(n), "join_meeting", "meeting", meeting, "on_behalf_of", bella);
        } else {
          ok(ws.get(n), "join_meeting", "meeting", meeting);
        }
      }
      long marked = ok(chair, "mark_attendance", "meeting", meeting, "user", kit.userId("oscar"), "present", true, "mode", "in_room");
      assertThat(event(ws.get("oscar"), room, marked).get("mode").asText()).isEqualTo("in_room");

      // Hands: three raised, then a point of order jumps the queue.
      ok(chair, "move_agenda", "meeting", meeting, "item", item1);
      ok(ws.get("kate"), "raise_hand", "meeting", meeting);
      ok(ws.get("eric"), "raise_hand", "meeting", meeting);
      ok(ws.get("callum"), "raise_hand", "meeting", meeting);
      long poo = ok(ws.get("alice"), "raise_hand", "meeting", meeting, "point_of_order", true);
      assertThat(queue(event(ws.get("luke"), room, poo))).containsExactly("Alice Large (Northwind)", "Kate Kestrel",
          "Eric Electricity (Midlands)", "Callum Caledonia");
      List<String> floor = new ArrayList<>();
      floor.add(holder(event(ws.get("luke"), room, ok(chair, "give_floor", "meeting", meeting))));
      floor.add(holder(event(ws.get("luke"), room, ok(chair, "give_floor", "meeting", meeting))));
      long reorder = ok(chair, "reorder_queue", "meeting", meeting, "user", kit.userId("callum"), "position", 1,
          "reason", "Gas Networks have not yet been heard");
      JsonNode ruling = event(ws.get("luke"), room, reorder);
      assertThat(ruling.get("type").asText()).isEqualTo("chair_ruling");
      assertThat(ruling.get("reason").asText()).isEqualTo("Gas Networks have not yet been heard");
      floor.add(holder(event(ws.get("luke"), room, ok(chair, "give_floor", "meeting", meeting))));
      JsonNode timed = event(ws.get("luke"), room, ok(chair, "give_floor", "meeting", meeting, "speaking_seconds", 120));
      floor.add(holder(timed));
      assertThat(timed.get("ends_at").isNull()).isFalse();
      assertThat(floor).containsExactly("Alice Large (Northwind)", "Kate Kestrel", "Callum Caledonia", "Eric Electricity (Midlands)");
      assertThat(event(ws.get("luke"), room, ok(chair, "take_floor_back", "meeting", meeting)).get("holder").isNull()).isTrue();

      // A question from the floor, anonymous to the room, up-voted, taken by the chair.
      long asked = ok(ws.get("nina"), "submit_question", "meeting", meeting, "text", "Will Affiliates need to re-register?", "anonymous", true);
      JsonNode question = event(ws.get("alice"), room, asked);
      assertThat(question.get("asker").isNull()).isTrue();
      long questionId = question.get("question_id").asLong();
      ok(ws.get("luke"), "upvote_question", "meeting", meeting, "question", questionId);
      ok(ws.get("alice"), "upvote_question", "meeting", meeting, "question", questionId);
      ok(chair, "take_question", "meeting", meeting);
      assertThat(server.as("alice").get("/api/meetings/" + meeting + "/questions").json().get(0).get("asker").isNull()).isTrue();
      assertThat(server.as("admin").get("/api/meetings/" + meeting + "/questions").json().get(0).at("/asker/display_name").asText())
          .isEqualTo("Nina Nimbus");

      // The meeting vote on MP215 takes over the postal vote: Penny's and Gary's ballots are already in it.
      JsonNode opened = event(ws.get("alice"), room, ok(chair, "call_meeting_vote", "meeting", meeting, "item", item1,
          "question", "Should the Change Board approve MP215?"));
      long vote = opened.get("vote_id").asLong();
      assertThat(vote).isEqualTo(postalVote);
      assertThat(opened.get("electorate").asInt()).isEqualTo(12);
      Map<String, String> ballots = new LinkedHashMap<>();
      for (String n : List.of("alice", "arthur", "kate", "bryony", "callum", "oscar", "nina", "luke")) {
        ballots.put(n, "approve");
      }
      ballots.put("eric", "reject");
      ballots.put("grace", "reject");
      long lastCount = 0;
      for (var b : ballots.entrySet()) {
        lastCount = ok(ws.get(b.getKey()), "cast_meeting_ballot", "meeting", meeting, "vote", vote, "choice", b.getValue(),
            "reason", "The reasoning of " + b.getKey() + ".");
      }
      assertThat(event(ws.get("alice"), room, lastCount).get("cast").asInt()).isEqualTo(12);
      // The Change Board records every member's reasoning; the Consumer Member's seat does not vote.
      refused(ws.get("oscar"), "invalid", "cast_meeting_ballot", "meeting", meeting, "vote", vote, "choice", "reject");
      refused(ws.get("connie"), "not_authorised", "cast_meeting_ballot", "meeting", meeting, "vote", vote, "choice", "approve",
          "reason", "I have no vote.");
      JsonNode closed = event(ws.get("alice"), room, ok(chair, "close_meeting_vote", "meeting", meeting, "vote", vote));
      assertThat(closed.get("tally").toString()).isEqualTo("[{\"option\":\"approve\",\"votes\":9},{\"option\":\"reject\",\"votes\":2},"
          + "{\"option\":\"abstain\",\"votes\":1}]");
      assertThat(closed.get("outcome").asText()).isEqualTo("carried");
      assertThat(closed.get("quorate").asBoolean()).isTrue();
      assertThat(closed.get("explanation").asText()).contains("quorate: 12 of 12 voting members present or voted")
          .contains("postal ballots counted 2").contains("[rules CHANGE_BOARD v1]");
      assertThat(closed.get("rule").asText()).startsWith("CHANGE_BOARD v1 — majority: ");
      refused(ws.get("alice"), "decision_closed", "cast_meeting_ballot", "meeting", meeting, "vote", vote, "choice", "reject",
          "reason", "Second thoughts.");
      JsonNode register = server.as("penny").get("/api/modifications/MP215/register").json();
      JsonNode decided = register.get("decisions").get(0);
      assertThat(decided.get("outcome").asText()).isEqualTo("carried");
      assertThat(decided.get("ballots")).hasSize(12);
      assertThat(decided.get("ballots").toString()).contains("Removes an ambiguity for network operators' Affiliates.")
          .contains("The reasoning of grace.");

      ok(chair, "record_decision", "meeting", meeting, "text", "MP215 approved.", "reason", "Better facilitates General SEC Objective (a).",
          "vote", vote);
      long action = ok(chair, "record_action", "meeting", meeting, "text", "Publish the decision on MP215 to all Parties",
          "owner_user", alice, "due_working_days", 5);
      assertThat(event(ws.get("alice"), room, action).at("/owner_user/display_name").asText()).isEqualTo("Alice Large (Northwind)");
      ok(chair, "record_action", "meeting", meeting, "text", "Confirm the Affiliate registration guidance", "owner_party", kestrel,
          "due_working_days", 10);
      ws.get("alice").await(n -> WsClient.type(n).equals("notification") && n.get("kind").asText().equals("action_assigned"));
      ws.get("kate").await(n -> WsClient.type(n).equals("notification") && n.get("excerpt").asText().contains("Affiliate registration"));

      // Members leave until the meeting is inquorate; the chair adjourns and closes with the rest carried over.
      for (String n : List.of("callum", "oscar", "grace", "nina", "luke")) {
        ok(ws.get(n), "leave_meeting", "meeting", meeting);
      }
      JsonNode adjourned = event(ws.get("alice"), room, ok(chair, "set_meeting_state", "meeting", meeting, "state", "adjourned"));
      assertThat(adjourned.get("reason").asText()).startsWith("inquorate: 5 of 12 voting members present (at least half required)");
      refused(chair, "invalid", "set_meeting_state", "meeting", meeting, "state", "closed");
      ok(chair, "set_meeting_state", "meeting", meeting, "state", "closed", "reason", "Inquorate; DP230 carried to the next meeting");

      // Every participant saw quoracy turn true at half the voting seats (suppliers and networks present)
      // and false when the sixth of ten left: postal ballots count in a vote, never as attendance.
      List<String> quoracy = events(ws.get("connie"), room, "quoracy_changed").stream()
          .map(q -> q.get("present").asInt() + (q.get("quorate").asBoolean() ? "Q" : "-")).toList();
      assertThat(quoracy).containsExactly("0-", "1-", "2-", "3-", "4-", "5-", "6Q", "7Q", "8Q", "9Q", "10Q",
          "9Q", "8Q", "7Q", "6Q", "5-");

      ApiClient.Response md = server.as("alice").get("/api/meetings/" + meeting + "/minutes.md");
      assertThat(md.contentType()).startsWith("text/markdown");
      String actual = normalise(md.body());
      if (!actual.equals(resource("/meetings/virtual-meeting-minutes.md"))) {
        // For review: diff it against src/test/resources/meetings/virtual-meeting-minutes.md.
        Files.writeString(Path.of("target", "virtual-meeting-minutes.actual.md"), actual);
      }
      assertThat(actual).isEqualTo(resource("/meetings/virtual-meeting-minutes.md"));
      ApiClient.Response html = server.as("alice").get("/api/meetings/" + meeting + "/minutes.html");
      assertThat(html.contentType()).startsWith("text/html");
      assertThat(html.body()).contains("<h1>Minutes: Change Board, March 2030</h1>").contains("<strong>carried</strong>")
          .contains("<td>Bryony Brightwater</td><td>alternate for Bella Brightwater</td>");

      ApiClient.Response published = server.as("secas").post("/api/meetings/" + meeting + "/minutes/publish", Map.of());
      assertThat(published.status()).as(published.toString()).isEqualTo(200);
      assertThat(published.json().get("source").asText()).isEqualTo("published");
      ws.get("alice").await(n -> WsClient.type(n).equals("minutes_published") && n.get("room").asLong() == room);
      long mp215 = kit.roomOfModification("MP215");
      JsonNode last = last(server.as("alice").get("/api/rooms/" + mp215 + "/events").json().get("events"));
      // MP215's room is Green, the Change Board's Amber: the minutes reach it only as a link.
      assertThat(last.get("type").asText()).isEqualTo("system_notice");
      assertThat(last.get("kind").asText()).isEqualTo("minutes_available");
      assertThat(last.get("text").asText()).contains("/api/meetings/" + meeting + "/minutes.html");
    } finally {
      chair.close();
      ws.values().forEach(WsClient::close);
    }
  }

  private static void castByPost(String voter, long decision, String choice, String reason) {
    ApiClient.Response r = server.as(voter).post("/api/decisions/" + decision + "/ballots", Map.of(
        "choice", choice, "reason", reason));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  private static List<String> queue(JsonNode queueChanged) {
    List<String> out = new ArrayList<>();
    queueChanged.get("queue").forEach(e -> out.add(e.at("/user/display_name").asText()));
    return out;
  }

  private static String holder(JsonNode floorChanged) {
    assertThat(floorChanged.get("type").asText()).isEqualTo("floor_changed");
    return floorChanged.at("/holder/display_name").asText();
  }

  private static JsonNode last(JsonNode array) {
    return array.get(array.size() - 1);
  }

  /** Times, dates and store ids differ from run to run; the minutes' words and numbers must not. */
  static String normalise(String markdown) {
    return markdown.replaceAll("\\d{4}-\\d{2}-\\d{2}", "YYYY-MM-DD").replaceAll("\\b\\d{2}:\\d{2}\\b", "hh:mm")
        .replaceAll("/rooms/\\d+", "/rooms/N").replaceAll("from=\\d+", "from=S").replaceAll("to=\\d+", "to=S");
  }

  static String resource(String path) throws IOException {
    try (InputStream in = VirtualMeetingIT.class.getResourceAsStream(path)) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
