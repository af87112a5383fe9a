package org.quorate.server.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** Lossless, ordered, exactly-once delivery: resume, retries, resync and concurrent writers. */
@DemoServer
class DeliveryIT {
  static TestServer server;

  static WsClient connect(String user) {
    return WsClient.connect(server.port(), server.as(user).token());
  }

  static long newRoom(String name) {
    return server.as("admin").post("/api/rooms", Map.of("name", name, "classification", "white")).json().get("id").asLong();
  }

  static List<Long> seqs(List<JsonNode> events) {
    return events.stream().map(n -> n.get("seq").asLong()).toList();
  }

  @Test
  void aClientThatResumesGetsExactlyTheFiftyMissedEventsInOrderThenLiveOnes() {
    long room = newRoom("resume");
    try (WsClient writer = connect("alice")) {
      long lastSeen;
      try (WsClient reader = connect("kate")) {
        reader.subscribe(room, 0L);
        lastSeen = writer.post(room, "before the drop").get("seq").asLong();
        reader.await(n -> n.path("seq").asLong() == lastSeen && WsClient.type(n).equals("message_posted"));
      }
      List<Long> missed = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        missed.add(writer.post(room, "missed " + i).get("seq").asLong());
      }
      try (WsClient reader = connect("kate")) {
        JsonNode subscribed = reader.subscribe(room, lastSeen);
        assertThat(subscribed.get("last_seq").asLong()).isEqualTo(missed.get(49));
        List<JsonNode> replayed = reader.roomEvents(room);
        assertThat(seqs(replayed)).containsExactlyElementsOf(missed);
        assertThat(replayed.get(0).get("body").asText()).isEqualTo("missed 0");

        long live = writer.post(room, "live after resume").get("seq").asLong();
        reader.await(n -> n.path("seq").asLong() == live);
        List<Long> all = seqs(reader.roomEvents(room));
        assertThat(all).hasSize(51).doesNotHaveDuplicates().isSorted();
        assertThat(all.get(50)).isEqualTo(live);
      }
    }
  }

  @Test
  void theSameCommandIdSentTwiceYieldsOneMessageAndTheOriginalResult() {
    long room = newRoom("idempotent");
    try (WsClient alice = connect("alice")) {
      Map<String, Object> cmd = Map.of("type", "post_message", "id", "retry-1", "room", room, "body", "only once");
      JsonNode first = alice.request(cmd);
      JsonNode second = alice.request(cmd);
      assertThat(first.get("duplicate").asBoolean()).isFalse();
      assertThat(second.get("duplicate").asBoolean()).isTrue();
      assertThat(second.get("message_id").asLong()).isEqualTo(first.get("message_id").asLong());
      assertThat(second.get("seq").asLong()).isEqualTo(first.get("seq").asLong());
      JsonNode events = server.as("alice").get("/api/rooms/" + room + "/events").json().get("events");
      assertThat(events).hasSize(1);
    }
  }

  @Test
  void theSameCommandIdSentConcurrentlyOnTwoConnectionsYieldsOneMessage() {
    long room = newRoom("idempotent-concurrent");
    String token = server.as("alice").token();
    for (int round = 0; round < 20; round++) {
      try (WsClient a = WsClient.connect(server.port(), token); WsClient b = WsClient.connect(server.port(), token)) {
        Map<String, Object> cmd = Map.of("type", "post_message", "id", "race-" + round, "room", room, "body", "race " + round);
        CompletableFuture<JsonNode> fa = CompletableFuture.supplyAsync(() -> a.request(cmd));
        CompletableFuture<JsonNode> fb = CompletableFuture.supplyAsync(() -> b.request(cmd));
        JsonNode ra = fa.join();
        JsonNode rb = fb.join();
        assertThat(ra.get("message_id").asLong()).isEqualTo(rb.get("message_id").asLong());
        assertThat(ra.get("duplicate").asBoolean() ^ rb.get("duplicate").asBoolean()).isTrue();
      }
    }
    JsonNode events = server.as("alice").get("/api/rooms/" + room + "/events?limit=200").json().get("events");
    assertThat(events).hasSize(20);
  }

  @Test
  void concurrentWritersProduceAGapFreeSequenceThatEverySubscriberSeesInOrder() {
    long room = newRoom("concurrent");
    List<String> writers = List.of("alice", "kate", "eric", "gary", "oscar", "penny");
    List<WsClient> clients = writers.stream().map(DeliveryIT::connect).toList();
    try (WsClient watcher = connect("callum")) {
      watcher.subscribe(room, 0L);
      clients.forEach(c -> c.subscribe(room, 0L));
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (WsClient c : clients) {
        all.add(CompletableFuture.runAsync(() -> IntStream.range(0, 25).forEach(i -> c.post(room, "burst " + i))));
      }
      all.forEach(CompletableFuture::join);
      int total = writers.size() * 25;
      for (WsClient c : concat(clients, watcher)) {
        List<JsonNode> got = c.awaitCount(n -> WsClient.type(n).equals("message_posted") && n.get("room").asLong() == room, total);
        assertThat(seqs(got)).containsExactlyElementsOf(LongRange.closed(1, total));
      }
    } finally {
      clients.forEach(WsClient::close);
    }
  }

  @Test
  void aResumePointNeverIssuedGetsResyncRequiredWithASnapshot() {
    long room = newRoom("resync");
    try (WsClient alice = connect("alice")) {
      long last = alice.post(room, "one").get("seq").asLong();
      JsonNode reply = alice.subscribe(room, last + 100);
      assertThat(WsClient.type(reply)).isEqualTo("resync_required");
      assertThat(reply.get("last_seq").asLong()).isEqualTo(last);
      assertThat(reply.get("recent")).hasSize(1);
      // live events still follow the snapshot
      long next = alice.post(room, "two").get("seq").asLong();
      alice.await(n -> WsClient.type(n).equals("message_posted") && n.get("seq").asLong() == next);
    }
  }

  @Test
  void aResumePointOlderThanTheReplayWindowGetsResyncRequired() {
    long room = newRoom("resync-old");
    try (WsClient alice = connect("alice")) {
      // Fill the room through the server's own write path (one socket posting a thousand times would be rate limited).
      RoomEventLog log = server.server().features().eventLog();
      for (int i = 0; i < RoomService.MAX_REPLAY + 5; i++) {
        String text = "notice " + i;
        log.writeSystem(tx -> tx.append(room, seq -> new org.quorate.protocol.RoomEvent.SystemNotice(room, seq, "test", text,
            java.time.Instant.now())).map(e -> new RoomEventLog.Outcome(room, e.seq(), null, false))).await();
      }
      JsonNode reply = alice.subscribe(room, 1L);
      assertThat(WsClient.type(reply)).isEqualTo("resync_required");
      assertThat(reply.get("recent")).hasSize(RoomService.RESYNC_SNAPSHOT);
    }
  }

  @Test
  void historyPagesBackwardsFromAnySequence() {
    long room = newRoom("history");
    try (WsClient alice = connect("alice")) {
      for (int i = 1; i <= 30; i++) {
        alice.post(room, "h" + i);
      }
      JsonNode page = alice.request(Map.of("type", "fetch_history", "room", room, "before_seq", 21, "limit", 10));
      assertThat(seqs(toList(page.get("events")))).containsExactly(11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);
      assertThat(page.get("has_more").asBoolean()).isTrue();
      JsonNode first = alice.request(Map.of("type", "fetch_history", "room", room, "before_seq", 3, "limit", 10));
      assertThat(seqs(toList(first.get("events")))).containsExactly(1L, 2L);
      assertThat(first.get("has_more").asBoolean()).isFalse();
    }
  }

  static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  static List<WsClient> concat(List<WsClient> list, WsClient one) {
    List<WsClient> out = new ArrayList<>(list);
    out.add(one);
    return out;
  }

  static final class LongRange {
    static List<Long> closed(long from, long to) {
      return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
    }
  }
}
