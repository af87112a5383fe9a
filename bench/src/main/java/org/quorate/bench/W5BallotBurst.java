package org.quorate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quorate.protocol.DecisionCommand;

/** W5: a burst of ballots (with resends and changed choices) over open decisions, watched by subscribed sockets. */
final class W5BallotBurst {
  final Workloads w;
  final BenchMain b;
  final Sizes s;

  W5BallotBurst(Workloads w) {
    this.w = w;
    this.b = w.b;
    this.s = w.s;
  }

  static final String[] CHOICES = {"approve", "reject", "abstain"};

  void run() {
    Map<String, Object> out = new LinkedHashMap<>();
    b.raw.put("w5", out);
    long[] pid = b.serverPids();
    int d = s.w5Decisions();
    int perDecision = s.w5VotersPerDecision();
    long[] decisionIds = new long[d];
    for (int k = 0; k < d; k++) {
      Bench.Reply r = b.post("/api/decisions", "{\"body\":\"WG_BENCH_" + k + "\",\"room\":" + (Seed.ROOMS_W5 + k)
          + ",\"question\":\"Bench burst " + k + "\",\"kind\":\"asynchronous\",\"visibility\":\"open\","
          + "\"closes_in_working_days\":5}");
      if (r.status() != 201) {
        out.put("error", "opening a decision answered " + r.status() + " " + r.body());
        Bench.log("W5: " + out.get("error"));
        return;
      }
      decisionIds[k] = BenchMain.tree(r.body()).path("decision_id").asLong();
    }
    Load load = b.load(b.server.port());
    // watchers: sockets subscribed to each decision's room, noting the last tally they saw and when
    List<long[]> watchLayout = new ArrayList<>();
    for (int k = 0; k < d; k++) {
      for (int w = 0; w < s.w5Watchers(); w++) {
        watchLayout.add(new long[] {k * perDecision + w, Seed.ROOMS_W5 + k});
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
    // voters, in waves of w5Parallel open sockets; each sends its ballots one after the other
    int ballotsPerVoter = s.w5BallotsPerVoter();
    int voters = d * perDecision;
    int[] finalChoice = new int[voters];
    java.util.Arrays.fill(finalChoice, -1);
    long[] lastAck = new long[d];
    int[] next = {0};
    int[] active = {0};
    long[] acked = {0};
    long[] duplicates = {0};
    Map<String, Integer> errors = new java.util.TreeMap<>();
    long start = Load.now();
    long deadline = start + s.w5BudgetSeconds() * 1_000_000_000L;
    java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
    load.onLoop(() -> {
      Runnable[] pump = new Runnable[1];
      pump[0] = () -> {
        while (active[0] < s.w5Parallel() && next[0] < voters && Load.now() < deadline) {
          // voters of the decisions interleaved, so every decision takes ballots at once
          int idx = next[0]++;
          int k = idx % d;
          int v = k * perDecision + idx / d;
          active[0]++;
          load.open(v, -1, Seed.token(v), v).compose(c -> vote(load, c, decisionIds[k], v, ballotsPerVoter, 0, null,
              finalChoice, lastAck, k, acked, duplicates, errors, deadline).onComplete(x -> c.ws.close()))
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
    ProcStat.TreeCpu cpu0 = ProcStat.treeCpu(pid);
    Bench.await(done);
    ProcStat.TreeCpu cpu = ProcStat.treeCpu(pid).minus(cpu0);
    long lastAckAll = load.onLoop(() -> java.util.Arrays.stream(lastAck).max().orElse(start));
    double burstSeconds = (lastAckAll - start) / 1e9;
    // expected tallies from the acknowledged ballots; then wait (up to 10 s) for the watchers to agree
    long[][] expected = new long[d][3];
    load.onLoop(() -> {
      for (int v = 0; v < voters; v++) {
        if (finalChoice[v] >= 0) {
          expected[v / perDecision][finalChoice[v]]++;
        }
      }
      return null;
    });
    long waitUntil = Load.now() + 10_000_000_000L;
    while (Load.now() < waitUntil && !load.onLoop(() -> watchersAgree(watchers, lastTally, expected))) {
      Bench.sleepMillis(100);
    }
    double watcherLag = load.onLoop(() -> {
      long worst = 0;
      for (Load.Conn w : watchers) {
        long[] lt = lastTally.get(w);
        int k = (int) (w.room - Seed.ROOMS_W5);
        if (lt != null) {
          worst = Math.max(worst, lt[0] - lastAck[k]);
        }
      }
      return worst / 1e9;
    });
    boolean watchersFinal = load.onLoop(() -> watchersAgree(watchers, lastTally, expected));
    // the stored count, through the REST decision view
    boolean exact = true;
    List<Map<String, Object>> perDecisionOut = new ArrayList<>();
    for (int k = 0; k < d; k++) {
      JsonNode view = BenchMain.tree(b.get("/api/decisions/" + decisionIds[k]).body());
      JsonNode tally = view.findValue("tally");
      long[] stored = tally == null ? new long[] {-1, -1, -1}
          : new long[] {tally.path("approve").asLong(-1), tally.path("reject").asLong(-1), tally.path("abstain").asLong(-1)};
      boolean ok = java.util.Arrays.equals(stored, expected[k]);
      exact &= ok;
      perDecisionOut.add(Map.of("decision_id", decisionIds[k], "expected", expected[k], "stored", stored, "exact", ok));
    }
    long ballots = load.onLoop(() -> acked[0]);
    out.put("planned_ballots", (long) voters * ballotsPerVoter);
    out.put("planned_voters", voters);
    out.put("decisions", d);
    out.put("voters_started", load.onLoop(() -> next[0]));
    out.put("ballots_acked", ballots);
    out.put("duplicates_acked", load.onLoop(() -> duplicates[0]));
    out.put("errors", load.onLoop(() -> new java.util.TreeMap<>(errors)));
    out.put("seconds_to_last_ack", BenchMain.round(burstSeconds));
    out.put("ballots_per_s", BenchMain.round(ballots / Math.max(0.001, burstSeconds)));
    out.put("budget_seconds", s.w5BudgetSeconds());
    out.put("server_cpu_s", BenchMain.round(cpu.ownSeconds()));
    out.put("postgres_cpu_s", BenchMain.round(cpu.childSeconds()));
    out.put("tally_exact", exact);
    out.put("watchers", watchers.size());
    out.put("watchers_with_a_tally", load.onLoop(() -> lastTally.size()));
    out.put("watchers_saw_final_tally", watchersFinal);
    out.put("watcher_lag_after_last_ack_s", watchersFinal ? BenchMain.round(watcherLag) : null);
    out.put("per_decision", perDecisionOut);
    Bench.log("W5: " + ballots + " ballots acked in " + BenchMain.round(burstSeconds) + " s, tally exact " + exact
        + ", watchers final " + watchersFinal);
    load.close(watchers);
    Workloads.waitQuiet(pid);
  }

  static final Pattern TALLY = Pattern.compile("\"tally\":\\{\"approve\":(\\d+),\"reject\":(\\d+),\"abstain\":(\\d+)");

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
  static Future<Void> vote(Load load, Load.Conn c, long decision, int v, int total, int j, String prevId,
      int[] finalChoice, long[] lastAck, int k, long[] acked, long[] duplicates, Map<String, Integer> errors, long deadline) {
    if (j >= total || Load.now() > deadline) {
      return Future.succeededFuture();
    }
    boolean resend = j % 2 == 1 && prevId != null;
    int choice = resend ? finalChoice[v] : (v + j) % 3;
    String id = resend ? prevId : "b" + v + "-" + j;
    return load.request(c, id + (resend ? "" : ""), new DecisionCommand.CastBallot(id, decision, CHOICES[Math.max(0, choice)],
        "bench ballot", List.of(), null, null)).map(ack -> {
          acked[0]++;
          if (ack.contains("\"duplicate\":true")) {
            duplicates[0]++;
          }
          finalChoice[v] = Math.max(0, choice);
          lastAck[k] = Math.max(lastAck[k], Load.now());
          return (Void) null;
        }).recover(e -> {
          errors.merge(Load.field(String.valueOf(e.getMessage()), "code") == null ? "failed"
              : Load.field(e.getMessage(), "code"), 1, Integer::sum);
          return Future.succeededFuture();
        }).compose(x -> vote(load, c, decision, v, total, j + 1, id, finalChoice, lastAck, k, acked, duplicates, errors, deadline));
  }
}
