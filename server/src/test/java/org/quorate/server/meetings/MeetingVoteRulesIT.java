package org.quorate.server.meetings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.server.meetings.MeetingTestKit.event;
import static org.quorate.server.meetings.MeetingTestKit.item;
import static org.quorate.server.meetings.MeetingTestKit.ok;
import static org.quorate.server.meetings.MeetingTestKit.refused;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** Meeting votes follow the body's rules: the SEC Panel's casting vote on a tie, and what follows an inquorate vote. */
@DemoServer
class MeetingVoteRulesIT {
  static TestServer server;
  static MeetingTestKit kit;

  @BeforeAll
  static void start() {
    kit = new MeetingTestKit(server);
  }

  @Test
  void aTiedPanelVoteAwaitsThePanelChairsCastingVoteWhichDecidesIt() {
    long panel = kit.bodyId("PANEL");
    long room = kit.roomOfBody(panel);
    long meeting = kit.createMeeting(kit.admin(), panel, "SEC Panel, July 2030", "2030-07-02T10:00:00Z",
        List.of(item("MP210 firmware updates", "MP210"))).get("id").asLong();
    Map<String, WsClient> ws = new LinkedHashMap<>();
    try {
      for (String n : List.of("chair", "alice", "arthur", "kate", "eric")) {
        ws.put(n, kit.connect(n, room));
        ok(ws.get(n), "join_meeting", "meeting", meeting);
      }
      WsClient chair = ws.get("chair");
      ok(chair, "set_meeting_state", "meeting", meeting, "state", "open");
      // A meeting vote decides a motion: approve, reject or abstain.
      refused(chair, "invalid", "call_meeting_vote", "meeting", meeting, "item", kit.itemId(meeting, 1), "question", "Which?",
          "options", List.of("red", "green"));
      long vote = event(chair, room, ok(chair, "call_meeting_vote", "meeting", meeting, "item", kit.itemId(meeting, 1),
          "question", "Should MP210 proceed to the Report Phase?")).get("vote_id").asLong();
      ok(ws.get("alice"), "cast_meeting_ballot", "meeting", meeting, "vote", vote, "choice", "approve");
      ok(ws.get("arthur"), "cast_meeting_ballot", "meeting", meeting, "vote", vote, "choice", "approve");
      ok(ws.get("kate"), "cast_meeting_ballot", "meeting", meeting, "vote", vote, "choice", "reject");
      ok(ws.get("eric"), "cast_meeting_ballot", "meeting", meeting, "vote", vote, "choice", "reject");
      refused(chair, "not_authorised", "cast_meeting_ballot", "meeting", meeting, "vote", vote, "choice", "approve");

      JsonNode closed = event(ws.get("alice"), room, ok(chair, "close_meeting_vote", "meeting", meeting, "vote", vote));
      assertThat(closed.get("outcome").asText()).isEqualTo("awaiting_casting_vote");
      assertThat(closed.get("quorate").asBoolean()).isTrue();
      assertThat(closed.get("explanation").asText()).contains("a tie, awaiting the chair's casting vote");
      assertThat(kit.view(meeting).at("/votes/0/outcome").asText()).isEqualTo("awaiting_casting_vote");

      JsonNode cast = chair.request(Map.of("type", "casting_vote", "decision_id", vote, "choice", "approve",
          "reason", "The Panel Chair's casting vote: the Report Phase will test the costs."));
      assertThat(WsClient.type(cast)).as(cast.toString()).isEqualTo("ack");
      JsonNode decided = ws.get("alice").await(n -> WsClient.type(n).equals("decision_closed") && n.path("decision_id").asLong() == vote);
      assertThat(decided.get("outcome").asText()).isEqualTo("carried");
      JsonNode record = kit.view(meeting).at("/votes/0");
      assertThat(record.get("outcome").asText()).isEqualTo("carried");
      assertThat(record.get("explanation").asText()).contains("decided by the chair's casting vote to approve");
      ok(chair, "set_meeting_state", "meeting", meeting, "state", "closed", "reason", "Business done");
    } finally {
      ws.values().forEach(WsClient::close);
    }
  }

  @Test
  void anInquorateVoteAtAMeetingIsNotReopenedButCarriedToTheNextMeeting() {
    long panel = kit.bodyId("PANEL");
    long room = kit.roomOfBody(panel);
    long meeting = kit.createMeeting(kit.admin(), panel, "SEC Panel, August 2030", "2030-08-06T10:00:00Z",
        List.of(item("MP221 Urgent SMKI correction", "MP221"))).get("id").asLong();
    try (WsClient chair = kit.connect("chair", room); WsClient alice = kit.connect("alice", room);
        WsClient kate = kit.connect("kate", room)) {
      ok(chair, "set_meeting_state", "meeting", meeting, "state", "open");
      ok(alice, "join_meeting", "meeting", meeting);
      ok(kate, "join_meeting", "meeting", meeting);
      long vote = event(chair, room, ok(chair, "call_meeting_vote", "meeting", meeting, "item", kit.itemId(meeting, 1),
          "question", "Should MP221 be treated as urgent?")).get("vote_id").asLong();
      ok(alice, "cast_meeting_ballot", "meeting", meeting, "vote", vote, "choice", "approve");
      ok(kate, "cast_meeting_ballot", "meeting", meeting, "vote", vote, "choice", "approve");

      JsonNode closed = event(alice, room, ok(chair, "close_meeting_vote", "meeting", meeting, "vote", vote, "reason", "Time"));
      assertThat(closed.get("outcome").asText()).isEqualTo("inquorate");
      assertThat(closed.get("quorate").asBoolean()).isFalse();
      assertThat(closed.get("explanation").asText()).contains("inquorate: 2 of 6 voting members present or voted")
          .contains("carried to the body's next meeting");
      JsonNode decision = kit.admin().get("/api/decisions/" + vote).json();
      assertThat(decision.get("status").asText()).isEqualTo("closed");
      assertThat(decision.get("outcome").asText()).isEqualTo("inquorate");
      JsonNode register = kit.admin().get("/api/modifications/MP221/register").json();
      assertThat(register.get("decisions").toString()).contains("\"id\":" + vote).contains("inquorate");
      assertThat(kit.view(meeting).at("/votes/0/close_reason").asText()).isEqualTo("Time");
      ok(chair, "set_meeting_state", "meeting", meeting, "state", "closed", "reason", "Inquorate");
    }
  }
}
