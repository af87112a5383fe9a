package org.quorate.server.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.server.meetings.MeetingTestKit.item;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.meetings.MeetingTestKit;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * The Change Board decides asynchronously only on items it has discussed at a meeting, so the
 * meeting an asynchronous decision cites must be one of that body whose agenda held the Modification.
 */
@DemoServer
class AsynchronousMeetingReferenceIT {
  static TestServer server;
  static MeetingTestKit kit;
  static long board;
  static long mp215Room;

  @BeforeAll
  static void start() {
    kit = new MeetingTestKit(server);
    board = kit.bodyId("CHANGE_BOARD");
    mp215Room = kit.roomOfModification("MP215");
  }

  static JsonNode open(WsClient secas, Object meetingId) {
    Map<String, Object> cmd = new HashMap<>(Map.of("type", "open_decision", "body", "CHANGE_BOARD", "modification_id", "MP215",
        "question", "Should the Change Board approve MP215?", "kind", "asynchronous", "meeting_id", meetingId));
    cmd.put("closes_at", Instant.now().plusSeconds(3600).toString());
    return secas.request(cmd);
  }

  static int decisionsOnMp215() {
    return server.as("secas").get("/api/rooms/" + mp215Room + "/decisions").json().size();
  }

  static void refusedNamingMeetingId(JsonNode reply, String messagePart) {
    assertThat(reply.path("code").asText()).as(reply.toString()).isEqualTo("invalid");
    assertThat(reply.path("field").asText()).isEqualTo("meeting_id");
    assertThat(reply.path("message").asText()).contains(messagePart);
  }

  @Test
  void aMeetingIdThatNamesNoMeetingIsRefusedAndNothingIsStored() {
    try (WsClient secas = WsClient.connect(server.port(), server.as("secas").token())) {
      int before = decisionsOnMp215();
      refusedNamingMeetingId(open(secas, 987_654_321L), "no such meeting");
      assertThat(decisionsOnMp215()).isEqualTo(before);
    }
  }

  @Test
  void anotherBodysMeetingThatDiscussedTheModificationIsRefusedAndNothingIsStored() {
    long panelMeeting = kit.createMeeting(kit.admin(), kit.bodyId("PANEL"), "SEC Panel, June 2030", "2030-06-04T10:00:00Z",
        List.of(item("MP215 Clarifying the Party Category of Affiliates", "MP215"))).get("id").asLong();
    try (WsClient secas = WsClient.connect(server.port(), server.as("secas").token())) {
      int before = decisionsOnMp215();
      refusedNamingMeetingId(open(secas, panelMeeting), "another body");
      assertThat(decisionsOnMp215()).isEqualTo(before);
    }
  }

  @Test
  void aChangeBoardMeetingWhoseAgendaDidNotHoldTheModificationIsRefusedAndNothingIsStored() {
    long otherItems = kit.createMeeting(kit.admin(), board, "Change Board, July 2030", "2030-07-02T10:00:00Z",
        List.of(item("MP210 Enduring approach to Smart Meter firmware updates", "MP210"))).get("id").asLong();
    try (WsClient secas = WsClient.connect(server.port(), server.as("secas").token())) {
      int before = decisionsOnMp215();
      refusedNamingMeetingId(open(secas, otherItems), "did not hold MP215");
      assertThat(decisionsOnMp215()).isEqualTo(before);
    }
  }

  @Test
  void aChangeBoardMeetingWhoseAgendaHeldTheModificationIsAccepted() {
    long discussed = kit.createMeeting(kit.admin(), board, "Change Board, August 2030", "2030-08-06T10:00:00Z",
        List.of(item("MP215 Clarifying the Party Category of Affiliates", "MP215"))).get("id").asLong();
    try (WsClient secas = WsClient.connect(server.port(), server.as("secas").token())) {
      int before = decisionsOnMp215();
      JsonNode ack = open(secas, discussed);
      assertThat(WsClient.type(ack)).as(ack.toString()).isEqualTo("ack");
      assertThat(decisionsOnMp215()).isEqualTo(before + 1);
    }
  }
}
