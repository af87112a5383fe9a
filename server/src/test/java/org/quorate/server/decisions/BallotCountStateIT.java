package org.quorate.server.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.meetings.MeetingTestKit;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * Ballots are counted from state kept per open decision between ballots: the count it gives must be
 * the one a recount from the store gives, and a change to who may vote must be judged at the very next
 * ballot, even when another writer (another node) made it.
 */
@DemoServer
class BallotCountStateIT {
  static final int VOTERS = 240;
  static TestServer server;

  @BeforeAll
  static void voters() throws Exception {
    BulkVoters.create(server, "WG_COUNT", "Count Working Group", "count", VOTERS);
  }

  /** Sends until acknowledged: an overloaded store may answer unavailable, and the protocol says to resend. */
  static JsonNode acked(WsClient c, Map<String, Object> command) {
    while (true) {
      JsonNode answer = c.request(command);
      if (!"unavailable".equals(answer.path("code").asText())) {
        assertThat(WsClient.type(answer)).as(answer.toString()).isEqualTo("ack");
        return answer;
      }
    }
  }

  static Map<String, Object> ballot(long decision, String id, String choice) {
    Map<String, Object> b = new LinkedHashMap<>(Map.of("type", "cast_ballot", "decision_id", decision, "choice", choice, "reason", "count"));
    b.put("id", id);
    return b;
  }

  @Test
  void aBurstWithResendsChangesAndWithdrawalsEndsWithTheTallyARecountFromTheStoreGivesAndEveryWatcherLastSawIt() throws Exception {
    String[] choices = {"approve", "reject", "abstain"};
    List<WsClient> voters = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(24);
    try (WsClient secas = WsClient.connect(server.port(), server.as("secas").token());
        WsClient watcher = WsClient.connect(server.port(), server.as("secas").token())) {
      JsonNode opened = BulkVoters.open(secas, "WG_COUNT");
      long decision = opened.get("message_id").asLong();
      long room = opened.get("room").asLong();
      secas.subscribe(room, null);
      watcher.subscribe(room, null);
      voters.addAll(BulkVoters.connect(server, "count", VOTERS, threads));

      // Everyone at once. Every fifth voter resends their first ballot; every third changes it; every seventh then withdraws.
      Map<String, Integer> expected = new HashMap<>(Map.of("approve", 0, "reject", 0, "abstain", 0));
      List<CompletableFuture<Void>> voting = new ArrayList<>();
      for (int i = 0; i < VOTERS; i++) {
        int v = i;
        String first = choices[v % 3];
        String last = v % 3 == 0 ? choices[(v + 1) % 3] : first;
        if (v % 7 != 0) {
          expected.merge(last, 1, Integer::sum);
        }
        voting.add(CompletableFuture.runAsync(() -> {
          WsClient c = voters.get(v);
          JsonNode ack = acked(c, ballot(decision, "first-" + v, first));
          assertThat(ack.path("receipt").isObject() || ack.path("receipt").isMissingNode()).isTrue();
          if (v % 5 == 0) {
            assertThat(acked(c, ballot(decision, "first-" + v, first)).get("duplicate").asBoolean()).as("a resend is a duplicate").isTrue();
          }
          if (v % 3 == 0) {
            acked(c, ballot(decision, "change-" + v, last));
          }
          if (v % 7 == 0) {
            Map<String, Object> withdraw = new LinkedHashMap<>(Map.of("type", "withdraw_ballot", "decision_id", decision));
            withdraw.put("id", "withdraw-" + v);
            acked(c, withdraw);
          }
        }, threads));
      }
      CompletableFuture.allOf(voting.toArray(CompletableFuture[]::new)).join();

      Map<String, Integer> recount = BulkVoters.latestChoices(server, decision);
      assertThat(recount).as("a recount of each seat's latest ballot in the store").isEqualTo(expected);

      JsonNode tally = server.as("secas").get("/api/decisions/" + decision).json().get("tally");
      assertThat(BulkVoters.counts(tally))
          .as("the decision's tally").isEqualTo(recount);

      for (WsClient w : List.of(secas, watcher)) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
          JsonNode last = w.roomEvents(room).stream().filter(e -> WsClient.type(e).equals("ballot_cast"))
              .max(Comparator.comparingLong(e -> e.get("seq").asLong())).orElseThrow();
          JsonNode seen = last.get("tally");
          assertThat(BulkVoters.counts(seen))
              .as("the last tally a watcher saw").isEqualTo(recount);
        });
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
          JsonNode last = w.received().stream().filter(e -> WsClient.type(e).equals("decision_tally") && e.get("decision_id").asLong() == decision)
              .reduce((a, b) -> b).orElseThrow();
          JsonNode seen = last.get("tally");
          assertThat(BulkVoters.counts(seen))
              .as("the last coalesced tally a watcher saw").isEqualTo(recount);
        });
      }
    } finally {
      voters.forEach(WsClient::close);
      threads.shutdown();
    }
  }

  @Test
  void aProxyAppointedOrRevokedOrARecusalRecordedByAnotherWriterMidDecisionDecidesTheNextBallotsAdmission() throws Exception {
    try (WsClient secas = WsClient.connect(server.port(), server.as("secas").token());
        WsClient alice = WsClient.connect(server.port(), server.as("alice").token());
        WsClient eric = WsClient.connect(server.port(), server.as("eric").token());
        WsClient penny = WsClient.connect(server.port(), server.as("penny").token());
        WsClient gary = WsClient.connect(server.port(), server.as("gary").token())) {
      long decision = BulkVoters.open(secas, "PANEL").get("message_id").asLong();
      long panel = new MeetingTestKit(server).bodyId("PANEL");
      // The decision's counting state is built by the first ballot and kept from here on.
      acked(alice, ballot(decision, WsClient.newId(), "approve"));

      Map<String, Object> appointment = new LinkedHashMap<>();
      appointment.put("principal_id", server.userId("eric"));
      appointment.put("proxy_id", server.userId("penny"));
      appointment.put("scope", "decision");
      appointment.put("scope_id", decision);
      appointment.put("active_from", null);
      var appointed = server.as("eric").post("/api/bodies/" + panel + "/proxies", appointment);
      assertThat(appointed.status()).as(appointed.body()).isEqualTo(201);
      JsonNode own = eric.request(ballot(decision, WsClient.newId(), "reject"));
      assertThat(own.path("code").asText()).as("a proxy now holds eric's seat: " + own).isEqualTo("not_authorised");
      Map<String, Object> forEric = ballot(decision, WsClient.newId(), "reject");
      forEric.put("on_behalf_of", server.userId("eric"));
      acked(penny, forEric);

      server.as("eric").delete("/api/proxies/" + appointed.json().get("id").asLong());
      acked(eric, ballot(decision, WsClient.newId(), "abstain"));

      // A recusal another node recorded: written straight into the store, behind this node's back.
      try (Connection c = BulkVoters.jdbc(server); Statement s = c.createStatement()) {
        s.execute("INSERT INTO decision_recusal (decision_id, seat_id, reason, recorded_by) SELECT " + decision + ", id, 'conflict', "
            + server.userId("secas") + " FROM decision_seat WHERE decision_id = " + decision + " AND user_id = " + server.userId("gary"));
      }
      JsonNode recused = gary.request(ballot(decision, WsClient.newId(), "approve"));
      assertThat(recused.path("code").asText()).as("gary is recused: " + recused).isEqualTo("not_authorised");

      JsonNode tally = server.as("secas").get("/api/decisions/" + decision).json().get("tally");
      assertThat(tally.get("approve").asInt()).isEqualTo(1);
      assertThat(tally.get("reject").asInt()).isZero();
      assertThat(tally.get("abstain").asInt()).as("eric's own ballot replaced his proxy's").isEqualTo(1);
    }
  }

  @Test
  void whatANodeKeepsToCountADecisionIsLetGoOnceTheDecisionClosesOrIsCancelled() {
    org.quorate.server.decisions.DecisionService decisions = server.server().features().decisions();
    try (WsClient secas = WsClient.connect(server.port(), server.as("secas").token());
        WsClient v0 = WsClient.connect(server.port(), "count-token-count0");
        WsClient v1 = WsClient.connect(server.port(), "count-token-count1");
        WsClient v2 = WsClient.connect(server.port(), "count-token-count2")) {
      for (String change : List.of("close", "cancel")) {
        long decision = BulkVoters.open(secas, "WG_COUNT").get("message_id").asLong();
        // Three Voting Groups: quorate, so closing settles the decision rather than reopening it.
        for (WsClient v : List.of(v0, v1, v2)) {
          acked(v, ballot(decision, WsClient.newId(), "approve"));
        }
        assertThat(decisions.holdsCount(decision)).as("held while the decision is open").isTrue();

        var changed = server.as("secas").post("/api/decisions/" + decision + "/changes", Map.of("change", change, "reason", "done"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(decisions.holdsCount(decision)).as("held after " + change).isFalse());
      }
    }
  }

}
