package org.quorate.server.threads;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * Many users posting at once into many rooms: their posts share transactions (group commit), yet
 * each is answered once, every room's sequence stays gap-free, and a post that may not be written
 * fails alone with its own error while the posts around it commit.
 */
@DemoServer
class GroupCommitIT {
  static TestServer server;

  static final List<String> POSTERS = List.of("alice", "arthur", "kate", "bella", "eric", "penny", "gary", "oscar");
  static final int PER_POSTER = 40;

  static long newRoom(String name) {
    return server.as("admin").post("/api/rooms", Map.of("name", name, "classification", "white")).json().get("id").asLong();
  }

  /** Every frame answering a command id (ack or error). */
  static List<JsonNode> answers(WsClient c, String id) {
    return c.received().stream().filter(n -> id.equals(n.path("id").asText())
        && (n.path("type").asText().equals("ack") || n.path("type").asText().equals("error"))).toList();
  }

  @Test
  void concurrentPostsFromManyUsersIntoManyRoomsAreEachAckedOnceInGapFreeRoomsAndABadOneFailsAlone() throws Exception {
    List<Long> rooms = List.of(newRoom("gc-1"), newRoom("gc-2"), newRoom("gc-3"), newRoom("gc-4"));
    long otherRoom = newRoom("gc-other");
    long foreignRoot;
    Map<String, WsClient> clients = new LinkedHashMap<>();
    try (WsClient alice = WsClient.connect(server.port(), server.as("alice").token())) {
      foreignRoot = alice.post(otherRoom, "a thread in another room").get("message_id").asLong();
    }
    try {
      for (String u : POSTERS) {
        clients.put(u, WsClient.connect(server.port(), server.as(u).token()));
      }
      WsClient observer = WsClient.connect(server.port(), server.as("observer").token());
      clients.put("observer", observer);

      // What each poster sends, as fast as it can, all posters at once.
      Map<String, List<Map<String, Object>>> plans = new LinkedHashMap<>();
      for (String u : POSTERS) {
        List<Map<String, Object>> plan = new ArrayList<>();
        for (int i = 0; i < PER_POSTER; i++) {
          plan.add(Map.of("type", "post_message", "id", u + "-" + i, "room", rooms.get(i % rooms.size()), "body", u + " says " + i));
        }
        plans.put(u, plan);
      }
      // In the middle of alice's burst: a reply to a message of another room, and a resend of an earlier post.
      plans.get("alice").add(PER_POSTER / 2, Map.of("type", "post_message", "id", "alice-bad", "room", rooms.get(0),
          "body", "a reply to nothing here", "thread_root", foreignRoot));
      plans.get("alice").add(PER_POSTER / 2 + 2, plans.get("alice").get(PER_POSTER / 2 - 1));
      plans.put("observer", List.of(Map.of("type", "post_message", "id", "observer-1", "room", rooms.get(1), "body", "may I?")));

      List<CompletableFuture<Void>> senders = new ArrayList<>();
      plans.forEach((u, plan) -> senders.add(CompletableFuture.runAsync(() -> plan.forEach(clients.get(u)::sendJson))));
      CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).join();

      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> plans.entrySet().stream()
          .allMatch(e -> e.getValue().stream().allMatch(cmd -> !answers(clients.get(e.getKey()), (String) cmd.get("id")).isEmpty())));

      JsonNode bad = answers(clients.get("alice"), "alice-bad").get(0);
      assertThat(bad.path("type").asText()).isEqualTo("error");
      assertThat(bad.path("code").asText()).isEqualTo("invalid");
      JsonNode refused = answers(observer, "observer-1").get(0);
      assertThat(refused.path("type").asText()).isEqualTo("error");
      assertThat(refused.path("code").asText()).isEqualTo("not_authorised");

      String resent = "alice-" + (PER_POSTER / 2 - 1);
      Awaitility.await().until(() -> answers(clients.get("alice"), resent).size() == 2);
      List<JsonNode> both = answers(clients.get("alice"), resent);
      assertThat(both).extracting(n -> n.path("duplicate").asBoolean()).containsExactlyInAnyOrder(false, true);
      assertThat(both.get(0).path("seq").asLong()).isEqualTo(both.get(1).path("seq").asLong());

      // Every good post: exactly one answer, an ack, whose (room, seq) holds that post.
      Map<Long, Map<Long, String>> ackedBodies = new HashMap<>();
      for (String u : POSTERS) {
        for (Map<String, Object> cmd : plans.get(u).stream().distinct().toList()) {
          String id = (String) cmd.get("id");
          if (id.equals("alice-bad")) {
            continue;
          }
          List<JsonNode> a = answers(clients.get(u), id).stream().filter(n -> !n.path("duplicate").asBoolean()).toList();
          assertThat(a).as("answers to " + id).hasSize(1);
          assertThat(a.get(0).path("type").asText()).as(id + ": " + a.get(0)).isEqualTo("ack");
          long room = a.get(0).path("room").asLong();
          String previous = ackedBodies.computeIfAbsent(room, r -> new HashMap<>()).put(a.get(0).path("seq").asLong(), (String) cmd.get("body"));
          assertThat(previous).as("two posts acked with one sequence number").isNull();
        }
      }
      assertThat(ackedBodies.get(rooms.get(0)).size()).isEqualTo(PER_POSTER * POSTERS.size() / rooms.size());
      for (long room : rooms) {
        JsonNode events = server.as("admin").get("/api/rooms/" + room + "/events?limit=200").json().get("events");
        List<Long> seqs = new ArrayList<>();
        events.forEach(e -> seqs.add(e.get("seq").asLong()));
        assertThat(seqs).as("room " + room + " is gap-free").isEqualTo(java.util.stream.LongStream.rangeClosed(1, seqs.size()).boxed().toList());
        assertThat(seqs).hasSize(ackedBodies.get(room).size());
        events.forEach(e -> assertThat(e.get("body").asText()).isEqualTo(ackedBodies.get(room).get(e.get("seq").asLong())));
      }
    } finally {
      clients.values().forEach(WsClient::close);
    }
  }
}
