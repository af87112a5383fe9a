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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** 200 voters voting and changing their votes at once over real WebSockets. */
@DemoServer
class BallotConcurrencyIT {
  static final int VOTERS = 200;
  static TestServer server;
  static final List<String> tokens = new ArrayList<>();

  @BeforeAll
  static void setUp() {
    ApiClient admin = server.as("admin");
    long body = admin.post("/api/bodies", Map.of("code", "WG_LOAD", "name", "Load Working Group", "kind", "working_group",
        "rules", "WORKING_GROUP")).json()
        .get("id").asLong();
    String[] categories = {"large_supplier", "small_supplier", "electricity_network", "gas_network", "other_sec_party"};
    for (int i = 0; i < VOTERS; i++) {
      String category = categories[i % categories.length];
      long party = admin.post("/api/parties", Map.of("name", "Load Party " + i, "category", category)).json().get("id").asLong();
      long user = admin.post("/api/users", Map.of("username", "voter" + i, "display_name", "Voter " + i, "password", "load-password",
          "party_id", party, "roles", List.of("member"))).json().get("id").asLong();
      admin.post("/api/bodies/" + body + "/members", Map.of("user_id", user, "seat", "Member", "voting", true, "party_id", party,
          "category", category));
      ApiClient c = server.api();
      c.login("voter" + i, "load-password");
      tokens.add(c.token());
    }
  }

  @Test
  void twoHundredVotersChangingVotesAtOnceLeaveExactlyOneCountedBallotPerSeat() throws Exception {
    long decision;
    try (WsClient secas = WsClient.connect(server.port(), server.as("secas").token())) {
      Map<String, Object> open = new HashMap<>(Map.of("type", "open_decision", "body", "WG_LOAD", "question", "Recommend MP210?",
          "kind", "asynchronous", "modification_id", "MP210"));
      open.put("closes_at", Instant.now().plusSeconds(3600).toString());
      JsonNode ack = secas.request(open);
      assertThat(WsClient.type(ack)).as(ack.toString()).isEqualTo("ack");
      decision = ack.get("message_id").asLong();
    }
    String[] choices = {"approve", "reject", "abstain"};
    ExecutorService pool = Executors.newFixedThreadPool(32);
    List<WsClient> clients = new ArrayList<>();
    try {
      List<CompletableFuture<WsClient>> connecting = tokens.stream()
          .map(t -> CompletableFuture.supplyAsync(() -> WsClient.connect(server.port(), t), pool)).toList();
      connecting.forEach(f -> clients.add(f.join()));
      List<CompletableFuture<Void>> voting = new ArrayList<>();
      for (int i = 0; i < VOTERS; i++) {
        WsClient c = clients.get(i);
        int voter = i;
        voting.add(CompletableFuture.runAsync(() -> {
          for (int round = 0; round < 3; round++) {
            JsonNode r = c.request(Map.of("type", "cast_ballot", "decision_id", decision, "choice", choices[(voter + round) % 3],
                "reason", "round " + round));
            assertThat(WsClient.type(r)).as(r.toString()).isEqualTo("ack");
          }
        }, pool));
      }
      CompletableFuture.allOf(voting.toArray(CompletableFuture[]::new)).join();
    } finally {
      clients.forEach(WsClient::close);
      pool.shutdown();
    }

    JsonNode view = server.as("secas").get("/api/decisions/" + decision).json();
    JsonNode tally = view.get("tally");
    // Recompute from the stored ballots: the last ballot per seat.
    Map<String, Integer> expected = new HashMap<>(Map.of("approve", 0, "reject", 0, "abstain", 0));
    int seatsWithCountedBallot = 0;
    try (Connection c = DriverManager.getConnection(server.database().jdbcUrl(), "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT DISTINCT ON (seat_id) seat_id, choice FROM ballot WHERE decision_id = " + decision
            + " ORDER BY seat_id, id DESC")) {
      while (rs.next()) {
        expected.merge(rs.getString("choice"), 1, Integer::sum);
        seatsWithCountedBallot++;
      }
    }
    try (Connection c = DriverManager.getConnection(server.database().jdbcUrl(), "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM ballot WHERE decision_id = " + decision)) {
      rs.next();
      assertThat(rs.getInt(1)).as("every acknowledged ballot is stored").isEqualTo(VOTERS * 3);
    }
    assertThat(seatsWithCountedBallot).isEqualTo(VOTERS);
    assertThat(tally.get("approve").asInt()).isEqualTo(expected.get("approve"));
    assertThat(tally.get("reject").asInt()).isEqualTo(expected.get("reject"));
    assertThat(tally.get("abstain").asInt()).isEqualTo(expected.get("abstain"));
    assertThat(tally.get("approve").asInt() + tally.get("reject").asInt() + tally.get("abstain").asInt()).isEqualTo(VOTERS);
    long counted = 0;
    for (JsonNode b : view.get("ballots")) {
      if (b.get("counted").asBoolean()) {
        counted++;
      }
    }
    assertThat(counted).isEqualTo(VOTERS);
  }
}
