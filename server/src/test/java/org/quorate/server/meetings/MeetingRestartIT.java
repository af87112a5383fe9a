package org.quorate.server.meetings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.server.meetings.MeetingTestKit.event;
import static org.quorate.server.meetings.MeetingTestKit.item;
import static org.quorate.server.meetings.MeetingTestKit.ok;
import static org.quorate.server.meetings.MeetingTestKit.refused;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** A server restart in the middle of a meeting loses nothing: the store is the meeting's only memory. */
@DemoServer
class MeetingRestartIT {
  static TestServer server;
  static MeetingTestKit kit;

  @BeforeAll
  static void start() {
    kit = new MeetingTestKit(server);
  }

  @Test
  void aRestartDuringAnOpenMeetingKeepsAgendaPositionQueueFloorAttendanceAndOpenVotes() {
    long panel = kit.bodyId("PANEL");
    long room = kit.roomOfBody(panel);
    long meeting = kit.createMeeting(kit.admin(), panel, "SEC Panel, June 2030", "2030-06-04T10:00:00Z",
        List.of(item("Minutes of the last meeting", null), item("MP210 firmware updates", "MP210"), item("Any other business", null)))
        .get("id").asLong();
    long item2 = kit.itemId(meeting, 2);
    List<String> members = List.of("alice", "arthur", "kate", "eric", "gary", "oscar", "connie");
    long vote;
    long lastSeq;
    List<WsClient> clients = new ArrayList<>();
    try {
      WsClient chair = kit.connect("chair", room);
      clients.add(chair);
      ok(chair, "set_meeting_state", "meeting", meeting, "state", "open");
      ok(chair, "join_meeting", "meeting", meeting);
      for (String m : members) {
        WsClient c = kit.connect(m, room);
        clients.add(c);
        ok(c, "join_meeting", "meeting", meeting);
      }
      ok(chair, "mark_attendance", "meeting", meeting, "user", kit.userId("gary"), "present", true, "mode", "in_room");
      ok(chair, "move_agenda", "meeting", meeting, "item", item2);
      ok(client(clients, 3), "raise_hand", "meeting", meeting);                              // kate
      ok(client(clients, 4), "raise_hand", "meeting", meeting);                              // eric
      ok(client(clients, 1), "raise_hand", "meeting", meeting, "point_of_order", true);      // alice
      ok(chair, "give_floor", "meeting", meeting, "user", kit.userId("oscar"), "speaking_seconds", 300);
      vote = event(chair, room, ok(chair, "call_meeting_vote", "meeting", meeting, "item", item2,
          "question", "Should MP210 proceed to the Report Phase?")).get("vote_id").asLong();
      ok(client(clients, 1), "cast_meeting_ballot", "meeting", meeting, "vote", vote, "choice", "approve");
      ok(client(clients, 3), "cast_meeting_ballot", "meeting", meeting, "vote", vote, "choice", "reject");
      lastSeq = ok(chair, "mute_participant", "meeting", meeting, "user", kit.userId("arthur"), "muted", true, "reason", "Crosstalk");
    } finally {
      clients.forEach(WsClient::close);
    }
    JsonNode before = kit.view(meeting);
    assertThat(before.at("/current_item_id").asLong()).isEqualTo(item2);
    assertThat(before.get("queue")).hasSize(3);
    assertThat(before.get("present")).hasSize(8);
    assertThat(before.at("/votes/0/closed_at").isNull()).isTrue();

    server.restart();

    JsonNode after = kit.view(meeting);
    assertThat(after).isEqualTo(before);
    assertThat(names(after.get("queue"), "/user/display_name")).containsExactly("Alice Large (Northwind)", "Kate Kestrel",
        "Eric Electricity (Midlands)");
    assertThat(after.at("/floor/holder/display_name").asText()).isEqualTo("Oscar Other (Meterworks)");
    assertThat(after.at("/floor/ends_at").isNull()).isFalse();
    assertThat(after.at("/votes/0/cast").asInt()).isEqualTo(2);
    // The open vote is a decision, frozen electorate, ballots and all.
    JsonNode decision = kit.admin().get("/api/decisions/" + vote).json();
    assertThat(decision.get("status").asText()).isEqualTo("open");
    assertThat(decision.get("kind").asText()).isEqualTo("meeting");
    assertThat(decision.get("electorate").asInt()).isEqualTo(6);
    assertThat(decision.get("ballots")).hasSize(2);
    assertThat(after.get("present").toString()).contains("in_room");

    // The meeting carries on where it was: clients resume the room, the queue and the open vote continue.
    try (WsClient chair = WsClient.connect(server.port(), server.as("chair").token());
        WsClient eric = kit.connect("eric", room);
        WsClient arthur = kit.connect("arthur", room)) {
      assertThat(chair.subscribe(room, lastSeq).get("type").asText()).isEqualTo("subscribed");
      JsonNode next = event(chair, room, ok(chair, "give_floor", "meeting", meeting));
      assertThat(next.at("/holder/display_name").asText()).isEqualTo("Alice Large (Northwind)");
      ok(eric, "cast_meeting_ballot", "meeting", meeting, "vote", vote, "choice", "approve");
      JsonNode closed = event(chair, room, ok(chair, "close_meeting_vote", "meeting", meeting, "vote", vote));
      assertThat(closed.get("tally").toString()).isEqualTo("[{\"option\":\"approve\",\"votes\":2},{\"option\":\"reject\",\"votes\":1},"
          + "{\"option\":\"abstain\",\"votes\":0}]");
      assertThat(closed.get("outcome").asText()).isEqualTo("carried");
      assertThat(closed.get("rule").asText()).startsWith("PANEL v1 — majority: ");
      assertThat(closed.get("explanation").asText()).contains("quorate: 6 of 6 voting members present or voted (more than half required)");
      refused(arthur, "not_authorised", "post_message", "room", room, "body", "Still muted?");
      // Nothing follows the close in the room but the ledger's checkpoint that a closing decision posts.
      long last = kit.admin().get("/api/rooms/" + room).json().get("last_seq").asLong();
      for (JsonNode e : kit.admin().get("/api/rooms/" + room + "/events?limit=10").json().findParents("seq")) {
        if (e.get("seq").asLong() > closed.get("seq").asLong() && e.get("seq").asLong() <= last) {
          assertThat(e.path("kind").asText()).as(e.toString()).isEqualTo("ledger_checkpoint");
        }
      }
    }
  }

  private static WsClient client(List<WsClient> clients, int index) {
    return clients.get(index);
  }

  private static List<String> names(JsonNode array, String pointer) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.at(pointer).asText()));
    return out;
  }

}
