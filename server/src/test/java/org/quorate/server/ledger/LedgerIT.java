package org.quorate.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.ServerProcess;
import org.quorate.server.testing.TestServer;

/**
 * The ledger from a voter's and an auditor's side: every ballot's ack carries a receipt, the
 * {@code verify} command finds the record clean, and any tampering with it — an edited ballot, a
 * deleted or reordered entry — is named. Each tampering is undone before the next test.
 */
@DemoServer
class LedgerIT {
  static final List<String> PANEL_VOTERS = List.of("alice", "arthur", "kate", "eric", "gary", "oscar");
  static TestServer server;
  @TempDir
  Path work;

  @Test
  void aBallotsReceiptChecksOutForItsVoterAndTheRecordVerifiesAfterTheClose() {
    long decision = open("open", "Should MP215 go to the Change Board (ledger)?");
    JsonNode receipt = null;
    for (String voter : PANEL_VOTERS) {
      ApiClient.Response cast = server.as(voter).post("/api/decisions/" + decision + "/ballots",
          Map.of("choice", "approve", "reason", "Ready, says " + voter, "objectives", List.of("c")));
      assertThat(cast.status()).as(cast.body()).isEqualTo(200);
      assertThat(cast.json().at("/receipt/hash").asText()).as("every ballot answer carries a receipt").hasSize(64);
      if (voter.equals("kate")) {
        receipt = cast.json().get("receipt");
      }
    }
    ApiClient kate = server.as("kate");
    assertThat(kate.post("/api/decisions/" + decision + "/ballots", Map.of("choice", "reject", "reason", "On reflection, no")).status())
        .isEqualTo(200);
    close(decision);

    JsonNode check = kate.get("/api/ledger/receipts/" + receipt.get("hash").asText()).json();
    assertThat(check.get("position").asLong()).isEqualTo(receipt.get("position").asLong());
    assertThat(check.get("intact").asBoolean()).isTrue();
    assertThat(check.get("counted").asBoolean()).as("Kate's first ballot was replaced by her second").isFalse();
    assertThat(check.at("/ballot/choice").asText()).isEqualTo("approve");
    assertThat(server.as("observer").get("/api/ledger/receipts/" + receipt.get("hash").asText()).status())
        .as("an Observer who may not read the decision's room may not check another's receipt").isEqualTo(403);

    Verified verified = verify();
    assertThat(verified.exitCode()).as(verified.out()).isZero();
    assertThat(verified.out()).as("the close is re-judged under the rules version its opening recorded")
        .containsPattern("[1-9]\\d* re-judged under their recorded rules").contains(" 0 not re-judgeable");
    // The close's checkpoint in the Panel's room names a head at or after Kate's entry.
    long panel = 0;
    for (JsonNode b : kate.get("/api/bodies").json()) {
      if ("PANEL".equals(b.get("code").asText())) {
        panel = b.get("id").asLong();
      }
    }
    long panelRoom = 0;
    for (JsonNode r : kate.get("/api/rooms").json()) {
      if ("body".equals(r.path("kind").asText()) && r.path("body_id").asLong() == panel) {
        panelRoom = r.get("id").asLong();
      }
    }
    long room = panelRoom;
    org.awaitility.Awaitility.await().until(() -> kate.get("/api/rooms/" + room + "/events?limit=200").body().contains("ledger_checkpoint"));
    String checkpoint = kate.get("/api/rooms/" + room + "/events?limit=200").body();
    assertThat(checkpoint).containsPattern("Ledger checkpoint: entry \\d+, hash [0-9a-f]{64}");
    JsonNode archive = kate.get("/api/decisions/" + decision + "/archive").json();
    assertThat(archive.get("ledger")).hasSizeGreaterThan(PANEL_VOTERS.size() + 1);
  }

  @Test
  void aReceiptCheckFailsOnceItsBallotWasAlteredInTheDatabase() throws SQLException {
    long decision = open("open", "Altered ballot receipt (ledger)?");
    JsonNode receipt = server.as("eric").post("/api/decisions/" + decision + "/ballots",
        Map.of("choice", "approve", "reason", "Fine")).json().get("receipt");
    long position = receipt.get("position").asLong();
    String original = sql("SELECT body FROM ledger_entry WHERE position = " + position);
    try {
      sql("UPDATE ledger_entry SET body = replace(body, '\"approve\"', '\"reject\"') WHERE position = " + position);
      JsonNode check = server.as("eric").get("/api/ledger/receipts/" + receipt.get("hash").asText()).json();
      assertThat(check.get("intact").asBoolean()).isFalse();
      Verified v = verify();
      assertThat(v.exitCode()).isEqualTo(1);
      assertThat(v.out()).contains("MISMATCH at entry " + position + ":").contains("content was changed");
    } finally {
      restoreBody(position, original);
    }
    assertThat(verify().exitCode()).isZero();
  }

  @Test
  void editingABallotsChoiceInItsTableIsNamedWithItsLedgerEntry() throws SQLException {
    long decision = open("open", "Edited ballot row (ledger)?");
    JsonNode receipt = server.as("gary").post("/api/decisions/" + decision + "/ballots",
        Map.of("choice", "approve", "reason", "Fine")).json().get("receipt");
    long ballot = Long.parseLong(sql("SELECT max(id)::text FROM ballot WHERE decision_id = " + decision));
    try {
      sql("UPDATE ballot SET choice = 'reject' WHERE id = " + ballot);
      Verified v = verify();
      assertThat(v.exitCode()).isEqualTo(1);
      assertThat(v.out()).contains("MISMATCH at entry " + receipt.get("position").asLong()).contains("ballot " + ballot + " differs");
    } finally {
      sql("UPDATE ballot SET choice = 'approve' WHERE id = " + ballot);
    }
  }

  @Test
  void deletingOrReorderingEntriesIsDetected() throws SQLException {
    long decision = open("open", "Deleted and reordered entries (ledger)?");
    long first = server.as("alice").post("/api/decisions/" + decision + "/ballots", Map.of("choice", "approve", "reason", "Yes"))
        .json().at("/receipt/position").asLong();
    long second = server.as("arthur").post("/api/decisions/" + decision + "/ballots", Map.of("choice", "reject", "reason", "No"))
        .json().at("/receipt/position").asLong();
    assertThat(second).isEqualTo(first + 1);

    // Reordered: the two entries swap places (position fields and rows), everything else untouched.
    sql("UPDATE ledger_entry SET position = -1 WHERE position = " + first);
    sql("UPDATE ledger_entry SET position = " + first + " WHERE position = " + second);
    sql("UPDATE ledger_entry SET position = " + second + " WHERE position = -1");
    try {
      Verified v = verify();
      assertThat(v.exitCode()).isEqualTo(1);
      assertThat(v.out()).contains("MISMATCH at entry " + first + ":");
    } finally {
      sql("UPDATE ledger_entry SET position = -1 WHERE position = " + first);
      sql("UPDATE ledger_entry SET position = " + first + " WHERE position = " + second);
      sql("UPDATE ledger_entry SET position = " + second + " WHERE position = -1");
    }
    assertThat(verify().exitCode()).isZero();

    // Deleted: the entry goes (its ballot row with it, so only the chain can tell).
    String[] row = row("SELECT position, kind, decision_id, user_id, body, prev_hash, hash, recorded_at::text FROM ledger_entry WHERE position = "
        + first);
    sql("DELETE FROM ledger_entry WHERE position = " + first);
    try {
      Verified v = verify();
      assertThat(v.exitCode()).isEqualTo(1);
      assertThat(v.out()).contains("MISMATCH at entry " + first + ": entry " + first + " is missing");
    } finally {
      sql("INSERT INTO ledger_entry (position, kind, decision_id, user_id, body, prev_hash, hash, recorded_at) VALUES ("
          + row[0] + ", '" + row[1] + "', " + row[2] + ", " + row[3] + ", " + quote(row[4]) + ", '" + row[5] + "', '" + row[6] + "', '"
          + row[7] + "')");
    }
    assertThat(verify().exitCode()).isZero();
  }

  @Test
  void anInsiderWhoFlipsARecordedOutcomeAndReHashesTheWholeChainIsNamedAtTheClose() throws SQLException {
    long decision = open("open", "Flipped outcome (ledger)?");
    for (String voter : PANEL_VOTERS) {
      assertThat(server.as(voter).post("/api/decisions/" + decision + "/ballots", Map.of("choice", "approve", "reason", "Yes")).status())
          .isEqualTo(200);
    }
    close(decision);
    long closedAt = Long.parseLong(sql("SELECT max(position) FROM ledger_entry WHERE kind = 'decision_closed' AND decision_id = " + decision));
    assertThat(sql("SELECT body FROM ledger_entry WHERE position = " + closedAt)).contains("\"outcome\":\"carried\"");
    List<String[]> original = new java.util.ArrayList<>();
    long last = Long.parseLong(sql("SELECT position FROM ledger_head WHERE id = 1"));
    for (long p = closedAt; p <= last; p++) {
      original.add(row("SELECT position, body, prev_hash, hash FROM ledger_entry WHERE position = " + p));
    }
    String head = sql("SELECT hash FROM ledger_head WHERE id = 1");
    // The insider rewrites the close and every later entry, each hash recomputed, and moves the head: the chain itself is consistent.
    String prev = original.get(0)[2];
    for (String[] r : original) {
      String body = r[0].equals(String.valueOf(closedAt)) ? r[1].replace("\"outcome\":\"carried\"", "\"outcome\":\"not_carried\"") : r[1];
      String hash = Canonical.entryHash(prev, body);
      sql("UPDATE ledger_entry SET body = " + quote(body) + ", prev_hash = '" + prev + "', hash = '" + hash + "' WHERE position = " + r[0]);
      prev = hash;
    }
    sql("UPDATE ledger_head SET hash = '" + prev + "' WHERE id = 1");
    try {
      Verified v = verify();
      assertThat(v.exitCode()).as(v.out()).isEqualTo(1);
      assertThat(v.out()).contains("MISMATCH at entry " + closedAt + ": entry " + closedAt + " (close of decision " + decision + "): re-judged under PANEL v")
          .contains("the outcome is carried; recorded not_carried");
    } finally {
      for (String[] r : original) {
        sql("UPDATE ledger_entry SET body = " + quote(r[1]) + ", prev_hash = '" + r[2] + "', hash = '" + r[3] + "' WHERE position = " + r[0]);
      }
      sql("UPDATE ledger_head SET hash = '" + head + "' WHERE id = 1");
    }
    assertThat(verify().exitCode()).isZero();
  }

  @Test
  void aSealedDecisionsEntriesRevealNoChoiceBeforeTheCloseAndVerifyAfterIt() throws SQLException {
    long decision = open("sealed", "Sealed ledger question?");
    String marker = "SEALED-LEDGER-REASON";
    for (String voter : PANEL_VOTERS) {
      String choice = voter.equals("oscar") ? "reject" : "approve";
      assertThat(server.as(voter).post("/api/decisions/" + decision + "/ballots", Map.of("choice", choice, "reason", marker + "-" + voter))
          .status()).isEqualTo(200);
    }
    String entries = sql("SELECT string_agg(body, '\n' ORDER BY position) FROM ledger_entry WHERE decision_id = " + decision);
    assertThat(entries).doesNotContain(marker).doesNotContain("\"approve\"").doesNotContain("\"reject\"").contains("commitment");
    assertThat(server.as("alice").get("/api/decisions/" + decision + "/archive").status())
        .as("a sealed decision's archive waits for the close").isEqualTo(409);

    close(decision);
    String after = sql("SELECT body FROM ledger_entry WHERE decision_id = " + decision + " AND kind = 'salts_revealed'");
    assertThat(after).contains(marker + "-oscar").contains("\"salt\"");
    Verified v = verify();
    assertThat(v.exitCode()).as(v.out()).isZero();
    assertThat(v.out()).contains("sealed ballots opened");

    JsonNode archive = server.as("alice").get("/api/decisions/" + decision + "/archive").json();
    Path file = work.resolve("archive.json");
    try {
      Files.writeString(file, archive.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(VerifyCommand.run(new String[] {"--archive", file.toString()}, new PrintStream(new ByteArrayOutputStream()), System.err))
        .as("the downloaded archive verifies offline").isZero();
  }

  @Test
  void theJarsVerifyCommandChecksTheRecordAndRefusesBadUsage() {
    ServerProcess.Exited clean = ServerProcess.run(work, Duration.ofMinutes(2), "verify", "--db-url", server.database().toString());
    assertThat(clean.exitCode()).as(String.join("\n", clean.stderr())).isZero();
    assertThat(clean.stdout()).anySatisfy(line -> assertThat(line).startsWith("verified: ").contains("no mismatch"));
    ServerProcess.Exited usage = ServerProcess.run(work, Duration.ofMinutes(1), "verify", "--nonsense");
    assertThat(usage.exitCode()).isEqualTo(2);
  }

  // ---- helpers ----

  record Verified(int exitCode, String out) {}

  static Verified verify() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = VerifyCommand.run(new String[] {"--db-url", server.database().toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
        System.err);
    return new Verified(code, out.toString(StandardCharsets.UTF_8));
  }

  static long open(String visibility, String question) {
    ApiClient.Response opened = server.as("secas").post("/api/decisions", Map.of("body", "PANEL", "modification_id", "MP215",
        "question", question, "kind", "asynchronous", "visibility", visibility, "closes_in_working_days", 3));
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    return opened.json().get("decision_id").asLong();
  }

  static void close(long decision) {
    ApiClient.Response closed = server.as("secas").post("/api/decisions/" + decision + "/changes",
        Map.of("change", "close", "reason", "Every member has voted"));
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    assertThat(server.as("secas").get("/api/decisions/" + decision).json().get("status").asText()).isEqualTo("closed");
  }

  static void restoreBody(long position, String body) throws SQLException {
    sql("UPDATE ledger_entry SET body = " + quote(body) + " WHERE position = " + position);
  }

  static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  static String sql(String statement) throws SQLException {
    String[] r = row(statement);
    return r == null ? null : r[0];
  }

  static String[] row(String statement) throws SQLException {
    var db = server.database();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
      if (!s.execute(statement)) {
        return null;
      }
      try (ResultSet r = s.getResultSet()) {
        if (!r.next()) {
          return null;
        }
        String[] out = new String[r.getMetaData().getColumnCount()];
        for (int i = 0; i < out.length; i++) {
          out[i] = r.getString(i + 1);
        }
        return out;
      }
    }
  }
}
