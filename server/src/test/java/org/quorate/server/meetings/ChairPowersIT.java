package org.quorate.server.meetings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.server.meetings.MeetingTestKit.item;
import static org.quorate.server.meetings.MeetingTestKit.ok;
import static org.quorate.server.meetings.MeetingTestKit.send;

import com.fasterxml.jackson.databind.JsonNode;
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

/** Every power of the chair, attempted by a member who is not the acting chair: refused, and nothing changes. */
@DemoServer
class ChairPowersIT {
  static TestServer server;
  static MeetingTestKit kit;

  @BeforeAll
  static void start() {
    kit = new MeetingTestKit(server);
  }

  @Test
  void everyChairPowerIsRefusedToANonChairAndTheRefusalChangesNothing() {
    long panel = kit.bodyId("PANEL");
    long room = kit.roomOfBody(panel);
    long meeting = kit.createMeeting(kit.admin(), panel, "SEC Panel, April 2030", "2030-04-02T10:00:00Z",
        List.of(item("MP221 Urgent SMKI correction", "MP221"), item("Any other business", null))).get("id").asLong();
    long scheduled = kit.createMeeting(kit.admin(), panel, "SEC Panel, May 2030", "2030-05-07T10:00:00Z", List.of()).get("id").asLong();
    long item1 = kit.itemId(meeting, 1);
    long item2 = kit.itemId(meeting, 2);
    long kate = kit.userId("kate");
    long alice = kit.userId("alice");

    try (WsClient chair = kit.connect("chair", room); WsClient a = kit.connect("alice", room); WsClient k = kit.connect("kate", room)) {
      // A live meeting with something to act on for every power: a floor holder, a queue, an open vote, a question, a message.
      ok(chair, "set_meeting_state", "meeting", meeting, "state", "open");
      ok(chair, "move_agenda", "meeting", meeting, "item", item1);
      ok(a, "join_meeting", "meeting", meeting);
      ok(k, "join_meeting", "meeting", meeting);
      ok(k, "raise_hand", "meeting", meeting);
      ok(a, "raise_hand", "meeting", meeting);
      ok(chair, "give_floor", "meeting", meeting, "user", kate);
      long vote = MeetingTestKit.event(a, room, ok(chair, "call_meeting_vote", "meeting", meeting, "item", item1,
          "question", "Should the Panel grant MP221 urgent status?")).get("vote_id").asLong();
      ok(a, "cast_meeting_ballot", "meeting", meeting, "vote", vote, "choice", "approve");
      long question = MeetingTestKit.event(a, room, ok(k, "submit_question", "meeting", meeting, "text", "When does the fix ship?"))
          .get("question_id").asLong();
      long message = k.post(room, "The revocation window is too short.").get("message_id").asLong();

      State before = state(meeting, scheduled, room);
      List<Map<String, Object>> attempts = List.of(
          cmd("set_meeting_state", "meeting", meeting, "state", "adjourned", "reason", "Break"),
          cmd("set_meeting_state", "meeting", meeting, "state", "closed", "reason", "Done"),
          cmd("set_meeting_state", "meeting", scheduled, "state", "open"),
          cmd("move_agenda", "meeting", meeting, "item", item2),
          cmd("mark_attendance", "meeting", meeting, "user", kit.userId("eric"), "present", true, "mode", "in_room"),
          cmd("mark_attendance", "meeting", meeting, "user", kate, "present", false),
          cmd("give_floor", "meeting", meeting),
          cmd("give_floor", "meeting", meeting, "user", alice, "speaking_seconds", 60),
          cmd("take_floor_back", "meeting", meeting, "reason", "Time"),
          cmd("reorder_queue", "meeting", meeting, "user", alice, "position", 1, "reason", "Me first"),
          cmd("mute_participant", "meeting", meeting, "user", kate, "muted", true, "reason", "Too loud"),
          cmd("remove_participant", "meeting", meeting, "user", kate, "reason", "Disruptive"),
          cmd("lock_meeting_room", "meeting", meeting, "locked", true),
          cmd("hand_over_chair", "meeting", meeting, "to", alice),
          cmd("hand_over_chair", "meeting", meeting, "to", kit.userId("secas")),
          cmd("call_meeting_vote", "meeting", meeting, "item", item2, "question", "Anything?"),
          cmd("close_meeting_vote", "meeting", meeting, "vote", vote, "reason", "Enough"),
          cmd("take_question", "meeting", meeting),
          cmd("take_question", "meeting", meeting, "question", question),
          cmd("record_decision", "meeting", meeting, "text", "Urgent status granted."),
          cmd("record_action", "meeting", meeting, "text", "Ship the fix", "owner_user", kate, "due_working_days", 3),
          cmd("pin_message", "room", room, "message_id", message, "pinned", true));
      List<String> ids = new ArrayList<>();
      for (Map<String, Object> attempt : attempts) {
        JsonNode reply = a.request(attempt);
        ids.add(reply.path("id").asText());
        assertThat(reply.get("type").asText()).as(attempt + " -> " + reply).isEqualTo("error");
        assertThat(reply.get("code").asText()).as(attempt + " -> " + reply).isEqualTo("not_authorised");
      }
      // The REST powers of the chair and organisers, likewise.
      ApiClient alicesApi = server.as("alice");
      assertThat(alicesApi.put("/api/meetings/" + meeting + "/minutes", Map.of("markdown", "# Mine")).error()).isEqualTo("not_authorised");
      assertThat(alicesApi.post("/api/meetings/" + meeting + "/minutes/publish", Map.of()).error()).isEqualTo("not_authorised");
      assertThat(alicesApi.post("/api/meetings/" + meeting + "/agenda", Map.of("title", "My item")).error()).isEqualTo("not_authorised");
      assertThat(alicesApi.post("/api/meetings/" + meeting + "/papers", Map.of("title", "Mine", "url", "https://example.org/x")).error())
          .isEqualTo("not_authorised");
      assertThat(alicesApi.put("/api/meetings/" + meeting + "/roles/" + alice, Map.of("role", "co_chair")).error()).isEqualTo("not_authorised");
      assertThat(alicesApi.put("/api/meetings/" + scheduled, Map.of("title", "Mine", "scheduled_start", "2030-05-08T10:00:00Z")).error())
          .isEqualTo("not_authorised");
      assertThat(alicesApi.delete("/api/meetings/" + scheduled).error()).isEqualTo("not_authorised");
      assertThat(alicesApi.post("/api/meetings", Map.of("body_id", panel, "title", "Mine", "scheduled_start", "2030-06-01T10:00:00Z")).error())
          .isEqualTo("not_authorised");

      assertThat(state(meeting, scheduled, room)).isEqualTo(before);
      // The refusals left no trace in the command log either: the same ids retried are refused again, not "duplicates".
      try (WsClient again = kit.connect("alice", room)) {
        for (int i = 0; i < attempts.size(); i++) {
          Map<String, Object> retry = new LinkedHashMap<>(attempts.get(i));
          retry.put("id", ids.get(i));
          assertThat(again.request(retry).get("code").asText()).isEqualTo("not_authorised");
        }
      }
      // ...while the acting chair can do the same things.
      ok(chair, "take_floor_back", "meeting", meeting, "reason", "Time");
      assertThat(send(chair, "give_floor", "meeting", meeting).get("type").asText()).isEqualTo("ack");
    }
  }

  @Test
  void everyClientCommandReachesAHandler() {
    assertThat(server.server().features().commands().missing()).isEmpty();
  }

  /** What a refused command could have changed: the meeting, its record, its minutes and the room. */
  record State(String meeting, String scheduled, String rulings, String actions, String questions, String minutes, long roomLastSeq) {}

  private State state(long meeting, long scheduled, long room) {
    ApiClient admin = kit.admin();
    return new State(admin.get("/api/meetings/" + meeting).body(), admin.get("/api/meetings/" + scheduled).body(),
        admin.get("/api/meetings/" + meeting + "/rulings").body(), admin.get("/api/meetings/" + meeting + "/actions").body(),
        admin.get("/api/meetings/" + meeting + "/questions").body(), admin.get("/api/meetings/" + meeting + "/minutes").body(),
        admin.get("/api/rooms/" + room).json().get("last_seq").asLong());
  }

  private static Map<String, Object> cmd(String type, Object... fields) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("id", WsClient.newId());
    for (int i = 0; i < fields.length; i += 2) {
      m.put((String) fields[i], fields[i + 1]);
    }
    return m;
  }
}
