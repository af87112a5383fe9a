package org.quorate.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.ServerProcess;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * Two clustered nodes on one store, posters in each room writing through both nodes as fast as
 * their acks come back, while readers on the second node keep joining and leaving the rooms (so
 * its per-room bus consumers come and go under load). Every reader, steady or passing, must get
 * every acknowledged event of its stay exactly once and in order, up to the last one, with nothing
 * later to reveal a missing tail.
 */
class TwoNodeChurnDeliveryIT {
  private static final String CLUSTER = "quorate-churn-it";
  private static final int POSTS_EACH = 150;
  /** Posters by node; each posts to every room. */
  private static final List<List<String>> POSTERS = List.of(List.of("alice", "eric"), List.of("kate", "gary"));
  /** Readers that stay for the whole run, on both nodes. */
  private static final List<String> STEADY = List.of("connie", "bella");
  /** Readers on the second node that subscribe, take a few events, and leave, over and over. */
  private static final List<String> PASSING = List.of("penny", "callum", "oscar", "arthur");
  /** Leave-rejoin-post rounds in the quiet room, at least. */
  private static final int QUIET_CYCLES = 60;
  /** Sign in on the second node, sign out through the first at once, this many times. */
  private static final int SIGN_OUT_CYCLES = 150;

  @TempDir Path work;

  private final List<ServerProcess> nodes = new CopyOnWriteArrayList<>();
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();

  @Test
  void everyReaderOnEitherNodeGetsEveryAcknowledgedEventOfItsStayOnceInOrderWhileOthersJoinAndLeave() throws Exception {
    try {
      startTwoNodes();

      ApiClient admin = new ApiClient(nodes.get(0).baseUrl());
      admin.login("admin", TestServer.DEMO_PASSWORD);
      List<Long> rooms = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        rooms.add(admin.post("/api/rooms", Map.of("name", "churn " + i, "classification", "white")).json().get("id").asLong());
      }
      long quiet = admin.post("/api/rooms", Map.of("name", "quiet", "classification", "white")).json().get("id").asLong();
      Map<Long, AtomicLong> highestAck = new ConcurrentHashMap<>();
      rooms.forEach(r -> highestAck.put(r, new AtomicLong()));

      // Steady readers: one connection per room on each node, subscribed before any post.
      List<Reader> steady = new ArrayList<>();
      for (int node = 0; node < 2; node++) {
        for (long room : rooms) {
          steady.add(new Reader(STEADY.get(node), node, room));
        }
      }

      AtomicBoolean posting = new AtomicBoolean(true);
      AtomicInteger stays = new AtomicInteger();
      List<Thread> passing = new ArrayList<>();
      for (int i = 0; i < PASSING.size(); i++) {
        String user = PASSING.get(i);
        long room = rooms.get(i % rooms.size());
        passing.add(thread("passing-" + user, () -> {
          while (posting.get()) {
            try (Reader r = new Reader(user, 1, room)) {
              // Stay until an event acknowledged after joining has arrived, then leave.
              long target = highestAck.get(room).get() + 1;
              r.awaitThrough(target, posting);
              r.check();
              stays.incrementAndGet();
            }
          }
        }));
      }

      // A quiet room, followed throughout on the first node: a reader on the second leaves and
      // rejoins it over and over, and right after each rejoin is confirmed one post goes in through
      // the first node, with nothing after it that could reveal it if it were lost.
      Reader quietSteady = new Reader("connie", 0, quiet);
      steady.add(quietSteady);
      highestAck.put(quiet, new AtomicLong());
      AtomicInteger quietPosts = new AtomicInteger();
      passing.add(thread("quiet-room", () -> {
        try (WsClient writer = WsClient.connect(nodes.get(0).port(), token("dcc")); Reader r = new Reader("secas", 1, quiet)) {
          while (posting.get() || quietPosts.get() < QUIET_CYCLES) {
            JsonNode ack = writer.request(Map.of("type", "post_message", "room", quiet, "body", "quiet-" + quietPosts.get()));
            assertThat(WsClient.type(ack)).as(ack.toString()).isEqualTo("ack");
            highestAck.get(quiet).accumulateAndGet(ack.get("seq").asLong(), Math::max);
            r.awaitThrough(ack.get("seq").asLong(), null);
            r.check();
            quietPosts.incrementAndGet();
            r.rejoin();
          }
        }
      }));

      List<Thread> posters = new ArrayList<>();
      for (int node = 0; node < POSTERS.size(); node++) {
        for (String user : POSTERS.get(node)) {
          int n = node;
          posters.add(thread("poster-" + user, () -> {
            try (WsClient ws = WsClient.connect(nodes.get(n).port(), token(user))) {
              for (int i = 0; i < POSTS_EACH; i++) {
                long room = rooms.get(i % rooms.size());
                JsonNode ack = ws.request(Map.of("type", "post_message", "room", room, "body", user + "-" + i));
                assertThat(WsClient.type(ack)).as(ack.toString()).isEqualTo("ack");
                highestAck.get(room).accumulateAndGet(ack.get("seq").asLong(), Math::max);
              }
            }
          }));
        }
      }
      long started = System.nanoTime();
      passing.forEach(Thread::start);
      posters.forEach(Thread::start);
      for (Thread t : posters) {
        t.join(Duration.ofSeconds(240).toMillis());
      }
      posting.set(false);
      for (Thread t : passing) {
        t.join(Duration.ofSeconds(60).toMillis());
      }
      System.out.printf("%d posts through two nodes in %d ms; %d passing stays; %d single posts into a quiet room%n",
          POSTERS.size() * 2 * POSTS_EACH, (System.nanoTime() - started) / 1_000_000, stays.get(), quietPosts.get());

      for (Reader r : steady) {
        r.awaitThrough(highestAck.get(r.room).get(), null);
        r.check();
        assertThat(r.last()).as(r + " received the last acknowledged event").isEqualTo(highestAck.get(r.room).get());
        r.close();
      }
      // The store's high-water check repairs what the bus loses; here the bus should have lost nothing.
      long fills = nodes.stream().flatMap(n -> n.stderr().stream()).filter(l -> l.contains("filled from the store")).count();
      System.out.printf("events the nodes had to fill from the store: %d%n", fills);
      assertThat(failures).as("failures of posters and passing readers").isEmpty();
      assertThat(stays.get()).as("readers joined and left during the load").isGreaterThan(PASSING.size());
      assertThat(quietPosts.get()).as("single posts followed a fresh subscription").isGreaterThanOrEqualTo(QUIET_CYCLES);
    } finally {
      nodes.parallelStream().forEach(ServerProcess::close);
    }
  }

  /**
   * The sign-out signal crosses nodes on an address every node consumes from start-up: a per-user
   * clustered address reached the other node only once the cluster registry had learnt of the new
   * connection's consumer, and a token revoked in between left its socket open.
   */
  @Test
  void signingOutThroughOneNodeClosesASocketSignedInOnTheOtherAMomentBefore() throws Exception {
    try {
      startTwoNodes();
      // Signed in beforehand, so each socket's sign-out follows the socket's previous one within milliseconds.
      List<ApiClient> sessions = new ArrayList<>();
      for (int i = 0; i < SIGN_OUT_CYCLES; i++) {
        ApiClient api = new ApiClient(nodes.get(0).baseUrl());
        api.login("penny", TestServer.DEMO_PASSWORD);
        sessions.add(api);
      }
      for (int cycle = 0; cycle < SIGN_OUT_CYCLES; cycle++) {
        ApiClient api = sessions.get(cycle);
        WsClient ws = WsClient.connect(nodes.get(1).port(), api.token());
        ApiClient.Response out = api.post("/api/logout", Map.of());
        assertThat(out.status()).as(out.toString()).isEqualTo(204);
        try {
          assertThat(ws.awaitClose()).as("socket of sign-out " + cycle + " closed as signed out").isEqualTo((short) 1008);
        } finally {
          ws.close();
        }
      }
    } finally {
      nodes.parallelStream().forEach(ServerProcess::close);
    }
  }

  private void startTwoNodes() throws Exception {
    nodes.addAll(ClusterNodes.startTwo(work, CLUSTER));
  }


  /** One subscribed connection: the room events it received, from its subscription point on. */
  private final class Reader implements AutoCloseable {
    final String user;
    final int node;
    final long room;
    final WsClient ws;
    long from;
    /** Frames before this index came before the subscription was confirmed (events it already covers among them). */
    int mark;

    Reader(String user, int node, long room) {
      this.user = user;
      this.node = node;
      this.room = room;
      this.ws = WsClient.connect(nodes.get(node).port(), token(user));
      subscribe();
    }

    private void subscribe() {
      JsonNode subscribed = ws.subscribe(room, null);
      from = subscribed.get("last_seq").asLong();
      mark = ws.received().indexOf(subscribed) + 1;
    }

    /** Unsubscribes and subscribes again on the same connection, as a client switching rooms back and forth. */
    void rejoin() {
      JsonNode left = ws.request(Map.of("type", "unsubscribe", "room", room));
      assertThat(WsClient.type(left)).as(left.toString()).isEqualTo("ack");
      subscribe();
    }

    /** Waits until an event at or past {@code seq} has arrived (or, while {@code still} holds, the load ends). */
    void awaitThrough(long seq, AtomicBoolean still) {
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> last() >= seq || (still != null && !still.get()));
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError(this + " never received seq " + seq + "; the last it received is " + last());
      }
      if (still == null || still.get()) {
        assertThat(last()).as(this + " received event " + seq).isGreaterThanOrEqualTo(seq);
      }
    }

    /** The room's posts as delivered (notifications of them, which also carry a seq, are not deliveries). */
    List<JsonNode> posts() {
      List<JsonNode> frames = ws.received();
      return frames.subList(mark, frames.size()).stream()
          .filter(e -> WsClient.type(e).equals("message_posted") && e.path("room").asLong() == room).toList();
    }

    long last() {
      List<JsonNode> events = posts();
      return events.isEmpty() ? from : events.get(events.size() - 1).get("seq").asLong();
    }

    /** Exactly the events after the subscription point, each once, in order, with no gap. */
    void check() {
      long expected = from + 1;
      for (JsonNode e : posts()) {
        long seq = e.get("seq").asLong();
        if (seq != expected) {
          failures.add(this + " expected seq " + expected + " but got " + seq);
          throw new AssertionError(this + " expected seq " + expected + " but got " + seq);
        }
        expected++;
      }
    }

    @Override
    public void close() {
      ws.close();
    }

    @Override
    public String toString() {
      return user + " on node " + (node + 1) + " in room " + room + " (subscribed at " + from + ")";
    }
  }

  private Thread thread(String name, ThrowingRunnable body) {
    return new Thread(() -> {
      try {
        body.run();
      } catch (Throwable t) {
        failures.add(name + ": " + t);
      }
    }, name);
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  private String token(String user) {
    return tokens.computeIfAbsent(user, u -> {
      ApiClient api = new ApiClient(nodes.get(0).baseUrl());
      api.login(u, TestServer.DEMO_PASSWORD);
      return api.token();
    });
  }




}
