package org.quorate.server.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.server.meetings.MeetingTestKit.event;
import static org.quorate.server.meetings.MeetingTestKit.item;
import static org.quorate.server.meetings.MeetingTestKit.ok;
import static org.quorate.server.meetings.MeetingTestKit.refused;
import static org.quorate.server.meetings.MeetingTestKit.send;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.meetings.MeetingTestKit;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * A postal vote end to end: Change Board members vote by post on MP215 ahead of a meeting, with
 * their reasons, in the open; at the meeting the chair's vote on the item takes the postal vote over,
 * the postal ballots make up the quorum that attendance alone does not, a present member votes live,
 * and the result and every reason reach the Modification Register and its CSV.
 */
@DemoServer
class PostalVoteIT {
  static TestServer server;
  static MeetingTestKit kit;

  @BeforeAll
  static void start() {
    kit = new MeetingTestKit(server);
  }

  @Test
  void postalBallotsCastBeforeTheMeetingMakeItsVoteQuorateAndReachTheRegisterWithEveryReason() {
    long board = kit.bodyId("CHANGE_BOARD");
    long boardRoom = kit.roomOfBody(board);
    long mp215 = kit.roomOfModification("MP215");
    long meeting = kit.createMeeting(kit.admin(), board, "Change Board, April 2030", "2030-04-02T10:00:00Z",
        List.of(item("MP215 Clarifying the Party Category of Affiliates", "MP215"))).get("id").asLong();
    long item = kit.itemId(meeting, 1);

    Map<String, WsClient> ws = new LinkedHashMap<>();
    try {
      for (String n : List.of("secas", "alice", "kate", "eric", "gary", "oscar", "arthur", "penny")) {
        WsClient c = kit.connect(n, mp215);
        c.subscribe(boardRoom, null);
        ws.put(n, c);
      }
      WsClient secas = ws.get("secas");

      // SECAS opens the postal vote for the meeting, postal ballots due shortly; ballots are open: every
      // member sees them as cast.
      // Long enough for a loaded machine to take the four postal ballots below before it passes.
      Instant deadline = Instant.now().plusSeconds(12);
      JsonNode opened = send(secas, "open_decision", "body", "CHANGE_BOARD", "modification_id", "MP215", "kind", "postal",
          "question", "Should the Change Board approve MP215?", "meeting_id", meeting, "closes_at", deadline.toString());
      assertThat(WsClient.type(opened)).as(opened.toString()).isEqualTo("ack");
      long decision = opened.get("message_id").asLong();
      refused(secas, "invalid", "open_decision", "body", "PANEL", "modification_id", "MP215", "kind", "postal",
          "question", "Wrong body", "meeting_id", meeting, "closes_at", "2030-04-02T10:00:00Z");

      Map<String, String[]> postal = new LinkedHashMap<>();
      postal.put("alice", new String[] {"approve", "Large suppliers need the Affiliate rule settled."});
      postal.put("kate", new String[] {"approve", "Small suppliers are most exposed to the ambiguity."});
      postal.put("eric", new String[] {"reject", "The network impact has not been assessed."});
      postal.put("gary", new String[] {"approve", "No effect on gas transporters; clarity helps."});
      for (var p : postal.entrySet()) {
        JsonNode ack = send(ws.get(p.getKey()), "cast_ballot", "decision_id", decision, "choice", p.getValue()[0],
            "reason", p.getValue()[1], "objectives", List.of("a"));
        assertThat(WsClient.type(ack)).as(p.getKey() + " " + ack).isEqualTo("ack");
        JsonNode seen = ws.get("oscar").await(n -> WsClient.type(n).equals("ballot_cast") && n.path("decision_id").asLong() == decision
            && n.at("/ballot/reason").asText().equals(p.getValue()[1]));
        assertThat(seen.at("/ballot/channel").asText()).isEqualTo("postal");
        assertThat(seen.at("/ballot/choice").asText()).isEqualTo(p.getValue()[0]);
      }
      JsonNode beforeMeeting = server.as("oscar").get("/api/decisions/" + decision).json();
      assertThat(beforeMeeting.get("ballots")).hasSize(4);
      assertThat(reasons(beforeMeeting)).containsExactlyInAnyOrderElementsOf(postal.values().stream().map(v -> v[1]).toList());
      assertThat(server.as("connie").get("/api/decisions/" + decision).json().get("ballots")).hasSize(4);
      assertThat(beforeMeeting.at("/quoracy/quorate").asBoolean()).isFalse();
      assertThat(beforeMeeting.at("/quoracy/sentence").asText()).startsWith("inquorate: 4 of 9 voting members present or voted")
          .contains("postal ballots counted 4");

      // The deadline for postal ballots passes: no more come in, but the vote waits for its meeting.
      Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> !server.as("penny").get("/api/decisions/" + decision).json().get("can_vote").asBoolean());
      refused(ws.get("penny"), "decision_closed", "cast_ballot", "decision_id", decision, "choice", "approve", "reason", "Late post.");
      server.server().features().closing().tick().await();
      assertThat(server.as("penny").get("/api/decisions/" + decision).json().get("status").asText()).isEqualTo("open");

      // The meeting: only Arthur and Oscar attend. Attendance alone is inquorate under the Change Board rules...
      ok(secas, "set_meeting_state", "meeting", meeting, "state", "open");
      ok(secas, "join_meeting", "meeting", meeting);
      ok(ws.get("arthur"), "join_meeting", "meeting", meeting);
      ok(ws.get("oscar"), "join_meeting", "meeting", meeting);
      ok(secas, "move_agenda", "meeting", meeting, "item", item);
      JsonNode live = kit.view(meeting).get("quoracy");
      assertThat(live.get("quorate").asBoolean()).isFalse();
      assertThat(live.get("explanation").asText()).startsWith("inquorate: 2 of 9 voting members present (at least half required)");
      // ...but with the postal ballots, as the rules count them, the vote on the item is quorate.
      JsonNode atMeeting = server.as("alice").get("/api/decisions/" + decision).json();
      assertThat(atMeeting.at("/quoracy/quorate").asBoolean()).isTrue();
      assertThat(atMeeting.at("/quoracy/sentence").asText()).startsWith("quorate: 6 of 9 voting members present or voted")
          .contains("postal ballots counted 4");

      // The chair calls the vote on the item: it is the postal vote, taken over with its ballots.
      JsonNode called = event(ws.get("alice"), boardRoom, ok(secas, "call_meeting_vote", "meeting", meeting, "item", item,
          "question", "Should the Change Board approve MP215?"));
      assertThat(called.get("vote_id").asLong()).isEqualTo(decision);
      assertThat(called.get("electorate").asInt()).isEqualTo(9);
      JsonNode taken = ws.get("alice").await(n -> WsClient.type(n).equals("decision_changed") && n.path("decision_id").asLong() == decision);
      assertThat(taken.get("change").asText()).isEqualTo("taken_to_meeting");
      // From now on the vote is taken at the meeting: nobody absent votes in it, by post or otherwise.
      refused(ws.get("penny"), "not_authorised", "cast_ballot", "decision_id", decision, "choice", "approve", "reason", "Later post.");
      refused(ws.get("penny"), "not_authorised", "cast_meeting_ballot", "meeting", meeting, "vote", decision, "choice", "approve",
          "reason", "I am not there.");

      long counted = ok(ws.get("arthur"), "cast_meeting_ballot", "meeting", meeting, "vote", decision, "choice", "approve",
          "reason", "Agree with the Working Group's analysis.");
      assertThat(event(ws.get("alice"), boardRoom, counted).get("cast").asInt()).isEqualTo(5);
      JsonNode arthurs = ws.get("alice").await(n -> WsClient.type(n).equals("ballot_cast") && n.path("decision_id").asLong() == decision
          && n.at("/ballot/channel").asText().equals("at_meeting"));
      assertThat(arthurs.at("/ballot/reason").asText()).isEqualTo("Agree with the Working Group's analysis.");
      ok(ws.get("oscar"), "cast_meeting_ballot", "meeting", meeting, "vote", decision, "choice", "abstain",
          "reason", "Other SEC Parties are not affected.");

      JsonNode closed = event(ws.get("alice"), boardRoom, ok(secas, "close_meeting_vote", "meeting", meeting, "vote", decision));
      assertThat(closed.get("tally").toString()).isEqualTo("[{\"option\":\"approve\",\"votes\":4},{\"option\":\"reject\",\"votes\":1},"
          + "{\"option\":\"abstain\",\"votes\":1}]");
      assertThat(closed.get("outcome").asText()).isEqualTo("carried");
      assertThat(closed.get("quorate").asBoolean()).isTrue();
      assertThat(closed.get("explanation").asText()).contains("3 of 4 Party Categories reaching a majority approve")
          .contains("quorate: 6 of 9 voting members present or voted (at least half required)").contains("postal ballots counted 4");
      assertThat(closed.get("rule").asText()).startsWith("CHANGE_BOARD v1 — majority: SEC Section D8.2");
      JsonNode decided = ws.get("kate").await(n -> WsClient.type(n).equals("decision_closed") && n.path("decision_id").asLong() == decision);
      assertThat(decided.get("outcome").asText()).isEqualTo("carried");

      // Leaving afterwards changes nothing: the decision is explained with the attendance at its close.
      ok(ws.get("arthur"), "leave_meeting", "meeting", meeting);
      ok(ws.get("oscar"), "leave_meeting", "meeting", meeting);
      JsonNode after = server.as("penny").get("/api/decisions/" + decision).json();
      assertThat(after.get("status").asText()).isEqualTo("closed");
      assertThat(after.get("outcome").asText()).isEqualTo("carried");
      assertThat(after.at("/quoracy/quorate").asBoolean()).isTrue();
      assertThat(after.at("/quoracy/sentence").asText()).startsWith("quorate: 6 of 9");

      // The Modification Register and its CSV: the result, each member's ballot, channel and reason.
      JsonNode register = server.as("penny").get("/api/modifications/MP215/register").json();
      JsonNode entry = null;
      for (JsonNode d : register.get("decisions")) {
        if (d.get("id").asLong() == decision) {
          entry = d;
        }
      }
      assertThat(entry).as(register.toString()).isNotNull();
      assertThat(entry.get("outcome").asText()).isEqualTo("carried");
      assertThat(entry.get("explanation").asText()).contains("postal ballots counted 4");
      assertThat(entry.get("ballots")).hasSize(6);
      List<String> channels = new ArrayList<>();
      entry.get("ballots").forEach(b -> channels.add(b.at("/voter/display_name").asText() + ":" + b.get("channel").asText()));
      assertThat(channels).contains("Arthur Albion (Large Supplier Representative):at_meeting");
      assertThat(channels.stream().filter(c -> c.endsWith(":postal"))).hasSize(4);
      assertThat(reasons(entry)).contains("Agree with the Working Group's analysis.", "Other SEC Parties are not affected.")
          .containsAll(postal.values().stream().map(v -> v[1]).toList());
      ApiClient.Response csv = server.as("penny").get("/api/modifications/MP215/register.csv");
      assertThat(csv.status()).isEqualTo(200);
      assertThat(csv.body()).contains(decision + ",MP215,CHANGE_BOARD").contains(",carried,")
          .contains("Agree with the Working Group's analysis.").contains(",at_meeting,").contains(",postal,");
      postal.values().forEach(v -> assertThat(csv.body()).contains(v[1]));
    } finally {
      ws.values().forEach(WsClient::close);
    }
  }

  @Test
  void aPostalVoteItsMeetingNeverCalledIsCountedOnceTheMeetingIsOver() {
    long board = kit.bodyId("CHANGE_BOARD");
    long mp215 = kit.roomOfModification("MP215");
    long meeting = kit.createMeeting(kit.admin(), board, "Change Board, May 2030", "2030-05-07T10:00:00Z",
        List.of(item("MP215 Clarifying the Party Category of Affiliates", "MP215"))).get("id").asLong();
    // Only this test's own passes of the closing scheduler run, so each one is seen to do its work.
    server.server().features().closing().stop();
    // A pass already under way when the timer stopped would be a pass this test did not ask for.
    server.server().features().closing().tick().await();
    try (WsClient secas = kit.connect("secas", mp215); WsClient alice = kit.connect("alice", mp215)) {
      JsonNode opened = send(secas, "open_decision", "body", "CHANGE_BOARD", "modification_id", "MP215", "kind", "postal",
          "question", "Should the Change Board approve MP215 (May)?", "meeting_id", meeting,
          // long enough for a loaded machine to take the ballot first; the wait below is on the close itself
          "closes_at", Instant.now().plusSeconds(8).toString());
      long decision = opened.get("message_id").asLong();
      ok(alice, "cast_ballot", "decision_id", decision, "choice", "approve", "reason", "As before.");
      Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> !server.as("kate").get("/api/decisions/" + decision).json().get("can_vote").asBoolean());
      server.server().features().closing().tick().await();
      assertThat(server.as("kate").get("/api/decisions/" + decision).json().get("status").asText()).isEqualTo("open");

      ApiClient.Response cancelled = kit.admin().delete("/api/meetings/" + meeting);
      assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
      server.server().features().closing().tick().await();
      JsonNode counted = server.as("kate").get("/api/decisions/" + decision).json();
      assertThat(counted.get("status").asText()).isEqualTo("closed");
      assertThat(counted.get("outcome").asText()).isEqualTo("inquorate");
      assertThat(counted.get("explanation").asText()).contains("1 of 9 voting members present or voted");
    } finally {
      server.server().features().closing().start(Duration.ofSeconds(1));
    }
  }

  private static List<String> reasons(JsonNode decision) {
    List<String> out = new ArrayList<>();
    decision.get("ballots").forEach(b -> out.add(b.get("reason").asText()));
    return out;
  }
}
