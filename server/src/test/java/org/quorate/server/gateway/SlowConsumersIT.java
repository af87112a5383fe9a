package org.quorate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.ServerProcess;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * Fifty clients subscribe to a busy room and never read, while eight writers post 9.6 KB messages
 * at 12 a second each, against the real jar with a 256 MB heap. The stalled clients are cut off
 * instead of growing the server's memory; the server stays healthy and its readers get everything.
 */
class SlowConsumersIT {
  static final int SLOW = 50;
  static final int HEALTHY = 2;
  static final int WRITERS = 8;
  // 12 a second (about 1 MB/s to each reader): the stalled clients still fall tens of MB behind, while a
  // healthy reader in this loaded test JVM keeps within its 1 MiB budget (at 25 a second, one did not at load 20).
  static final int PER_SECOND = 12;
  static final Duration LOAD = Duration.ofSeconds(20);
  static final long HEAP_CEILING = 192L * 1024 * 1024;
  /** Vert.x closes a WebSocket client, and its sockets, once nothing references it: these must live as long as the test. */
  static final List<WebSocketClient> CLIENTS = new java.util.concurrent.CopyOnWriteArrayList<>();

  @TempDir Path work;

  @Test
  void clientsThatStopReadingAreCutOffWhileTheServerStaysHealthyInBoundedMemoryAndReadersGetEveryMessage() throws Exception {
    try (ServerProcess server = ServerProcess.start(work, List.of("-Xmx256m"), "--port", "0", "--data-dir",
        work.resolve("data").toString(), "--demo", "--password-iterations", "1000").awaitListening(Duration.ofSeconds(90))) {
      ApiClient admin = new ApiClient(server.baseUrl());
      admin.login("admin", TestServer.DEMO_PASSWORD);
      long room = admin.post("/api/rooms", Map.of("name", "firehose", "classification", "white")).json().get("id").asLong();
      ApiClient kate = new ApiClient(server.baseUrl());
      kate.login("kate", TestServer.DEMO_PASSWORD);
      String token = kate.token();

      Vertx vertx = Vertx.vertx();
      List<ClientWebSocket> slow = new ArrayList<>();
      for (int i = 0; i < SLOW; i++) {
        slow.add(stalled(vertx, server.port(), token, room));
      }
      List<CountingReader> readers = new ArrayList<>();
      for (int i = 0; i < HEALTHY; i++) {
        readers.add(new CountingReader(vertx, server.port(), token, room));
      }
      List<WsClient> writers = new ArrayList<>();
      for (int i = 0; i < WRITERS; i++) {
        writers.add(WsClient.connect(server.port(), token));
      }

      String body = "quorum ".repeat(1_371) + "vote";
      AtomicInteger sent = new AtomicInteger();
      ScheduledExecutorService pace = Executors.newScheduledThreadPool(WRITERS + 1);
      long start = System.nanoTime();
      LocalTime loadStartedAt = LocalTime.now();
      for (WsClient w : writers) {
        pace.scheduleAtFixedRate(() -> {
          if (System.nanoTime() - start < LOAD.toNanos()) {
            w.sendJson(Map.of("type", "post_message", "id", WsClient.newId(), "room", room, "body", body));
            sent.incrementAndGet();
          }
        }, 0, 1000 / PER_SECOND, TimeUnit.MILLISECONDS);
      }

      // Watch the server as an operator would, every half second, while the load runs.
      AtomicLong peakHeap = new AtomicLong();
      List<Integer> health = new ArrayList<>();
      ApiClient operator = new ApiClient(server.baseUrl());
      await().atMost(LOAD.plusSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() -> {
        health.add(operator.get("/health").status());
        peakHeap.accumulateAndGet(heapUsed(operator.get("/metrics").body()), Math::max);
        return System.nanoTime() - start >= LOAD.toNanos();
      });
      pace.shutdown();
      assertThat(pace.awaitTermination(5, TimeUnit.SECONDS)).isTrue();

      int sentPosts = sent.get();
      await().atMost(Duration.ofSeconds(30)).until(() -> answered(writers, null) == sentPosts);
      long posted = answered(writers, "ack");
      Map<String, Long> refused = writers.stream().flatMap(w -> w.received().stream()).filter(n -> WsClient.type(n).equals("error"))
          .collect(java.util.stream.Collectors.groupingBy(n -> n.path("code").asText(), java.util.stream.Collectors.counting()));
      // A stalled client cannot notice its socket closing (it reads nothing), so the server's own log is the witness.
      List<String> cutOffs = server.stderr().stream().filter(l -> l.contains("disconnecting kate:")).toList();
      System.out.printf("SlowConsumersIT: %d posted, readers have %s, %d clients cut off%n", posted,
          readers.stream().map(r -> r.posted.get()).toList(), cutOffs.size());
      await().atMost(Duration.ofSeconds(30)).until(() -> readers.stream().allMatch(r -> r.posted.get() == posted));
      List<Long> cutOffAfterMillis = cutOffs.stream()
          .map(l -> Duration.between(loadStartedAt, LocalTime.parse(l.substring(0, 12))).toMillis()).toList();
      Map<String, Long> why = cutOffs.stream().collect(java.util.stream.Collectors.groupingBy(
          l -> l.replaceAll(".*disconnecting kate: ", "").replaceAll(" \\(\\d+ bytes queued\\)", ""), java.util.stream.Collectors.counting()));
      System.out.printf("SlowConsumersIT: %d messages of 9.6 KB sent in %d s, %d posted, refused %s; %d stalled clients cut off, "
          + "after %d to %d ms (%s); peak heap used %d MB of 256 MB; %d health checks, all %s%n", sentPosts, LOAD.toSeconds(), posted, refused,
          cutOffAfterMillis.size(),
          cutOffAfterMillis.stream().mapToLong(x -> x).min().orElse(-1), cutOffAfterMillis.stream().mapToLong(x -> x).max().orElse(-1), why,
          peakHeap.get() >> 20, health.size(), health.stream().distinct().toList());

      assertThat(sentPosts).isGreaterThan(WRITERS * PER_SECOND * (int) LOAD.toSeconds() * 8 / 10);
      assertThat(refused.keySet()).as("a post is acknowledged or refused as retryable, never internal").isSubsetOf("unavailable");
      // A socket can only become unwritable while something is written to it, so by the end of the load plus the grace at the latest.
      Duration deadline = LOAD.plus(GatewayLimits.defaults().slowClientGrace()).plusSeconds(1);
      assertThat(cutOffAfterMillis).as("every stalled client cut off within the deadline").hasSize(SLOW)
          .allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(deadline.toMillis()));
      assertThat(health).as("/health answered UP throughout").containsOnly(200);
      assertThat(peakHeap.get()).as("heap used stays bounded").isPositive().isLessThan(HEAP_CEILING);
      assertThat(readers).allSatisfy(r -> assertThat(r.posted.get()).isEqualTo(posted));

      // Stopped with its readers still connected, it still exits. Not held to 10 s here: after this much
      // WAL on a busy disk, the embedded PostgreSQL's own shutdown checkpoint alone can take longer
      // (seen in a thread dump: pg_ctl stop). ShutdownUnderLoadIT holds the 10 s line.
      assertThat(server.terminate(Duration.ofSeconds(30))).isEqualTo(143);
      // The stalled sockets never read their close: let the test's own Vert.x close in the background.
      vertx.close();
    }
  }

  /** Answers (of one type, or all when null) the writers have had. */
  static long answered(List<WsClient> writers, String type) {
    return writers.stream().mapToLong(w -> w.received().stream()
        .filter(n -> type == null ? WsClient.type(n).equals("ack") || WsClient.type(n).equals("error") : WsClient.type(n).equals(type))
        .count()).sum();
  }

  /** Sums {@code jvm_memory_used_bytes{area="heap",...}} over the heap's pools. */
  static long heapUsed(String prometheus) {
    long sum = 0;
    for (String line : prometheus.split("\n")) {
      if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
        sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /**
   * Subscribes, then never reads again. A small socket receive buffer keeps the kernel from
   * absorbing the backlog, so it builds up on the server, as with a client on a slow link.
   */
  static ClientWebSocket stalled(Vertx vertx, int port, String token, long room) throws Exception {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setReceiveBufferSize(4096)
        .setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 22));
    CLIENTS.add(client);
    ClientWebSocket ws = client.webSocket();
    java.util.concurrent.CompletableFuture<Void> subscribed = new java.util.concurrent.CompletableFuture<>();
    ws.textMessageHandler(text -> {
      if (text.startsWith("{\"type\":\"subscribed\"")) {
        ws.pause();
        subscribed.complete(null);
      }
    });
    ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws")
        .addHeader("Authorization", "Bearer " + token)).await(10, TimeUnit.SECONDS);
    ws.writeTextMessage("{\"type\":\"subscribe\",\"id\":\"" + WsClient.newId() + "\",\"room\":" + room + "}").await(10, TimeUnit.SECONDS);
    subscribed.get(10, TimeUnit.SECONDS);
    return ws;
  }

  /** A reader that keeps up and only counts, so the test's own memory does not grow with the load. */
  static final class CountingReader {
    final AtomicLong posted = new AtomicLong();
    final ClientWebSocket ws;

    CountingReader(Vertx vertx, int port, String token, long room) throws Exception {
      WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 22));
      CLIENTS.add(client);
      ws = client.webSocket();
      ws.textMessageHandler(text -> {
        if (text.startsWith("{\"type\":\"message_posted\"")) {
          posted.incrementAndGet();
        }
      });
      ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws")
          .addHeader("Authorization", "Bearer " + token)).await(10, TimeUnit.SECONDS);
      ws.writeTextMessage("{\"type\":\"subscribe\",\"id\":\"" + WsClient.newId() + "\",\"room\":" + room + "}").await(10, TimeUnit.SECONDS);
    }

  }
}
