package org.quorate.server.decisions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * Not a test: a W5-shaped ballot burst in-process against a real embedded PostgreSQL, with the ledger
 * off ({@code --ledger off}, the switch kept for this baseline) and on, in the same run. Voters
 * are spread over {@code decisions} bodies, one open decision each; every voter casts
 * {@code ballotsPerVoter} ballots in a row (a first ballot, then changes), resending one in five with
 * the same command id, and each is sent as soon as the previous one is acknowledged (all voters at once).
 * One watcher per decision listens to its room. Reports ballots/s, p50/p99 ack, the time from the last
 * ack until every watcher has seen the final tally in a {@code decision_tally}, and whether the
 * decision's tally equals a recount of the store. Writes {@code server/target/ballot-burst-benchmark.md}.
 *
 * <p>Run (after {@code mvn -pl server dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test}
 * and test-compile): {@code java -cp "$(cat server/target/test-classpath.txt):server/target/classes:server/target/test-classes"
 * org.quorate.server.decisions.BallotBurstBenchmark [voters=2000] [decisions=10] [ballotsPerVoter=5]}.
 */
public final class BallotBurstBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int IN_FLIGHT = 160;
  private static final String[] CHOICES = {"approve", "reject", "abstain"};

  record Run(String name, int ballots, int resends, int unavailable, double perSecond, Histogram acks, double finalTallySeenMs,
      boolean exact) {}

  public static void main(String[] args) throws Exception {
    int voters = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int decisions = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int perVoter = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    List<Run> runs = new ArrayList<>();
    for (String mode : List.of("off", "on", "off", "on")) {
      java.util.function.UnaryOperator<org.quorate.server.config.ServerConfig> ledger =
          mode.equals("off") ? org.quorate.server.config.ServerConfig::withLedgerOff : java.util.function.UnaryOperator.identity();
      try (TestServer server = TestServer.start(ledger)) {
        runs.add(run("ledger " + mode, server, voters, decisions, perVoter));
        System.out.println(line(runs.get(runs.size() - 1)));
      }
    }
    StringBuilder table = new StringBuilder(String.format("%d voters, %d decisions, %d ballots per voter (1 in 5 resent), at most " + IN_FLIGHT + " voters in flight%n%n", voters,
        decisions, perVoter));
    table.append("| Run | Ballots | Resends | Unavailable | Ballots/s | p50 ack (ms) | p99 ack (ms) | Final tally seen after last ack (ms) | Exact |\n");
    table.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    runs.forEach(r -> table.append(line(r)).append('\n'));
    // The second pair is the measurement (the first warms the JVM and the JIT).
    Run off = runs.get(2);
    Run on = runs.get(3);
    table.append(String.format("%nLedger on / off: throughput %.2f, p99 ack %.2f (target: within 15%%)%n", on.perSecond() / off.perSecond(),
        (double) on.acks().getValueAtPercentile(99) / off.acks().getValueAtPercentile(99)));
    System.out.print(table);
    Files.writeString(Path.of("server/target/ballot-burst-benchmark.md").toAbsolutePath(), table);
    System.exit(0);
  }

  static String line(Run r) {
    return String.format("| %s | %d | %d | %d | %.0f | %.1f | %.1f | %.0f | %s |", r.name(), r.ballots(), r.resends(), r.unavailable(),
        r.perSecond(), r.acks().getValueAtPercentile(50) / 1000.0, r.acks().getValueAtPercentile(99) / 1000.0, r.finalTallySeenMs(),
        r.exact() ? "yes" : "NO");
  }

  static Run run(String name, TestServer server, int voters, int decisionCount, int perVoter) throws Exception {
    List<Long> decisions = new ArrayList<>();
    List<Long> rooms = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(server.database().jdbcUrl(), "postgres", ""); Statement s = c.createStatement()) {
      List<Long> bodies = new ArrayList<>();
      var admin = server.as("admin");
      for (int d = 0; d < decisionCount; d++) {
        bodies.add(admin.post("/api/bodies", Map.of("code", "WG_B" + d, "name", "Burst Group " + d, "kind", "working_group",
            "rules", "WORKING_GROUP"))
            .json().get("id").asLong());
      }
      s.execute("INSERT INTO voting_group (name) SELECT 'Bench Party ' || g FROM generate_series(0, " + (voters - 1) + ") g");
      s.execute("INSERT INTO party (name, category, voting_group_id) SELECT v.name, (ARRAY['large_supplier', 'small_supplier', "
          + "'electricity_network', 'gas_network', 'other_sec_party'])[1 + (substring(v.name from 13)::int % 5)], v.id "
          + "FROM voting_group v WHERE v.name LIKE 'Bench Party %'");
      s.execute("INSERT INTO app_user (username, display_name, password_hash, party_id, roles) SELECT 'bench' || substring(p.name from 13), "
          + "'Bench Voter ' || substring(p.name from 13), (SELECT password_hash FROM app_user WHERE username = 'kate'), p.id, '{member}' "
          + "FROM party p WHERE p.name LIKE 'Bench Party %'");
      s.execute("INSERT INTO body_member (body_id, user_id, seat, voting, party_id, category) SELECT (ARRAY" + bodies
          + ")[1 + substring(u.username from 6)::int % " + decisionCount + "], u.id, 'Member', true, p.id, p.category "
          + "FROM app_user u JOIN party p ON p.id = u.party_id WHERE u.username LIKE 'bench%'");
      s.execute("INSERT INTO auth_token (token_hash, user_id, expires_at) SELECT sha256(('bench-token-' || u.username)::bytea), u.id, "
          + "now() + interval '1 day' FROM app_user u WHERE u.username LIKE 'bench%'");
    }
    List<WsClient> watchers = new ArrayList<>();
    // One sign-in: each one hashes the demo password at full strength.
    var secasApi = server.as("secas");
    String secasToken = secasApi.token();
    try (WsClient secas = WsClient.connect(server.port(), secasToken)) {
      for (int d = 0; d < decisionCount; d++) {
        Map<String, Object> open = new HashMap<>(Map.of("type", "open_decision", "body", "WG_B" + d, "question", "Recommend MP210?",
            "kind", "asynchronous", "visibility", "open"));
        // No Modification: each decision runs in its own body's room, so rooms do not serialise the decisions.
        open.put("closes_at", Instant.now().plusSeconds(3600).toString());
        JsonNode ack = secas.request(open);
        decisions.add(ack.get("message_id").asLong());
        rooms.add(ack.get("room").asLong());
      }
    }
    // Each voter's last choice, by decision: what the final tally must be.
    List<Map<String, Integer>> expected = new ArrayList<>();
    for (int d = 0; d < decisionCount; d++) {
      expected.add(new HashMap<>(Map.of("approve", 0, "reject", 0, "abstain", 0)));
    }
    for (int v = 0; v < voters; v++) {
      expected.get(v % decisionCount).merge(CHOICES[(v + perVoter - 1) % 3], 1, Integer::sum);
    }
    Map<Long, Long> finalSeenAt = new ConcurrentHashMap<>();
    for (int d = 0; d < decisionCount; d++) {
      WsClient w = WsClient.connect(server.port(), secasToken);
      w.subscribe(rooms.get(d), null);
      watchers.add(w);
    }

    Vertx vertx = Vertx.vertx();
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 22)
        .setMaxConnections(voters + 1));
    Histogram acks = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    AtomicInteger ballots = new AtomicInteger();
    AtomicInteger resends = new AtomicInteger();
    AtomicInteger unavailable = new AtomicInteger();
    AtomicLong lastAck = new AtomicLong();
    List<Voter> all = new ArrayList<>();
    List<CompletableFuture<Void>> connected = new ArrayList<>();
    for (int v = 0; v < voters; v++) {
      Voter voter = new Voter(v, decisions.get(v % decisionCount), perVoter, acks, ballots, resends, unavailable, lastAck);
      all.add(voter);
      ClientWebSocket ws = client.webSocket();
      voter.ws = ws;
      voter.vertx = vertx;
      ws.textMessageHandler(voter::onMessage);
      connected.add(ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port()).setURI("/ws")
          .addHeader("Authorization", "Bearer bench-token-bench" + v)).toCompletionStage().toCompletableFuture().thenApply(x -> null));
      if (connected.size() % 200 == 0) {
        CompletableFuture.allOf(connected.toArray(CompletableFuture[]::new)).join();
      }
    }
    CompletableFuture.allOf(connected.toArray(CompletableFuture[]::new)).join();

    long started = System.nanoTime();
    // At most IN_FLIGHT voters at once, below the server's pool wait queue (256): beyond it every extra
    // voter is only turned away as unavailable and retries, which measures the retry storm, not ballots.
    java.util.concurrent.ConcurrentLinkedQueue<Voter> queue = new java.util.concurrent.ConcurrentLinkedQueue<>(all);
    Runnable startNext = new Runnable() {
      @Override
      public void run() {
        Voter v = queue.poll();
        if (v != null) {
          v.done.thenRun(this);
          vertx.runOnContext(x -> v.next());
        }
      }
    };
    for (int i = 0; i < Math.min(IN_FLIGHT, voters); i++) {
      startNext.run();
    }
    CompletableFuture.allOf(all.stream().map(v -> v.done).toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    double seconds = (lastAck.get() - started) / 1e9;

    // When did each watcher first see a decision_tally equal to its decision's final count?
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (int d = 0; d < decisionCount; d++) {
      Map<String, Integer> want = expected.get(d);
      WsClient w = watchers.get(d);
      long decision = decisions.get(d);
      while (!finalSeenAt.containsKey(decision) && System.nanoTime() < deadline) {
        boolean seen = w.received().stream().filter(e -> WsClient.type(e).equals("decision_tally") && e.get("decision_id").asLong() == decision)
            .reduce((a, b) -> b).map(e -> want.equals(counts(e.get("tally")))).orElse(false);
        if (seen) {
          finalSeenAt.put(decision, System.nanoTime());
        } else {
          Thread.sleep(2);
        }
      }
    }
    double finalSeenMs = finalSeenAt.size() < decisionCount ? Double.NaN
        : (finalSeenAt.values().stream().mapToLong(Long::longValue).max().orElseThrow() - lastAck.get()) / 1e6;

    boolean exact = true;
    try (Connection c = DriverManager.getConnection(server.database().jdbcUrl(), "postgres", ""); Statement s = c.createStatement()) {
      for (int d = 0; d < decisionCount; d++) {
        Map<String, Integer> recount = new HashMap<>(Map.of("approve", 0, "reject", 0, "abstain", 0));
        try (ResultSet rs = s.executeQuery("SELECT choice, count(*) FROM (SELECT DISTINCT ON (seat_id) choice FROM ballot WHERE decision_id = "
            + decisions.get(d) + " ORDER BY seat_id, id DESC) latest WHERE choice IS NOT NULL GROUP BY choice")) {
          while (rs.next()) {
            recount.put(rs.getString(1), rs.getInt(2));
          }
        }
        Map<String, Integer> told = counts(secasApi.get("/api/decisions/" + decisions.get(d)).json().get("tally"));
        exact &= recount.equals(expected.get(d)) && told.equals(recount);
      }
    }
    watchers.forEach(WsClient::close);
    vertx.close().await(10, TimeUnit.SECONDS);
    return new Run(name, ballots.get(), resends.get(), unavailable.get(), ballots.get() / seconds, acks, finalSeenMs, exact);
  }

  static Map<String, Integer> counts(JsonNode tally) {
    return Map.of("approve", tally.get("approve").asInt(), "reject", tally.get("reject").asInt(), "abstain", tally.get("abstain").asInt());
  }

  /** One voter: sends their next ballot once the previous one is acknowledged; resends on unavailable. */
  static final class Voter {
    final int index;
    final long decision;
    final int perVoter;
    final Histogram acks;
    final AtomicInteger ballots;
    final AtomicInteger resends;
    final AtomicInteger unavailable;
    final AtomicLong lastAck;
    final CompletableFuture<Void> done = new CompletableFuture<>();
    ClientWebSocket ws;
    Vertx vertx;
    int sent;
    String pendingId;
    String pendingJson;
    long sentAt;
    boolean resendPlanned;

    Voter(int index, long decision, int perVoter, Histogram acks, AtomicInteger ballots, AtomicInteger resends, AtomicInteger unavailable,
        AtomicLong lastAck) {
      this.index = index;
      this.decision = decision;
      this.perVoter = perVoter;
      this.acks = acks;
      this.ballots = ballots;
      this.resends = resends;
      this.unavailable = unavailable;
      this.lastAck = lastAck;
    }

    void next() {
      if (sent == perVoter) {
        done.complete(null);
        return;
      }
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("type", "cast_ballot");
      b.put("id", "b-" + index + "-" + sent);
      b.put("decision_id", decision);
      b.put("choice", CHOICES[(index + sent) % 3]);
      b.put("reason", "burst");
      try {
        pendingJson = JSON.writeValueAsString(b);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      pendingId = "b-" + index + "-" + sent;
      resendPlanned = (index + sent) % 5 == 0;
      sent++;
      sentAt = System.nanoTime();
      ws.writeTextMessage(pendingJson);
      if (resendPlanned) {
        resends.incrementAndGet();
        ws.writeTextMessage(pendingJson);
      }
    }

    void onMessage(String text) {
      JsonNode n;
      try {
        n = JSON.readTree(text);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      if (pendingId == null || !pendingId.equals(n.path("id").asText())) {
        return;
      }
      String type = n.path("type").asText();
      if ("error".equals(type) && "unavailable".equals(n.path("code").asText())) {
        // As the protocol asks: retry with the same id, after a pause (an immediate retry only adds to the queue it was turned away from).
        unavailable.incrementAndGet();
        String again = pendingJson;
        vertx.setTimer(20 + java.util.concurrent.ThreadLocalRandom.current().nextInt(80), t -> {
          if (again.equals(pendingJson)) {
            ws.writeTextMessage(again);
          }
        });
        return;
      }
      if (!"ack".equals(type)) {
        done.completeExceptionally(new AssertionError("voter " + index + ": " + text));
        return;
      }
      if (n.path("duplicate").asBoolean()) {
        return;
      }
      long now = System.nanoTime();
      synchronized (acks) {
        acks.recordValue(Math.max(1, (now - sentAt) / 1000));
      }
      ballots.incrementAndGet();
      lastAck.accumulateAndGet(now, Math::max);
      next();
    }
  }
}
