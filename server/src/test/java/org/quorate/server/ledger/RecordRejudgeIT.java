package org.quorate.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.server.meetings.MeetingTestKit.event;
import static org.quorate.server.meetings.MeetingTestKit.item;
import static org.quorate.server.meetings.MeetingTestKit.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorate.server.meetings.MeetingTestKit;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * An auditor's {@code verify} re-judges every kind of close from the ledger alone — votes taken at a
 * meeting (from the attendance the close recorded) and questions with their own options, not only
 * asynchronous motions — and the body's room is told each close's entry and, at least daily, the head.
 */
@DemoServer
class RecordRejudgeIT {
  static TestServer server;
  static MeetingTestKit kit;
  @TempDir
  Path work;

  @BeforeAll
  static void start() {
    kit = new MeetingTestKit(server);
  }

  @Test
  void aVoteClosedAtAMeetingAndAnOptionsQuestionAreBothReJudgedNotMerelyRecounted() throws Exception {
    long panel = kit.bodyId("PANEL");
    long room = kit.roomOfBody(panel);
    long meeting = kit.createMeeting(kit.admin(), panel, "SEC Panel, September 2030", "2030-09-03T10:00:00Z",
        List.of(item("MP210 firmware updates", "MP210"))).get("id").asLong();
    Map<String, WsClient> ws = new LinkedHashMap<>();
    long vote;
    try {
      for (String n : List.of("chair", "alice", "arthur", "kate", "eric")) {
        ws.put(n, kit.connect(n, room));
        ok(ws.get(n), "join_meeting", "meeting", meeting);
      }
      WsClient chair = ws.get("chair");
      ok(chair, "set_meeting_state", "meeting", meeting, "state", "open");
      vote = event(chair, room, ok(chair, "call_meeting_vote", "meeting", meeting, "item", kit.itemId(meeting, 1),
          "question", "Should MP210 proceed to the Report Phase?")).get("vote_id").asLong();
      ok(ws.get("alice"), "cast_meeting_ballot", "meeting", meeting, "vote", vote, "choice", "approve");
      ok(ws.get("arthur"), "cast_meeting_ballot", "meeting", meeting, "vote", vote, "choice", "approve");
      ok(ws.get("kate"), "cast_meeting_ballot", "meeting", meeting, "vote", vote, "choice", "reject");
      JsonNode closed = event(ws.get("alice"), room, ok(chair, "close_meeting_vote", "meeting", meeting, "vote", vote));
      assertThat(closed.get("outcome").asText()).isEqualTo("carried");
      ok(chair, "set_meeting_state", "meeting", meeting, "state", "closed", "reason", "Business done");
    } finally {
      ws.values().forEach(WsClient::close);
    }

    ApiClient secas = server.as("secas");
    Map<String, Object> question = new LinkedHashMap<>(Map.of("body", "PANEL", "modification_id", "MP215", "kind", "asynchronous",
        "visibility", "open", "closes_in_working_days", 3, "question", "Which date for the MP215 workshop (ledger)?"));
    question.put("options", List.of("Tuesday 12 January", "Thursday 14 January"));
    ApiClient.Response opened = secas.post("/api/decisions", question);
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    long decision = opened.json().get("decision_id").asLong();
    for (String voter : List.of("kate", "eric", "gary")) {
      ApiClient.Response cast = server.as(voter).post("/api/decisions/" + decision + "/ballots",
          Map.of("choice", "Thursday 14 January", "reason", "Suits " + voter));
      assertThat(cast.status()).as(cast.body()).isEqualTo(200);
    }
    assertThat(server.as("alice").post("/api/decisions/" + decision + "/ballots",
        Map.of("choice", "Tuesday 12 January", "reason", "Earlier is better")).status()).isEqualTo(200);
    assertThat(secas.post("/api/decisions/" + decision + "/changes", Map.of("change", "close", "reason", "Enough to decide")).status())
        .isEqualTo(200);

    String report = verify(new String[] {"--db-url", server.database().toString()});
    assertThat(report).contains("no mismatch").contains(" 0 recounted by tally only");
    assertThat(closeEntry(vote)).as("the meeting vote's close records who was present")
        .contains("\"present_user_ids\":[").contains("\"counted_at_meeting\":true").contains("\"reopen_barred\":true");

    // Altering the recorded attendance and re-hashing the whole chain, as an insider could, is named at the close.
    long position = Long.parseLong(sql("SELECT position FROM ledger_entry WHERE decision_id = " + vote + " AND kind = 'decision_closed'"));
    String original = sql("SELECT body FROM ledger_entry WHERE position = " + position);
    String forged = original.replaceFirst("\"present_user_ids\":\\[[^\\]]*\\]", "\"present_user_ids\":[]");
    rehashFrom(position, forged);
    try {
      String tampered = verify(new String[] {"--db-url", server.database().toString()});
      assertThat(tampered).startsWith("MISMATCH at entry " + position + ": entry " + position + " (close of decision " + vote
          + "): re-judged under ");
    } finally {
      rehashFrom(position, original);
    }
    assertThat(verify(new String[] {"--db-url", server.database().toString()})).contains("no mismatch");
  }

  @Test
  void theBodysRoomIsToldEachClosesEntrySoAnArchiveCanBeMatchedToIt() throws Exception {
    ApiClient secas = server.as("secas");
    ApiClient.Response opened = secas.post("/api/decisions", Map.of("body", "PANEL", "modification_id", "MP215",
        "question", "Should MP215 be sent to consultation (checkpoint)?", "kind", "asynchronous", "visibility", "open",
        "closes_in_working_days", 3));
    long decision = opened.json().get("decision_id").asLong();
    for (String voter : LedgerIT.PANEL_VOTERS) {
      assertThat(server.as(voter).post("/api/decisions/" + decision + "/ballots", Map.of("choice", "approve", "reason", "Yes")).status())
          .isEqualTo(200);
    }
    assertThat(secas.post("/api/decisions/" + decision + "/changes", Map.of("change", "close", "reason", "All voted")).status())
        .isEqualTo(200);
    String closeHash = sql("SELECT hash FROM ledger_entry WHERE decision_id = " + decision + " AND kind = 'decision_closed'");
    long room = kit.roomOfBody(kit.bodyId("PANEL"));
    org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(checkpointTexts(room))
        .anySatisfy(t -> assertThat(t).startsWith("Decision " + decision + " closed at ledger entry ").contains(closeHash)));

    Path archive = work.resolve("archive.json");
    Files.writeString(archive, server.as("alice").get("/api/decisions/" + decision + "/archive").body());
    assertThat(verify(new String[] {"--archive", archive.toString()})).contains("no mismatch")
        .contains("the close is ledger entry ").contains("with hash " + closeHash);
  }

  @Test
  void everyBodysRoomGetsACheckpointAtLeastDailyAndNoSecondOneWithinTheDay() throws Exception {
    long room = kit.roomOfBody(kit.bodyId("TABASC"));
    server.server().features().closing().checkpointsNow().toCompletionStage().toCompletableFuture().get();
    List<String> first = checkpointTexts(room);
    assertThat(first).as("a body's room with no checkpoint in the last day gets one").isNotEmpty();
    assertThat(first.get(first.size() - 1)).startsWith("Ledger checkpoint: entry ");

    server.server().features().closing().checkpointsNow().toCompletionStage().toCompletableFuture().get();
    assertThat(checkpointTexts(room)).as("within the day, no second one").hasSameSizeAs(first);

    sql("UPDATE room_event SET created_at = now() - interval '25 hours' WHERE room_id = " + room
        + " AND type = 'system_notice' AND payload->>'kind' = 'ledger_checkpoint'");
    server.server().features().closing().checkpointsNow().toCompletionStage().toCompletableFuture().get();
    List<String> later = checkpointTexts(room);
    assertThat(later).as("a day later, the next").hasSize(first.size() + 1);
    String head = sql("SELECT position || ', hash ' || hash FROM ledger_head");
    assertThat(later.get(later.size() - 1)).isEqualTo("Ledger checkpoint: entry " + head);
  }

  // ---- helpers ----

  static String verify(String[] args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    VerifyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    return out.toString(StandardCharsets.UTF_8);
  }

  static String closeEntry(long decision) throws SQLException {
    return sql("SELECT body FROM ledger_entry WHERE decision_id = " + decision + " AND kind = 'decision_closed'");
  }

  static List<String> checkpointTexts(long room) throws SQLException {
    List<String> texts = new ArrayList<>();
    var db = server.database();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT payload->>'text' FROM room_event WHERE room_id = " + room
            + " AND type = 'system_notice' AND payload->>'kind' = 'ledger_checkpoint' ORDER BY seq")) {
      while (r.next()) {
        texts.add(r.getString(1));
      }
    }
    return texts;
  }

  /** Replaces one entry's body and recomputes every hash from it to the head, as a careful insider would. */
  static void rehashFrom(long position, String body) throws SQLException {
    var db = server.database();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("LOCK TABLE ledger_head");
      String prev;
      try (ResultSet r = s.executeQuery("SELECT prev_hash FROM ledger_entry WHERE position = " + position)) {
        r.next();
        prev = r.getString(1);
      }
      List<long[]> positions = new ArrayList<>();
      List<String> bodies = new ArrayList<>();
      try (ResultSet r = s.executeQuery("SELECT position, body FROM ledger_entry WHERE position >= " + position + " ORDER BY position")) {
        while (r.next()) {
          positions.add(new long[] {r.getLong(1)});
          bodies.add(r.getLong(1) == position ? body : r.getString(2));
        }
      }
      for (int i = 0; i < positions.size(); i++) {
        String hash = Canonical.entryHash(prev, bodies.get(i));
        try (var u = c.prepareStatement("UPDATE ledger_entry SET body = ?, prev_hash = ?, hash = ? WHERE position = ?")) {
          u.setString(1, bodies.get(i));
          u.setString(2, prev);
          u.setString(3, hash);
          u.setLong(4, positions.get(i)[0]);
          u.executeUpdate();
        }
        prev = hash;
      }
      s.execute("UPDATE ledger_head SET hash = '" + prev + "' WHERE id = 1");
      c.commit();
    }
  }

  static String sql(String statement) throws SQLException {
    var db = server.database();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
      if (!s.execute(statement)) {
        return null;
      }
      try (ResultSet r = s.getResultSet()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }
}
