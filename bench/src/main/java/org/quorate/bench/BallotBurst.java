package org.quorate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.quorate.protocol.DecisionCommand;

/**
 * One ballot burst against one server (W5): a decision opened in each bench body, {@code voters} of
 * each body's members voting in waves of {@code w5Parallel} open sockets (each sending its ballots one
 * after the other), and watchers subscribed to each decision's room. State below is touched on the
 * load generator's event loop only.
 */
final class BallotBurst {
  static final String[] CHOICES = {"approve", "reject", "abstain"};
  static final Pattern TALLY = Pattern.compile("\"tally\":\\{\"approve\":(\\d+),\"reject\":(\\d+),\"abstain\":(\\d+)");

  private final BenchMain b;
  private final Sizes s;
  private final int port;
  private final long[] pid;
  private final String label;
  /** Tells this burst's command ids from an earlier burst's: the server answers a reused id as a duplicate of that one. */
  private final String idPrefix;
  private static int bursts;
  private final int d;
  /** Seats per bench body: voter {@code v} is a member of body {@code v / seats}. */
  private final int seats;
  private final int voters;
  private final int[] finalChoice;
  private final long[] lastAck;
  private final Map<String, Integer> errors = new TreeMap<>();
  /** Each ballot's acknowledgement, from its send. */
  private final Histogram acks = new Histogram(120_000_000_000L, 3);
  private long acked;
  private long duplicates;
  private long deadline;

  /** {@code votersPerDecision} of each body's seats vote (at most {@code w5VotersPerDecision}). */
  BallotBurst(BenchMain b, int port, long[] pid, String label, int votersPerDecision) {
    this.b = b;
    this.s = b.sizes;
    this.port = port;
    this.pid = pid;
    this.label = label;
    this.idPrefix = "b" + (++bursts) + "-";
    this.d = s.w5Decisions();
    this.seats = s.w5VotersPerDecision();
    this.voters = d * Math.min(votersPerDecision, seats);
    this.finalChoice = new int[d * seats];
    this.lastAck = new long[d];
    Arrays.fill(finalChoice, -1);
  }

  /** Each acknowledgement's latency, to merge with other bursts'. */
  Histogram acks() {
    return acks;
  }

  /**
   * Opens the voter's socket; a handshake the server sheds with 503 (it is overloaded, and says so) is
   * tried again after a short random pause until the burst's deadline, as the web client reconnects.
   */
  private Future<Load.Conn> openRetrying(Load load, int v) {
    return load.open(v, -1, Seed.token(v), v).recover(e -> {
      boolean shed = e instanceof io.vertx.core.http.UpgradeRejectedException r && r.getStatus() == 503;
      if (!shed || Load.now() >= deadline) {
        return Future.failedFuture(e);
      }
      handshakesRetried++;
      io.vertx.core.Promise<Load.Conn> again = io.vertx.core.Promise.promise();
      load.vertx.setTimer(50 + java.util.concurrent.ThreadLocalRandom.current().nextInt(200),
          id -> openRetrying(load, v).onComplete(again));
      return again.future();
    });
  }

  /** Handshakes the server shed with 503 and the voter tried again (on the generator's loop). */
  private long handshakesRetried;

  Map<String, Object> run() {
    Map<String, Object> out = new LinkedHashMap<>();
    long[] decisionIds = new long[d];
    for (int k = 0; k < d; k++) {
      Bench.Reply r = Bench.httpBlocking(b.vertx, b.http, port, HttpMethod.POST, "/api/decisions", Seed.ADMIN_TOKEN,
          "{\"body\":\"WG_BENCH_" + k + "\",\"room\":" + (Seed.ROOMS_W5 + k) + ",\"question\":\"Bench burst " + k + " (" + label
              + ")\",\"kind\":\"asynchronous\",\"visibility\":\"open\",\"closes_in_working_days\":5}");
      if (r.status() != 201) {
        out.put("error", "opening a decision answered " + r.status() + " " + r.body());
        Bench.log(label + ": " + out.get("error"));
        return out;
      }
      decisionIds[k] = BenchMain.tree(r.body()).path("decision_id").asLong();
    }
    Load load = b.load(port);
    // watchers: sockets subscribed to each decision's room, noting the last tally they saw and when
    List<long[]> watchLayout = new ArrayList<>();
    for (int k = 0; k < d; k++) {
      for (int w = 0; w < s.w5Watchers(); w++) {
        watchLayout.add(new long[] {k * seats + w, Seed.ROOMS_W5 + k});
      }
    }
    Map<Load.Conn, long[]> lastTally = new HashMap<>();
    // the running count comes in ballot_cast (at its seq) and in the coalesced decision_tally (as of
    // through_seq), in either order: a watcher shows the one of the highest seq
    load.extra = (c, t) -> {
      String type = Load.field(t, "type");
      String seq = "ballot_cast".equals(type) ? Load.field(t, "seq")
          : "decision_tally".equals(type) ? Load.field(t, "through_seq") : null;
      if (seq == null) {
        return;
      }
      Matcher m = TALLY.matcher(t);
      long at = Long.parseLong(seq);
      long[] prev = lastTally.get(c);
      if (m.find() && (prev == null || prev[4] <= at)) {
        lastTally.put(c, new long[] {Load.now(), Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
            Long.parseLong(m.group(3)), at});
      }
    };
    List<Load.Conn> watchers = load.connect(watchLayout, Seed.tokens(s.users()), 50, Load.now() + 60_000_000_000L, null);
    Workloads.waitQuiet(pid);
    int[] next = {0};
    int[] active = {0};
    long start = Load.now();
    deadline = start + s.w5BudgetSeconds() * 1_000_000_000L;
    CompletableFuture<Void> done = new CompletableFuture<>();
    ProcStat.TreeCpu cpu0 = ProcStat.treeCpu(pid);
    load.onLoop(() -> {
      Runnable[] pump = new Runnable[1];
      pump[0] = () -> {
        while (active[0] < s.w5Parallel() && next[0] < voters && Load.now() < deadline) {
          // voters of the decisions interleaved, so every decision takes ballots at once
          int idx = next[0]++;
          int k = idx % d;
          int v = k * seats + idx / d;
          active[0]++;
          openRetrying(load, v).compose(c -> vote(load, c, decisionIds[k], v, k, 0, null).onComplete(x -> c.ws.close()))
              .onComplete(ar -> {
                if (ar.failed()) {
                  errors.merge("connect_or_vote_failed", 1, Integer::sum);
                }
                active[0]--;
                pump[0].run();
              });
        }
        if (active[0] == 0 && !done.isDone()) {
          done.complete(null);
        }
      };
      pump[0].run();
      return null;
    });
    Bench.await(done);
    ProcStat.TreeCpu cpu = ProcStat.treeCpu(pid).minus(cpu0);
    long lastAckAll = load.onLoop(() -> Arrays.stream(lastAck).max().orElse(start));
    double burstSeconds = (lastAckAll - start) / 1e9;
    // expected tallies from the acknowledged ballots; then wait (up to 10 s) for the watchers to agree
    long[][] expected = load.onLoop(() -> {
      long[][] e = new long[d][3];
      for (int v = 0; v < finalChoice.length; v++) {
        if (finalChoice[v] >= 0) {
          e[v / seats][finalChoice[v]]++;
        }
      }
      return e;
    });
    long waitUntil = Load.now() + 10_000_000_000L;
    while (Load.now() < waitUntil && !load.onLoop(() -> watchersAgree(watchers, lastTally, expected))) {
      Bench.sleepMillis(100);
    }
    double watcherLag = load.onLoop(() -> {
      long worst = 0;
      for (Load.Conn w : watchers) {
        long[] lt = lastTally.get(w);
        if (lt != null) {
          worst = Math.max(worst, lt[0] - lastAck[(int) (w.room - Seed.ROOMS_W5)]);
        }
      }
      return worst / 1e9;
    });
    boolean watchersFinal = load.onLoop(() -> watchersAgree(watchers, lastTally, expected));
    // the stored count, through the REST decision view
    boolean exact = true;
    List<Map<String, Object>> perDecisionOut = new ArrayList<>();
    for (int k = 0; k < d; k++) {
      JsonNode view = BenchMain.tree(Bench.httpBlocking(b.vertx, b.http, port, HttpMethod.GET, "/api/decisions/" + decisionIds[k],
          Seed.ADMIN_TOKEN, null).body());
      JsonNode tally = view.findValue("tally");
      long[] stored = tally == null ? new long[] {-1, -1, -1}
          : new long[] {tally.path("approve").asLong(-1), tally.path("reject").asLong(-1), tally.path("abstain").asLong(-1)};
      boolean ok = Arrays.equals(stored, expected[k]);
      exact &= ok;
      perDecisionOut.add(Map.of("decision_id", decisionIds[k], "expected", expected[k], "stored", stored, "exact", ok));
    }
    long ballots = load.onLoop(() -> acked);
    out.put("planned_ballots", (long) voters * s.w5BallotsPerVoter());
    out.put("planned_voters", voters);
    out.put("decisions", d);
    out.put("voters_started", load.onLoop(() -> next[0]));
    out.put("ballots_acked", ballots);
    out.put("duplicates_acked", load.onLoop(() -> duplicates));
    out.put("errors", load.onLoop(() -> new TreeMap<>(errors)));
    out.put("handshakes_shed_then_retried", load.onLoop(() -> handshakesRetried));
    out.put("seconds_to_last_ack", BenchMain.round(burstSeconds));
    out.put("ballots_per_s", BenchMain.round(ballots / Math.max(0.001, burstSeconds)));
    out.put("ack_latency", load.onLoop(() -> BenchMain.summary(acks)));
    out.put("budget_seconds", s.w5BudgetSeconds());
    out.put("server_cpu_s", BenchMain.round(cpu.ownSeconds()));
    out.put("postgres_cpu_s", BenchMain.round(cpu.childSeconds()));
    // steadier than the rates on a shared machine: what each acknowledged ballot cost the server and PostgreSQL
    out.put("cpu_ms_per_ballot", ballots == 0 ? null : BenchMain.round(cpu.totalSeconds() * 1e3 / ballots));
    out.put("tally_exact", exact);
    out.put("watchers", watchers.size());
    out.put("watchers_with_a_tally", load.onLoop(() -> lastTally.size()));
    out.put("watchers_saw_final_tally", watchersFinal);
    out.put("watcher_lag_after_last_ack_s", watchersFinal ? BenchMain.round(watcherLag) : null);
    out.put("per_decision", perDecisionOut);
    Bench.log(label + ": " + ballots + " ballots acked in " + BenchMain.round(burstSeconds) + " s ("
        + out.get("ballots_per_s") + "/s, ack p99 " + ((Map<?, ?>) out.get("ack_latency")).get("p99_ms") + " ms), tally exact "
        + exact + ", watchers final " + watchersFinal);
    load.close(watchers);
    Workloads.waitQuiet(pid);
    return out;
  }

  static boolean watchersAgree(List<Load.Conn> watchers, Map<Load.Conn, long[]> lastTally, long[][] expected) {
    for (Load.Conn w : watchers) {
      long[] lt = lastTally.get(w);
      int k = (int) (w.room - Seed.ROOMS_W5);
      if (lt == null && expected[k][0] + expected[k][1] + expected[k][2] == 0) {
        continue;
      }
      if (lt == null || lt[1] != expected[k][0] || lt[2] != expected[k][1] || lt[3] != expected[k][2]) {
        return false;
      }
    }
    return true;
  }

  /**
   * One voter's ballots, one after the other: odd-numbered ones resend the previous command id
   * (a duplicate), even-numbered ones change the choice. The last acknowledged choice counts.
   */
  private Future<Void> vote(Load load, Load.Conn c, long decision, int v, int k, int j, String prevId) {
    if (j >= s.w5BallotsPerVoter() || Load.now() > deadline) {
      return Future.succeededFuture();
    }
    boolean resend = j % 2 == 1 && prevId != null;
    int choice = resend ? finalChoice[v] : (v + j) % 3;
    String id = resend ? prevId : idPrefix + v + "-" + j;
    long sent = Load.now();
    return load.request(c, id, new DecisionCommand.CastBallot(id, decision, CHOICES[Math.max(0, choice)],
        "bench ballot", List.of(), null, null)).map(ack -> {
          long now = Load.now();
          acks.recordValue(Math.min(acks.getHighestTrackableValue(), now - sent));
          acked++;
          if (ack.contains("\"duplicate\":true")) {
            duplicates++;
          }
          finalChoice[v] = Math.max(0, choice);
          lastAck[k] = Math.max(lastAck[k], now);
          return (Void) null;
        }).recover(e -> {
          String code = Load.field(String.valueOf(e.getMessage()), "code");
          errors.merge(code == null ? "failed" : code, 1, Integer::sum);
          return Future.succeededFuture();
        }).compose(x -> vote(load, c, decision, v, k, j + 1, id));
  }
}
