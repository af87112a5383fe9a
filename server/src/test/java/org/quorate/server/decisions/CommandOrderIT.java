package org.quorate.server.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * A client may send commands without waiting for each answer (the web client does, and resends all it
 * has pending at once after a reconnect): what it sent on one connection takes effect in the order
 * it was sent, whichever of them the server writes in a group commit and whichever alone.
 */
@DemoServer
class CommandOrderIT {
  static final int VOTERS = 30;
  static TestServer server;

  @BeforeAll
  static void voters() throws Exception {
    BulkVoters.create(server, "WG_ORDER", "Order Working Group", "order", VOTERS);
  }

  @Test
  void ballotsChangesAndWithdrawalsSentBackToBackTakeEffectInTheOrderSent() throws Exception {
    List<WsClient> voters = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try (WsClient secas = WsClient.connect(server.port(), server.as("secas").token())) {
      long decision = BulkVoters.open(secas, "WG_ORDER").get("message_id").asLong();
      voters.addAll(BulkVoters.connect(server, "order", VOTERS, threads));

      // Voter i sends, without waiting: approve; then a third withdraw; a third change to reject and
      // then withdraw; a third withdraw and then vote again, abstaining.
      Map<Integer, List<Map<String, Object>>> sends = new HashMap<>();
      Map<String, Integer> expected = new HashMap<>(Map.of("approve", 0, "reject", 0, "abstain", 0));
      for (int i = 0; i < VOTERS; i++) {
        List<Map<String, Object>> mine = new ArrayList<>();
        mine.add(ballot(decision, "o-" + i + "-1", "approve"));
        if (i % 3 == 1) {
          mine.add(ballot(decision, "o-" + i + "-2", "reject"));
        }
        mine.add(withdrawal(decision, "o-" + i + "-w"));
        if (i % 3 == 2) {
          mine.add(ballot(decision, "o-" + i + "-3", "abstain"));
          expected.merge("abstain", 1, Integer::sum);
        }
        sends.put(i, mine);
      }
      for (int i = 0; i < VOTERS; i++) {
        sends.get(i).forEach(voters.get(i)::sendJson);
      }
      for (int i = 0; i < VOTERS; i++) {
        for (Map<String, Object> sent : sends.get(i)) {
          JsonNode answer = voters.get(i).await(n -> sent.get("id").equals(n.path("id").asText()));
          assertThat(WsClient.type(answer)).as("voter " + i + ", " + sent + ": " + answer).isEqualTo("ack");
        }
      }

      Map<String, Integer> standing = BulkVoters.latestChoices(server, decision);
      assertThat(standing).as("each seat's latest ballot in the store").isEqualTo(expected);
      JsonNode tally = server.as("secas").get("/api/decisions/" + decision).json().get("tally");
      assertThat(BulkVoters.counts(tally))
          .as("the decision's tally").isEqualTo(expected);
    } finally {
      voters.forEach(WsClient::close);
      threads.shutdown();
    }
  }

  @Test
  void editsOfOneMessageSentBackToBackLeaveTheLastOneSentAsItsText() {
    ApiClient alice = server.as("alice");
    long room = roomOf("MP210");
    try (WsClient ws = WsClient.connect(server.port(), alice.token())) {
      List<Long> messages = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        messages.add(ws.post(room, "Draft " + i + " v1").get("message_id").asLong());
      }
      List<String> ids = new ArrayList<>();
      for (int v = 2; v <= 4; v++) {
        for (int i = 0; i < messages.size(); i++) {
          String id = "edit-" + i + "-v" + v;
          ids.add(id);
          Map<String, Object> edit = new LinkedHashMap<>(Map.of("type", "edit_message", "room", room, "message_id", messages.get(i),
              "body", "Draft " + i + " v" + v));
          edit.put("id", id);
          ws.sendJson(edit);
        }
      }
      for (String id : ids) {
        JsonNode answer = ws.await(n -> id.equals(n.path("id").asText()));
        assertThat(WsClient.type(answer)).as(id + ": " + answer).isEqualTo("ack");
      }
      for (int i = 0; i < messages.size(); i++) {
        JsonNode history = alice.get("/api/rooms/" + room + "/messages/" + messages.get(i)).json();
        assertThat(history.at("/message/body").asText()).as("message " + i).isEqualTo("Draft " + i + " v4");
      }
    }
  }

  @Test
  void commandsSentRightAfterAuthenticateWithoutWaitingForWelcomeAreJudgedAsTheSignedInUser() {
    long room = roomOf("MP210");
    for (int attempt = 0; attempt < 5; attempt++) {
      // A token never used on a socket, so the server has to look it up while the commands arrive.
      ApiClient fresh = server.api();
      assertThat(fresh.login("alice", TestServer.DEMO_PASSWORD).status()).isEqualTo(200);
      try (WsClient ws = WsClient.open(server.port(), null, null)) {
        String n = attempt + "-" + WsClient.newId();
        ws.sendJson(Map.of("type", "authenticate", "id", "auth-" + n, "token", fresh.token(), "protocol_version", 1));
        ws.sendJson(Map.of("type", "subscribe", "id", "sub-" + n, "room", room));
        ws.sendJson(Map.of("type", "post_message", "id", "post-" + n, "room", room, "body", "Sent before welcome " + n));
        ws.sendJson(Map.of("type", "fetch_history", "id", "hist-" + n, "room", room, "limit", 5));
        for (String id : List.of("auth-", "sub-", "post-", "hist-")) {
          JsonNode answer = ws.await(a -> (id + n).equals(a.path("id").asText()));
          assertThat(WsClient.type(answer)).as(id + n + ": " + answer).isNotEqualTo("error");
        }
      }
    }
  }

  private static long roomOf(String modification) {
    for (JsonNode r : server.as("alice").get("/api/rooms").json()) {
      if (modification.equals(r.path("modification_id").asText())) {
        return r.get("id").asLong();
      }
    }
    throw new AssertionError("no room for " + modification);
  }

  private static Map<String, Object> ballot(long decision, String id, String choice) {
    Map<String, Object> b = new LinkedHashMap<>(Map.of("type", "cast_ballot", "decision_id", decision, "choice", choice, "reason", "order"));
    b.put("id", id);
    return b;
  }

  private static Map<String, Object> withdrawal(long decision, String id) {
    Map<String, Object> w = new LinkedHashMap<>(Map.of("type", "withdraw_ballot", "decision_id", decision));
    w.put("id", id);
    return w;
  }
}
