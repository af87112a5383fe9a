package org.quorate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * A server with four event loops spreads its sockets over them; every room event still reaches
 * every subscriber exactly once and in sequence, whichever loop serves it, while three writers
 * post at once.
 */
class FanoutAcrossEventLoopsIT {
  static final int SUBSCRIBERS = 12;
  static final int WRITERS = 3;
  static final int POSTS_EACH = 20;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(c -> c.withEventLoops(4));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everySubscriberOnEveryEventLoopGetsEachEventOnceAndInOrder() throws Exception {
    ApiClient admin = server.as("admin");
    long room = admin.post("/api/rooms", Map.of("name", "across loops", "classification", "white")).json().get("id").asLong();
    String token = server.as("kate").token();
    List<WsClient> subscribers = new ArrayList<>();
    List<WsClient> writers = new ArrayList<>();
    try {
      for (int i = 0; i < SUBSCRIBERS; i++) {
        WsClient s = WsClient.connect(server.port(), token);
        s.subscribe(room, null);
        subscribers.add(s);
      }
      for (int i = 0; i < WRITERS; i++) {
        writers.add(WsClient.connect(server.port(), token));
      }
      List<Integer> perLoop = server.server().features().connectionsPerEventLoop();
      assertThat(perLoop).as("connections per event loop").hasSize(4);
      assertThat(perLoop.stream().filter(n -> n > 0).count()).as("loops serving sockets: %s", perLoop).isGreaterThanOrEqualTo(2);

      ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
      List<Future<List<Long>>> acked = new ArrayList<>();
      for (WsClient w : writers) {
        acked.add(pool.submit(() -> {
          List<Long> seqs = new ArrayList<>();
          for (int i = 0; i < POSTS_EACH; i++) {
            JsonNode ack = w.post(room, "post " + i);
            assertThat(WsClient.type(ack)).as(ack.toString()).isEqualTo("ack");
            seqs.add(ack.get("seq").asLong());
          }
          return seqs;
        }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> f : acked) {
        all.addAll(f.get());
      }
      pool.shutdown();
      List<Long> expected = all.stream().sorted().toList();
      assertThat(expected).doesNotHaveDuplicates().hasSize(WRITERS * POSTS_EACH);

      for (WsClient s : subscribers) {
        s.awaitCount(e -> WsClient.type(e).equals("message_posted"), expected.size());
        List<Long> seen = s.roomEvents(room).stream().filter(e -> WsClient.type(e).equals("message_posted"))
            .map(e -> e.get("seq").asLong()).toList();
        assertThat(seen).as("what one subscriber saw").containsExactlyElementsOf(expected);
      }
    } finally {
      subscribers.forEach(WsClient::close);
      writers.forEach(WsClient::close);
    }
  }
}
