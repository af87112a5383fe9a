package org.quorate.server.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.ledger.VerifyCommand;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * Ballots written many to a transaction (group commit) still answer each voter alone: sixty voters in
 * three decisions (one sealed) cast at once, some changing their ballot straight away, some resending,
 * one sending a ballot the decision refuses in the middle of it all.
 */
@DemoServer
class BallotGroupCommitIT {
  static final int VOTERS = 60;
  static final int DECISIONS = 3;
  static final String[] CHOICES = {"approve", "reject", "abstain"};
  static final int REFUSED = 30;
  static TestServer server;

  @BeforeAll
  static void voters() throws Exception {
    ApiClient admin = server.as("admin");
    List<Long> bodies = new ArrayList<>();
    for (int d = 0; d < DECISIONS; d++) {
      bodies.add(admin.post("/api/bodies", Map.of("code", "WG_GC" + d, "name", "Group Commit Group " + d, "kind", "working_group",
          "rules", "WORKING_GROUP")).json().get("id").asLong());
    }
    try (Connection c = DriverManager.getConnection(server.database().jdbcUrl(), "postgres", ""); Statement s = c.createStatement()) {
      s.execute("INSERT INTO voting_group (name) SELECT 'GC Party ' || g FROM generate_series(0, " + (VOTERS - 1) + ") g");
      s.execute("INSERT INTO party (name, category, voting_group_id) SELECT v.name, 'small_supplier', v.id "
          + "FROM voting_group v WHERE v.name LIKE 'GC Party %'");
      s.execute("INSERT INTO app_user (username, display_name, password_hash, party_id, roles) SELECT 'gc' || substring(p.name from 10), "
          + "'GC Voter ' || substring(p.name from 10), (SELECT password_hash FROM app_user WHERE username = 'kate'), p.id, '{member}' "
          + "FROM party p WHERE p.name LIKE 'GC Party %'");
      s.execute("INSERT INTO body_member (body_id, user_id, seat, voting, party_id, category) SELECT (ARRAY" + bodies
          + ")[1 + substring(u.username from 3)::int % " + DECISIONS + "], u.id, 'Member', true, p.id, p.category "
          + "FROM app_user u JOIN party p ON p.id = u.party_id WHERE u.username LIKE 'gc%'");
      s.execute("INSERT INTO auth_token (token_hash, user_id, expires_at) SELECT sha256(('gc-token-' || u.username)::bytea), u.id, "
          + "now() + interval '1 day' FROM app_user u WHERE u.username LIKE 'gc%'");
    }
  }

  @Test
  void concurrentBallotsIntoSeveralDecisionsAreEachAnsweredOnceWithTheirOwnReceiptAndTheRecordVerifies() throws Exception {
    List<Long> decisions = new ArrayList<>();
    try (WsClient secas = WsClient.connect(server.port(), server.as("secas").token())) {
      for (int d = 0; d < DECISIONS; d++) {
        Map<String, Object> open = new HashMap<>(Map.of("type", "open_decision", "body", "WG_GC" + d, "question", "Adopt plan " + d + "?",
            "kind", "asynchronous", "visibility", d == 2 ? "sealed" : "open"));
        open.put("closes_at", Instant.now().plusSeconds(3600).toString());
        JsonNode ack = secas.request(open);
        assertThat(WsClient.type(ack)).as(ack.toString()).isEqualTo("ack");
        decisions.add(ack.get("message_id").asLong());
      }
    }
    // What each voter sends, in order, on their own socket: a ballot; every fifth voter changes it at
    // once; every seventh resends their first with the same id; one voter first sends a choice no
    // decision offers.
    List<List<Map<String, Object>>> sends = new ArrayList<>();
    Map<Integer, String> finalChoice = new HashMap<>();
    for (int i = 0; i < VOTERS; i++) {
      long decision = decisions.get(i % DECISIONS);
      List<Map<String, Object>> mine = new ArrayList<>();
      if (i == REFUSED) {
        mine.add(ballot("gc-" + i + "-bad", decision, "maybe"));
      }
      mine.add(ballot("gc-" + i + "-a", decision, CHOICES[i % 3]));
      finalChoice.put(i, CHOICES[i % 3]);
      if (i % 5 == 0) {
        mine.add(ballot("gc-" + i + "-b", decision, CHOICES[(i + 1) % 3]));
        finalChoice.put(i, CHOICES[(i + 1) % 3]);
      }
      if (i % 7 == 0) {
        mine.add(ballot("gc-" + i + "-a", decision, CHOICES[i % 3]));
      }
      sends.add(mine);
    }

    ExecutorService threads = Executors.newFixedThreadPool(16);
    List<WsClient> voters = new ArrayList<>();
    Map<String, List<JsonNode>> answers = new HashMap<>();
    try {
      for (int i = 0; i < VOTERS; i++) {
        voters.add(WsClient.connect(server.port(), "gc-token-gc" + i));
      }
      List<CompletableFuture<Void>> sending = new ArrayList<>();
      for (int i = 0; i < VOTERS; i++) {
        int voter = i;
        sending.add(CompletableFuture.runAsync(() -> sends.get(voter).forEach(voters.get(voter)::sendJson), threads));
      }
      CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).join();
      for (int i = 0; i < VOTERS; i++) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        sends.get(i).forEach(b -> expected.merge((String) b.get("id"), 1, Integer::sum));
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
          answers.put(e.getKey(), voters.get(i).awaitCount(n -> e.getKey().equals(n.path("id").asText())
              && (WsClient.type(n).equals("ack") || WsClient.type(n).equals("error")), e.getValue()));
        }
      }
    } finally {
      voters.forEach(WsClient::close);
      threads.shutdown();
    }

    assertThat(answers.get("gc-" + REFUSED + "-bad")).singleElement().satisfies(n -> {
      assertThat(WsClient.type(n)).isEqualTo("error");
      assertThat(n.path("code").asText()).as(n.toString()).isEqualTo("invalid");
    });
    Set<Long> positions = new HashSet<>();
    Set<String> hashes = new HashSet<>();
    Map<String, JsonNode> receipts = new HashMap<>();
    for (Map.Entry<String, List<JsonNode>> e : answers.entrySet()) {
      if (e.getKey().endsWith("-bad")) {
        continue;
      }
      List<JsonNode> mine = e.getValue();
      assertThat(mine).as(e.getKey() + ": " + mine).allSatisfy(n -> assertThat(WsClient.type(n)).isEqualTo("ack"));
      List<JsonNode> fresh = mine.stream().filter(n -> !n.path("duplicate").asBoolean()).toList();
      assertThat(fresh).as("acknowledged as new exactly once: " + mine).hasSize(1);
      JsonNode first = fresh.get(0);
      if (mine.size() == 2) {
        JsonNode resend = mine.stream().filter(n -> n.path("duplicate").asBoolean()).findFirst().orElseThrow();
        assertThat(resend.get("seq").asLong()).as("a resend answers with the original's event").isEqualTo(first.get("seq").asLong());
      }
      assertThat(first.at("/receipt/hash").asText()).as(first.toString()).hasSize(64);
      assertThat(positions.add(first.at("/receipt/position").asLong())).as("each ballot has its own ledger entry").isTrue();
      assertThat(hashes.add(first.at("/receipt/hash").asText())).isTrue();
      receipts.put(e.getKey(), first.get("receipt"));
    }
    assertThat(receipts).hasSize(VOTERS + (VOTERS + 4) / 5);

    for (long decision : decisions) {
      ApiClient.Response closed = server.as("secas").post("/api/decisions/" + decision + "/changes",
          Map.of("change", "close", "reason", "Every member has voted"));
      assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    }
    for (int d = 0; d < DECISIONS; d++) {
      Map<String, Integer> expected = new HashMap<>(Map.of("approve", 0, "reject", 0, "abstain", 0));
      for (int i = d; i < VOTERS; i += DECISIONS) {
        expected.merge(finalChoice.get(i), 1, Integer::sum);
      }
      JsonNode tally = server.as("secas").get("/api/decisions/" + decisions.get(d)).json().get("tally");
      assertThat(BulkVoters.counts(tally)).as("decision " + d + ": each voter's last ballot counts, as if cast one by one").isEqualTo(expected);
    }

    for (int i = 0; i < VOTERS; i++) {
      ApiClient voter = server.as("secas").withToken("gc-token-gc" + i);
      for (String suffix : List.of("-a", "-b")) {
        JsonNode receipt = receipts.get("gc-" + i + suffix);
        if (receipt == null) {
          continue;
        }
        ApiClient.Response check = voter.get("/api/ledger/receipts/" + receipt.get("hash").asText());
        assertThat(check.status()).as(check.body()).isEqualTo(200);
        assertThat(check.json().get("position").asLong()).isEqualTo(receipt.get("position").asLong());
        assertThat(check.json().get("intact").asBoolean()).isTrue();
        boolean replaced = suffix.equals("-a") && i % 5 == 0;
        assertThat(check.json().get("counted").asBoolean()).as("gc-" + i + suffix + " counted unless replaced by the voter's change")
            .isEqualTo(!replaced);
      }
    }

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = VerifyCommand.run(new String[] {"--db-url", server.database().toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
        System.err);
    assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
  }

  private static Map<String, Object> ballot(String id, long decision, String choice) {
    Map<String, Object> b = new LinkedHashMap<>(Map.of("type", "cast_ballot", "decision_id", decision, "choice", choice, "reason", "gc"));
    b.put("id", id);
    return b;
  }
}
