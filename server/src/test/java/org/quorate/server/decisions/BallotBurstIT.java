package org.quorate.server.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * A thousand voters cast into one decision at once, a hundred of them sending their ballot twice
 * (as a client does when it is unsure the first arrived). An overloaded store may answer
 * {@code unavailable}; the client then resends with the same command id, as the protocol says.
 */
@DemoServer
class BallotBurstIT {
  static final int VOTERS = 1_000;
  static final int RESENDS = 100;
  static TestServer server;

  /** Voters, their Parties and sign-ins made directly in the store: a thousand password hashes would take minutes. */
  @BeforeAll
  static void thousandVoters() throws Exception {
    long body = server.as("admin").post("/api/bodies", Map.of("code", "WG_BURST", "name", "Burst Working Group", "kind", "working_group",
        "rules", "WORKING_GROUP"))
        .json().get("id").asLong();
    try (Connection c = DriverManager.getConnection(server.database().jdbcUrl(), "postgres", ""); Statement s = c.createStatement()) {
      s.execute("INSERT INTO voting_group (name) SELECT 'Burst Party ' || g FROM generate_series(0, " + (VOTERS - 1) + ") g");
      s.execute("INSERT INTO party (name, category, voting_group_id) SELECT v.name, (ARRAY['large_supplier', 'small_supplier', "
          + "'electricity_network', 'gas_network', 'other_sec_party'])[1 + (substring(v.name from 13)::int % 5)], v.id "
          + "FROM voting_group v WHERE v.name LIKE 'Burst Party %'");
      s.execute("INSERT INTO app_user (username, display_name, password_hash, party_id, roles) SELECT 'burst' || substring(p.name from 13), "
          + "'Burst Voter ' || substring(p.name from 13), (SELECT password_hash FROM app_user WHERE username = 'kate'), p.id, '{member}' "
          + "FROM party p WHERE p.name LIKE 'Burst Party %'");
      s.execute("INSERT INTO body_member (body_id, user_id, seat, voting, party_id, category) SELECT " + body + ", u.id, 'Member', true, "
          + "p.id, p.category FROM app_user u JOIN party p ON p.id = u.party_id WHERE u.username LIKE 'burst%'");
      s.execute("INSERT INTO auth_token (token_hash, user_id, expires_at) SELECT sha256(('burst-token-' || u.username)::bytea), u.id, "
          + "now() + interval '1 day' FROM app_user u WHERE u.username LIKE 'burst%'");
    }
  }

  @Test
  void aThousandVotersAtOnceWithAHundredResendsAreEachCountedExactlyOnceAndNobodyIsToldInternal() throws Exception {
    long decision;
    try (WsClient secas = WsClient.connect(server.port(), server.as("secas").token())) {
      Map<String, Object> open = new HashMap<>(Map.of("type", "open_decision", "body", "WG_BURST", "question", "Recommend MP210?",
          "kind", "asynchronous", "modification_id", "MP210", "visibility", "open"));
      open.put("closes_at", Instant.now().plusSeconds(3600).toString());
      JsonNode ack = secas.request(open);
      assertThat(WsClient.type(ack)).as(ack.toString()).isEqualTo("ack");
      decision = ack.get("message_id").asLong();
    }
    String[] choices = {"approve", "reject", "abstain"};
    ExecutorService threads = Executors.newFixedThreadPool(32);
    List<WsClient> voters = new ArrayList<>();
    long started;
    List<List<JsonNode>> answers = new ArrayList<>();
    int unavailable = 0;
    try {
      List<CompletableFuture<WsClient>> connecting = new ArrayList<>();
      for (int i = 0; i < VOTERS; i++) {
        String token = "burst-token-burst" + i;
        connecting.add(CompletableFuture.supplyAsync(() -> WsClient.connect(server.port(), token), threads));
      }
      connecting.forEach(f -> voters.add(f.join()));

      List<Map<String, Object>> ballots = new ArrayList<>();
      for (int i = 0; i < VOTERS; i++) {
        Map<String, Object> ballot = new LinkedHashMap<>(Map.of("type", "cast_ballot", "decision_id", decision, "choice", choices[i % 3],
            "reason", "burst"));
        ballot.put("id", "burst-" + i);
        ballots.add(ballot);
      }
      started = System.nanoTime();
      // Everyone at once; the first hundred send theirs twice.
      List<CompletableFuture<Void>> sending = new ArrayList<>();
      for (int i = 0; i < VOTERS; i++) {
        int voter = i;
        sending.add(CompletableFuture.runAsync(() -> {
          voters.get(voter).sendJson(ballots.get(voter));
          if (voter < RESENDS) {
            voters.get(voter).sendJson(ballots.get(voter));
          }
        }, threads));
      }
      CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).join();

      // Each answer is an ack or a typed error; an unavailable one is resent with the same id until acknowledged.
      for (int i = 0; i < VOTERS; i++) {
        WsClient c = voters.get(i);
        String id = "burst-" + i;
        int expected = i < RESENDS ? 2 : 1;
        while (true) {
          List<JsonNode> mine = c.awaitCount(n -> id.equals(n.path("id").asText()), expected);
          long acks = mine.stream().filter(n -> WsClient.type(n).equals("ack")).count();
          long busy = mine.stream().filter(n -> n.path("code").asText().equals("unavailable")).count();
          if (acks > 0 || busy == 0) {
            answers.add(mine);
            break;
          }
          unavailable += (int) busy;
          c.sendJson(ballots.get(i));
          expected = mine.size() + 1;
        }
      }
    } finally {
      voters.forEach(WsClient::close);
      threads.shutdown();
    }
    double seconds = (System.nanoTime() - started) / 1e9;

    List<JsonNode> all = answers.stream().flatMap(List::stream).toList();
    long acks = all.stream().filter(n -> WsClient.type(n).equals("ack")).count();
    long duplicates = all.stream().filter(n -> WsClient.type(n).equals("ack") && n.path("duplicate").asBoolean()).count();
    System.out.printf("BallotBurstIT: %d ballots (+%d resends) answered in %.1f s: %d acks, %d marked duplicate, %d unavailable (resent)%n",
        VOTERS, RESENDS, seconds, acks, duplicates, unavailable);
    assertThat(all).as("only acks and retryable unavailable errors")
        .allSatisfy(n -> assertThat(WsClient.type(n).equals("ack") || n.path("code").asText().equals("unavailable")).as(n.toString()).isTrue());
    for (List<JsonNode> mine : answers) {
      assertThat(mine.stream().filter(n -> WsClient.type(n).equals("ack") && !n.path("duplicate").asBoolean()))
          .as("each voter's ballot acknowledged as new exactly once: " + mine).hasSize(1);
    }
    assertThat(duplicates).as("resends answered as duplicates").isPositive();

    JsonNode tally = server.as("secas").get("/api/decisions/" + decision).json().get("tally");
    assertThat(tally.get("approve").asInt()).isEqualTo(334);
    assertThat(tally.get("reject").asInt()).isEqualTo(333);
    assertThat(tally.get("abstain").asInt()).isEqualTo(333);
    try (Connection c = DriverManager.getConnection(server.database().jdbcUrl(), "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM ballot WHERE decision_id = " + decision)) {
      rs.next();
      assertThat(rs.getInt(1)).as("one stored ballot per voter; no resend stored twice").isEqualTo(VOTERS);
    }
  }
}
