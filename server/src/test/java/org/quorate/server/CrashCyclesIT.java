package org.quorate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.EmbeddedCluster;
import org.quorate.server.testing.ServerProcess;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * The real jar killed with SIGKILL again and again while several clients post and vote, and
 * started again on the same data directory with no manual clean-up: nothing acknowledged is lost,
 * nothing is stored twice, room sequences have no hole, and the tally is what the stored ballots say.
 */
class CrashCyclesIT {
  private static final int CYCLES = 20;
  /** Every fifth cycle the postmaster is killed too, leaving a stale postmaster.pid rather than a running orphan. */
  private static final int BOTH_KILLED_EVERY = 5;
  private static final Duration START = Duration.ofSeconds(90);
  private static final List<String> VOTERS = List.of("alice", "kate", "eric", "gary");
  private static final String[] CHOICES = {"approve", "reject", "abstain"};

  @TempDir Path work;

  private final Map<String, String> tokens = new LinkedHashMap<>();
  private final Map<String, Long> lastSeen = new HashMap<>();
  private final Set<String> ackedMessages = new HashSet<>();
  private final Set<String> ackedBallots = new HashSet<>();
  private final Set<String> unackedMessages = new HashSet<>();
  private final Set<String> unackedBallots = new HashSet<>();
  private final List<Long> restartMillis = new ArrayList<>();
  private long room;
  private long decision;
  private int lost;
  private int duplicated;
  private int holes;
  private int resumeGaps;
  private int unackedApplied;

  @Test
  void twentyKillNineCyclesWhileClientsPostAndVoteLoseNoAcknowledgedWriteAndStoreNothingTwice() throws Exception {
    Path data = work.resolve("data");
    String[] options = {"--port", "0", "--data-dir", data.toString(), "--demo", "--password-iterations", "1000"};
    Random random = new Random(20261204);
    ServerProcess server = ServerProcess.start(work, options).awaitListening(START);
    System.out.printf("Cold start to the listening line: %d ms%n", server.startToListening().toMillis());
    try {
      setUp(server);
      for (int cycle = 1; cycle <= CYCLES; cycle++) {
        List<Writer> writers = connectWriters(server, cycle);
        AtomicInteger acks = new AtomicInteger();
        writers.forEach(w -> w.start(acks));
        int killAfter = 8 + random.nextInt(24);
        await().atMost(Duration.ofSeconds(90)).until(() -> acks.get() >= killAfter || writers.stream().allMatch(Writer::done));
        boolean bothKilled = cycle % BOTH_KILLED_EVERY == 0;
        ProcessHandle postmaster = EmbeddedCluster.postmaster(data);
        server.kill();
        if (bothKilled) {
          postmaster.destroyForcibly();
          postmaster.onExit().get();
        }
        for (Writer w : writers) {
          w.join();
        }

        server = ServerProcess.start(work, options).awaitListening(START);
        restartMillis.add(server.startToListening().toMillis());
        assertThat(server.stderr()).as("cycle %d: the restart says what it found", cycle)
            .anyMatch(line -> line.contains(bothKilled ? "stale" : "left behind by a Quorate that did not stop cleanly"));
        check(server, cycle);
        System.out.printf("cycle %d: killed after %d acknowledged writes%s; restart to listening %d ms%n", cycle, acks.get(),
            bothKilled ? " (postmaster killed too)" : "", server.startToListening().toMillis());
      }
    } finally {
      server.close();
    }

    System.out.printf("Crash cycles: %d kill -9 of the jar (%d with the postmaster killed too); acknowledged writes: %d"
            + " (%d messages, %d ballots); lost: %d; duplicated: %d; sequence holes: %d; resume gaps: %d;"
            + " unacknowledged writes found stored once: %d of %d; restart to listening line: min %d ms, median %d ms, max %d ms%n",
        CYCLES, CYCLES / BOTH_KILLED_EVERY, ackedMessages.size() + ackedBallots.size(), ackedMessages.size(), ackedBallots.size(),
        lost, duplicated, holes, resumeGaps, unackedApplied, unackedMessages.size() + unackedBallots.size(),
        restartMillis.stream().mapToLong(Long::longValue).min().orElse(0), median(restartMillis),
        restartMillis.stream().mapToLong(Long::longValue).max().orElse(0));
    assertThat(ackedMessages.size() + ackedBallots.size()).isGreaterThan(CYCLES * 8);
    assertThat(lost).as("acknowledged writes lost").isZero();
    assertThat(duplicated).as("writes stored more than once").isZero();
    assertThat(holes).as("holes in the room's sequence").isZero();
    assertThat(resumeGaps).as("events missing when clients resumed by sequence").isZero();
  }

  private void setUp(ServerProcess server) {
    for (String user : VOTERS) {
      ApiClient c = new ApiClient(server.baseUrl());
      assertThat(c.login(user, TestServer.DEMO_PASSWORD).status()).isEqualTo(200);
      tokens.put(user, c.token());
    }
    ApiClient secas = new ApiClient(server.baseUrl());
    secas.login("secas", TestServer.DEMO_PASSWORD);
    tokens.put("secas", secas.token());
    for (JsonNode r : secas.get("/api/rooms").json()) {
      if ("MP215".equals(r.path("modification_id").asText())) {
        room = r.get("id").asLong();
      }
    }
    try (WsClient ws = WsClient.connect(server.port(), secas.token())) {
      Map<String, Object> open = new HashMap<>(Map.of("type", "open_decision", "body", "PANEL", "modification_id", "MP215",
          "question", "Should MP215 be approved?", "kind", "asynchronous", "visibility", "open"));
      open.put("closes_at", Instant.now().plus(Duration.ofHours(6)).toString());
      JsonNode ack = ws.request(open);
      assertThat(WsClient.type(ack)).as(ack.toString()).isEqualTo("ack");
      decision = ack.get("message_id").asLong();
      VOTERS.forEach(u -> lastSeen.put(u, ack.get("seq").asLong()));
    }
  }

  /** Every voter connects with the token it got before any crash and resumes the room from the last sequence it saw. */
  private List<Writer> connectWriters(ServerProcess server, int cycle) {
    List<Writer> writers = new ArrayList<>();
    for (String user : VOTERS) {
      WsClient ws = WsClient.connect(server.port(), tokens.get(user));
      long since = lastSeen.get(user);
      JsonNode subscribed = ws.subscribe(room, since);
      assertThat(WsClient.type(subscribed)).as(subscribed.toString()).isEqualTo("subscribed");
      List<Long> replayed = ws.roomEvents(room).stream().filter(e -> !WsClient.type(e).equals("subscribed"))
          .map(e -> e.get("seq").asLong()).filter(s -> s > since).toList();
      for (int i = 0; i < replayed.size() && replayed.get(i) <= subscribed.get("last_seq").asLong(); i++) {
        if (replayed.get(i) != since + 1 + i) {
          resumeGaps++;
          break;
        }
      }
      writers.add(new Writer(user, cycle, ws));
    }
    return writers;
  }

  private void check(ServerProcess server, int cycle) throws SQLException {
    Map<String, Integer> bodies = new HashMap<>();
    Map<String, Integer> reasons = new HashMap<>();
    Map<String, Integer> expectedTally = new HashMap<>(Map.of("approve", 0, "reject", 0, "abstain", 0));
    try (Connection c = EmbeddedCluster.connect(server)) {
      long last = single(c, "SELECT last_seq FROM room WHERE id = ?", room);
      List<Long> seqs = column(c, "SELECT seq FROM room_event WHERE room_id = ? ORDER BY seq", room);
      holes += (int) (last - seqs.size());
      for (int i = 0; i < seqs.size(); i++) {
        assertThat(seqs.get(i)).as("cycle %d: room sequence", cycle).isEqualTo(i + 1L);
      }
      counts(c, "SELECT body, count(*) FROM message WHERE room_id = ? GROUP BY body", room, bodies);
      counts(c, "SELECT reason, count(*) FROM ballot WHERE decision_id = ? GROUP BY reason", decision, reasons);
      try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT ON (seat_id) choice FROM ballot WHERE decision_id = ?"
          + " ORDER BY seat_id, id DESC")) {
        s.setLong(1, decision);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            if (rs.getString(1) != null) {
              expectedTally.merge(rs.getString(1), 1, Integer::sum);
            }
          }
        }
      }
    }
    lost += (int) ackedMessages.stream().filter(id -> !bodies.containsKey(id)).count()
        + (int) ackedBallots.stream().filter(id -> !reasons.containsKey(id)).count();
    duplicated += (int) bodies.values().stream().filter(n -> n > 1).count()
        + (int) reasons.values().stream().filter(n -> n > 1).count();
    unackedApplied = (int) unackedMessages.stream().filter(bodies::containsKey).count()
        + (int) unackedBallots.stream().filter(reasons::containsKey).count();

    JsonNode tally = new ApiClient(server.baseUrl()).withToken(tokens.get("secas")).get("/api/decisions/" + decision).json()
        .get("tally");
    for (String choice : CHOICES) {
      assertThat(tally.get(choice).asInt()).as("cycle %d: counted %s ballots against the stored ballots", cycle, choice)
          .isEqualTo(expectedTally.get(choice));
    }
  }

  /** One client writing as fast as its acks come back: a message, a message, then a (changed) ballot. */
  private final class Writer {
    private final String user;
    private final int cycle;
    private final WsClient ws;
    private Thread thread;
    private volatile boolean done;

    Writer(String user, int cycle, WsClient ws) {
      this.user = user;
      this.cycle = cycle;
      this.ws = ws;
    }

    void start(AtomicInteger acks) {
      thread = new Thread(() -> write(acks), "writer-" + user);
      thread.start();
    }

    private void write(AtomicInteger acks) {
      try {
        for (int n = 0; n < 400; n++) {
          String id = user + "-c" + cycle + "-n" + n;
          boolean ballot = n % 3 == 2;
          Map<String, Object> cmd = ballot
              ? Map.of("type", "cast_ballot", "id", id, "decision_id", decision, "reason", id,
                  "choice", CHOICES[(n / 3 + cycle + user.length()) % 3])
              : Map.of("type", "post_message", "id", id, "room", room, "body", id);
          sent(ballot, id);
          JsonNode reply;
          try {
            reply = ws.request(cmd);
          } catch (RuntimeException | AssertionError serverGone) {
            return;
          }
          if (!WsClient.type(reply).equals("ack")) {
            continue;
          }
          acked(ballot, id);
          acks.incrementAndGet();
          lastDelivered(ws).ifPresent(seq -> seen(user, seq));
        }
      } finally {
        done = true;
      }
    }

    boolean done() {
      return done;
    }

    void join() throws InterruptedException {
      thread.join();
      lastDelivered(ws).ifPresent(seq -> seen(user, seq));
      ws.close();
    }
  }

  private java.util.OptionalLong lastDelivered(WsClient ws) {
    return ws.roomEvents(room).stream().filter(e -> !WsClient.type(e).equals("subscribed")).mapToLong(e -> e.get("seq").asLong())
        .max();
  }

  private synchronized void sent(boolean ballot, String id) {
    (ballot ? unackedBallots : unackedMessages).add(id);
  }

  private synchronized void acked(boolean ballot, String id) {
    (ballot ? unackedBallots : unackedMessages).remove(id);
    (ballot ? ackedBallots : ackedMessages).add(id);
  }

  private synchronized void seen(String user, long seq) {
    lastSeen.merge(user, seq, Math::max);
  }

  private static long single(Connection c, String sql, long param) throws SQLException {
    List<Long> values = column(c, sql, param);
    return values.get(0);
  }

  private static List<Long> column(Connection c, String sql, long param) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, param);
      List<Long> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
      return out;
    }
  }

  private static void counts(Connection c, String sql, long param, Map<String, Integer> into) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, param);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          into.put(rs.getString(1), rs.getInt(2));
        }
      }
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
  }
}
