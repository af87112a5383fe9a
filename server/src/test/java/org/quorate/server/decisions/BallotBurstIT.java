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

  @BeforeAll
  static void thousandVoters() throws Exception {
    BulkVoters.create(server, "WG_BURST", "Burst Working Group", "burst", VOTERS);
  }

  @Test
  void aThousandVotersAtOnceWithAHundredResendsAreEachCountedExactlyOnceAndNobodyIsToldInternal() throws Exception {
    long decision;
    try (WsClient secas = WsClient.connect(server.port(), server.as("secas").token())) {
      decision = BulkVoters.open(secas, "WG_BURST").get("message_id").asLong();
    }
    String[] choices = {"approve", "reject", "abstain"};
    ExecutorService threads = Executors.newFixedThreadPool(32);
    List<WsClient> voters = new ArrayList<>();
    long started;
    List<List<JsonNode>> answers = new ArrayList<>();
    int unavailable = 0;
    try {
      voters.addAll(BulkVoters.connect(server, "burst", VOTERS, threads));

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
    try (Connection c = BulkVoters.jdbc(server);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM ballot WHERE decision_id = " + decision)) {
      rs.next();
      assertThat(rs.getInt(1)).as("one stored ballot per voter; no resend stored twice").isEqualTo(VOTERS);
    }
  }
}
