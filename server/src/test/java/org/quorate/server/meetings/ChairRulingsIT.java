package org.quorate.server.meetings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.server.meetings.MeetingTestKit.event;
import static org.quorate.server.meetings.MeetingTestKit.item;
import static org.quorate.server.meetings.MeetingTestKit.ok;
import static org.quorate.server.meetings.MeetingTestKit.refused;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** The chair's rulings are recorded with their reasons, shown to the room, and enforced. */
@DemoServer
class ChairRulingsIT {
  static TestServer server;
  static MeetingTestKit kit;
  static long panel;
  static long room;
  long meeting;

  @BeforeAll
  static void start() {
    kit = new MeetingTestKit(server);
    panel = kit.bodyId("PANEL");
    room = kit.roomOfBody(panel);
  }

  @BeforeEach
  void openMeeting() {
    meeting = kit.createMeeting(kit.admin(), panel, "SEC Panel", "2030-07-02T10:00:00Z", List.of(item("Business", null)))
        .get("id").asLong();
    try (WsClient chair = kit.connect("chair", room)) {
      ok(chair, "set_meeting_state", "meeting", meeting, "state", "open");
    }
  }

  private long lastSeq() {
    return kit.admin().get("/api/rooms/" + room).json().get("last_seq").asLong();
  }

  private void close(WsClient chair) {
    ok(chair, "set_meeting_state", "meeting", meeting, "state", "closed", "reason", "End of test");
  }

  @Test
  void aMutedParticipantsPostIsRefusedAndStoresNothingUntilTheChairUnmutesThem() {
    try (WsClient chair = kit.connect("chair", room); WsClient kate = kit.connect("kate", room); WsClient alice = kit.connect("alice", room)) {
      JsonNode ruling = event(alice, room, ok(chair, "mute_participant", "meeting", meeting, "user", kit.userId("kate"), "muted", true,
          "reason", "Repeated interruptions"));
      assertThat(ruling.get("kind").asText()).isEqualTo("mute");
      assertThat(ruling.get("reason").asText()).isEqualTo("Repeated interruptions");
      assertThat(ruling.at("/subject/display_name").asText()).isEqualTo("Kate Kestrel");

      long before = lastSeq();
      refused(kate, "not_authorised", "post_message", "room", room, "body", "But I must say this");
      assertThat(lastSeq()).isEqualTo(before);
      assertThat(alice.post(room, "Alice may still speak").get("type").asText()).isEqualTo("ack");
      refused(chair, "conflict", "mute_participant", "meeting", meeting, "user", kit.userId("kate"), "muted", true, "reason", "Again");

      ok(chair, "mute_participant", "meeting", meeting, "user", kit.userId("kate"), "muted", false);
      assertThat(kate.post(room, "Thank you, Chair").get("type").asText()).isEqualTo("ack");
      close(chair);
    }
  }

  @Test
  void aRemovedParticipantLeavesAndCannotRejoinOrPostForTheRestOfTheMeeting() {
    try (WsClient chair = kit.connect("chair", room); WsClient eric = kit.connect("eric", room); WsClient alice = kit.connect("alice", room)) {
      ok(eric, "join_meeting", "meeting", meeting);
      ok(eric, "raise_hand", "meeting", meeting);
      long seq = ok(chair, "remove_participant", "meeting", meeting, "user", kit.userId("eric"), "reason", "Breach of the meeting's rules");
      assertThat(event(alice, room, seq).get("kind").asText()).isEqualTo("remove");
      JsonNode left = event(alice, room, seq + 1);
      assertThat(left.get("type").asText()).isEqualTo("attendance_changed");
      assertThat(left.get("present").asBoolean()).isFalse();
      assertThat(event(alice, room, seq + 2).get("queue")).isEmpty();

      refused(eric, "not_authorised", "join_meeting", "meeting", meeting);
      refused(eric, "not_authorised", "post_message", "room", room, "body", "Let me back in");
      refused(eric, "not_authorised", "submit_question", "meeting", meeting, "text", "Why?");
      refused(eric, "conflict", "raise_hand", "meeting", meeting);
      assertThat(kit.view(meeting).get("sanctions").toString()).contains("removed").contains("Breach of the meeting's rules");

      close(chair);
      assertThat(eric.post(room, "After the meeting").get("type").asText()).isEqualTo("ack");
    }
  }

  @Test
  void aLockedRoomTakesJoinsAndPostsFromMembersOnly() {
    try (WsClient chair = kit.connect("chair", room); WsClient admin = kit.connect("admin", room); WsClient kate = kit.connect("kate", room)) {
      ok(chair, "lock_meeting_room", "meeting", meeting, "locked", true, "reason", "Commercially sensitive item");
      refused(admin, "not_authorised", "join_meeting", "meeting", meeting);
      refused(admin, "not_authorised", "post_message", "room", room, "body", "SECAS note");
      assertThat(kate.post(room, "Members may post").get("type").asText()).isEqualTo("ack");
      ok(chair, "lock_meeting_room", "meeting", meeting, "locked", false);
      assertThat(admin.post(room, "SECAS note").get("type").asText()).isEqualTo("ack");
      ok(admin, "join_meeting", "meeting", meeting);
      assertThat(kit.view(meeting).get("present").toString()).contains("\"capacity\":\"chair\"");
      close(chair);
    }
  }

  @Test
  void theChairPassesOnlyByARecordedHandoverAndOnlyTheActingChairWieldsItsPowers() {
    long alice = kit.userId("alice");
    ApiClient.Response granted = kit.admin().put("/api/meetings/" + meeting + "/roles/" + alice, Map.of("role", "co_chair"));
    assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
    try (WsClient chair = kit.connect("chair", room); WsClient co = kit.connect("alice", room); WsClient secas = kit.connect("secas", room);
        WsClient kate = kit.connect("kate", room)) {
      long message = kate.post(room, "Please pin the revised timetable").get("message_id").asLong();
      refused(co, "not_authorised", "pin_message", "room", room, "message_id", message, "pinned", true);
      refused(secas, "not_authorised", "lock_meeting_room", "meeting", meeting, "locked", true);
      refused(chair, "invalid", "hand_over_chair", "meeting", meeting, "to", kit.userId("kate"));

      JsonNode handover = event(kate, room, ok(chair, "hand_over_chair", "meeting", meeting, "to", alice, "reason", "Chair conflicted on item"));
      assertThat(handover.get("kind").asText()).isEqualTo("chair_handover");
      assertThat(handover.at("/subject/display_name").asText()).isEqualTo("Alice Large (Northwind)");
      ok(co, "pin_message", "room", room, "message_id", message, "pinned", true);
      refused(chair, "not_authorised", "lock_meeting_room", "meeting", meeting, "locked", true);

      // A SECAS moderator may take the chair (the co-chair dropped off the call); that too is recorded.
      JsonNode taken = event(kate, room, ok(secas, "hand_over_chair", "meeting", meeting, "to", kit.userId("secas"), "reason", "Co-chair lost connection"));
      assertThat(taken.at("/by/display_name").asText()).isEqualTo("Sam Secretariat (SECAS)");
      refused(co, "not_authorised", "lock_meeting_room", "meeting", meeting, "locked", true);
      assertThat(kit.view(meeting).at("/acting_chair/display_name").asText()).isEqualTo("Sam Secretariat (SECAS)");
      ok(secas, "set_meeting_state", "meeting", meeting, "state", "closed", "reason", "End of test");
      assertThat(kit.admin().get("/api/meetings/" + meeting + "/minutes.md").body())
          .contains("Chaired by: Charlotte Chair, then Alice Large (Northwind), then Sam Secretariat (SECAS)")
          .contains("chair handed over | Sam Secretariat (SECAS) | Co-chair lost connection");
    }
  }

  @Test
  void onlyAnAppointedAlternateMayFillAMembersSeat() {
    long arthur = kit.userId("arthur");
    long rep = kit.userId("rep");
    ApiClient.Response byStranger = server.as("rep").post("/api/meetings/" + meeting + "/delegates",
        Map.of("principal_user_id", arthur, "delegate_user_id", rep, "kind", "proxy"));
    assertThat(byStranger.error()).isEqualTo("not_authorised");
    try (WsClient alice = kit.connect("alice", room)) {
      refused(alice, "not_authorised", "join_meeting", "meeting", meeting, "on_behalf_of", arthur);
    }
    ApiClient.Response byMember = server.as("arthur").post("/api/meetings/" + meeting + "/delegates",
        Map.of("principal_user_id", arthur, "delegate_user_id", rep, "kind", "proxy"));
    assertThat(byMember.status()).as(byMember.toString()).isEqualTo(200);
    try (WsClient proxy = kit.connect("rep", room); WsClient chair = kit.connect("chair", room)) {
      JsonNode joined = event(chair, room, ok(proxy, "join_meeting", "meeting", meeting, "on_behalf_of", arthur));
      assertThat(joined.get("capacity").asText()).isEqualTo("proxy");
      assertThat(joined.at("/on_behalf_of/display_name").asText()).isEqualTo("Arthur Albion");
      assertThat(proxy.post(room, "Speaking for Albion Power").get("type").asText()).isEqualTo("ack");
      close(chair);
    }
    // Once the meeting is over the proxy no longer belongs in the body's room.
    assertThat(server.as("rep").get("/api/rooms/" + room).error()).isEqualTo("not_authorised");
  }
}
