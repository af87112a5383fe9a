package org.quorate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.quorate.protocol.ClientCommand;
import org.quorate.protocol.DecisionCommand;

/** W1 to W6 of issue 11, against Quorate and (W2) the two relays. */
final class Workloads {
  /** A W2 layout of the same 1,000 users; {@code setupShare} is its part of the setup budget. */
  record Topology(String name, long firstRoom, int perRoom, double setupShare) {}

  static final List<Topology> TOPOLOGIES = List.of(new Topology("10x100", Seed.ROOMS_10X100, 100, 1.0),
      new Topology("100x10", Seed.ROOMS_100X10, 10, 0.5), new Topology("1x1000", Seed.ROOM_1X1000, 1_000, 0.5));
  static final double[] SHARES = {0.25, 0.5, 0.8};

  final BenchMain b;
  final Sizes s;
  final Map<String, Object> w2 = new LinkedHashMap<>();
  /** Quorate's offered delivery rates per topology, reused for the relays. */
  final Map<String, double[]> quorateRates = new HashMap<>();

  Workloads(BenchMain b) {
    this.b = b;
    this.s = b.sizes;
    b.raw.put("w2", w2);
  }

  Load.RunSpec open(double rate) {
    return new Load.RunSpec(rate, 0, false, s.warmup(), s.window(), s.drain(), 0, null);
  }

  Load.RunSpec closed(int outstanding, boolean onAck) {
    return new Load.RunSpec(0, outstanding, onAck, s.warmup(), s.window(), s.drain(), 0, null);
  }

  // ---------------------------------------------------------------- W2 + W6

  void w2Quorate() {
    w2Quorate(TOPOLOGIES.stream().map(Topology::name).toList());
  }

  void w2Quorate(List<String> only) {
    Map<String, Object> mine = new LinkedHashMap<>();
    w2.put("quorate", mine);
    for (Topology t : TOPOLOGIES.stream().filter(t -> only.contains(t.name())).toList()) {
      mine.put(t.name(), w2Topology("quorate", new int[] {b.server.port()}, b.serverPids(), t, null, t.name().equals("10x100")));
    }
  }

  Map<String, Object> w2Topology(String system, int[] ports, long[] pid, Topology t, double[] rates, boolean w6) {
    Map<String, Object> out = new LinkedHashMap<>();
    Load load = b.load(ports);
    long t0 = Load.now();
    Bench.log(system + " W2 " + t.name() + ": connecting 1,000 sockets");
    List<Load.Conn> conns = load.connect(BenchMain.layout(1_000, t.firstRoom(), t.perRoom()), Seed.tokens(1_000), 100,
        t0 + (long) (s.setupBudgetSeconds() * t.setupShare() * 1e9), null);
    Map<String, Object> setup = new LinkedHashMap<>();
    setup.put("connected_and_subscribed", conns.size());
    setup.put("seconds", BenchMain.round((Load.now() - t0) / 1e9));
    setup.put("completed", conns.size() == 1_000);
    out.put("setup", setup);
    Bench.log(system + " W2 " + t.name() + ": " + conns.size() + " subscribed in " + setup.get("seconds") + " s");
    try {
      if (conns.size() < 1_000) {
        String budget = Math.round(s.setupBudgetSeconds() * t.setupShare()) + " s";
        if (conns.size() < 100) {
          out.put("note", "setup did not complete within " + budget + "; no runs");
          return out;
        }
        out.put("note", "setup did not complete within " + budget + "; runs use the " + conns.size() + " sockets subscribed");
      }
      waitQuiet(pid);
      out.put("warmup", warmUp(system, load, conns, pid));
      Load.Result max = load.run(conns, conns, closed(s.outstanding(), false), pid);
      out.put("max", BenchMain.describe(max, t.perRoom()));
      Bench.log(system + " W2 " + t.name() + " max: " + BenchMain.round(max.deliveriesPerSecond()) + " deliveries/s");
      double[] offered = rates;
      if (offered == null && !system.equals("quorate")) {
        out.put("note", "Quorate has no maximum for this topology: no runs at its rates");
        return out;
      }
      if (offered == null) {
        offered = new double[SHARES.length];
        for (int i = 0; i < SHARES.length; i++) {
          offered[i] = Math.max(t.perRoom(), max.deliveriesPerSecond() * SHARES[i]);
        }
        quorateRates.put(t.name(), offered);
      }
      Map<String, Object> at = new LinkedHashMap<>();
      out.put("rates", at);
      for (int i = 0; i < offered.length; i++) {
        Load.Result r = load.run(conns, conns, open(offered[i] / t.perRoom()), pid);
        Map<String, Object> d = BenchMain.describe(r, t.perRoom());
        d.put("offered_deliveries_per_s", BenchMain.round(offered[i]));
        at.put(label(SHARES[i]), d);
        Bench.log(system + " W2 " + t.name() + " at " + BenchMain.round(offered[i]) + "/s: p99 "
            + ((Map<?, ?>) d.get("delivery_latency")).get("p99_ms") + " ms");
      }
      if (w6) {
        b.raw.put("w6", w6(load, conns, pid, offered[1] / t.perRoom()));
      }
    } finally {
      load.close(conns);
      waitQuiet(pid);
    }
    return out;
  }

  /**
   * The warm-up phase, the same for every system and topology: a closed-loop run of
   * {@code Sizes.jitWarmupSeconds} whose numbers are kept apart (reported as {@code warmup}) and
   * never count, so each JVM's JIT (and Node's) has compiled the fan-out path before the maximum
   * and the open-loop runs are measured.
   */
  Map<String, Object> warmUp(String system, Load load, List<Load.Conn> conns, long[] pid) {
    Load.Result r = load.run(conns, conns, new Load.RunSpec(0, s.outstanding(), false, 0, s.jitWarmupSeconds(), s.drain(), 0, null), pid);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seconds", r.seconds());
    m.put("deliveries_per_s", BenchMain.round(r.deliveriesPerSecond()));
    m.put("server_cores", BenchMain.round(r.serverCpuSeconds() / r.seconds()));
    Bench.log(system + " warm-up " + r.seconds() + " s: " + BenchMain.round(r.deliveriesPerSecond()) + " deliveries/s (not counted)");
    return m;
  }

  static String label(double share) {
    return "at_" + Math.round(share * 100) + "_percent_of_quorate_max";
  }

  Map<String, Object> w6(Load load, List<Load.Conn> conns, long[] pid, double postRate) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("post_rate", BenchMain.round(postRate));
    Load.Result without = load.run(conns, conns, open(postRate), pid);
    out.put("without_slow_consumers", BenchMain.describe(without, 100));
    long rssBefore = ProcStat.rssBytes(pid[0]);
    List<Load.Conn> slow = new ArrayList<>();
    for (int i = 99; i < conns.size(); i += 100) {
      slow.add(conns.get(i));
    }
    load.onLoop(() -> {
      slow.forEach(c -> {
        c.paused = true;
        c.ws.pause();
      });
      return null;
    });
    List<Load.Conn> healthy = conns.stream().filter(c -> !slow.contains(c)).toList();
    Load.Result with = load.run(healthy, conns, open(postRate), pid);
    long rssAfter = ProcStat.rssBytes(pid[0]);
    out.put("slow_consumers", slow.size());
    out.put("with_slow_consumers", BenchMain.describe(with, 100));
    out.put("server_rss_before_mib", rssBefore / 1048576.0);
    out.put("server_rss_after_mib", rssAfter / 1048576.0);
    out.put("slow_consumers_closed_by_server", load.onLoop(() -> slow.stream().filter(c -> c.closed).count()));
    Bench.log("W6: healthy p99 " + ((Map<?, ?>) BenchMain.describe(with, 100).get("delivery_latency")).get("p99_ms")
        + " ms with slow consumers vs " + ((Map<?, ?>) BenchMain.describe(without, 100).get("delivery_latency")).get("p99_ms"));
    return out;
  }

  /** Waits (at most 15 s) until the server uses under a fifth of a core, so one run's tail does not bleed into the next. */
  static void waitQuiet(long[] pid) {
    long until = Load.now() + 15_000_000_000L;
    while (Load.now() < until) {
      ProcStat.TreeCpu a = ProcStat.treeCpu(pid);
      Bench.sleepMillis(500);
      if (ProcStat.treeCpu(pid).minus(a).totalSeconds() < 0.1) {
        return;
      }
    }
  }

  // ---------------------------------------------------------------- W3 + W4

  static List<long[]> w3Layout(int clients) {
    List<long[]> l = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      l.add(new long[] {(i % 100) * 10 + i / 100, Seed.ROOMS_100X10 + i % 100});
    }
    return l;
  }

  void w3AndW4() {
    Map<String, Object> out = new LinkedHashMap<>();
    b.raw.put("w3", out);
    long[] pid = b.serverPids();
    Load load = b.load(b.server.port());
    double best = 0;
    for (int n : new int[] {s.w3Small(), s.w3Large()}) {
      List<Load.Conn> conns = load.connect(w3Layout(n), Seed.tokens(1_000), 100, Load.now() + 60_000_000_000L, null);
      waitQuiet(pid);
      Load.Result r = load.run(conns, conns, closed(conns.size(), true), pid);
      Map<String, Object> d = BenchMain.describe(r, 10);
      d.put("clients", conns.size());
      out.put("closed_loop_" + n + "_clients", d);
      best = Math.max(best, r.acksPerSecond());
      Bench.log("W3 " + n + " clients: " + BenchMain.round(r.acksPerSecond()) + " durable posts/s, ack p99 "
          + ((Map<?, ?>) d.get("ack_latency")).get("p99_ms") + " ms");
      if (n == s.w3Large()) {
        double rate = Math.max(1, best / 2);
        Load.Result half = load.run(conns, conns, open(rate), pid);
        Map<String, Object> h = BenchMain.describe(half, 10);
        h.put("offered_posts_per_s", BenchMain.round(rate));
        h.put("clients", conns.size());
        out.put("half_max_rate", h);
        Bench.log("W3 at " + BenchMain.round(rate) + " posts/s: ack p99 " + ((Map<?, ?>) h.get("ack_latency")).get("p99_ms") + " ms");
        b.raw.put("w4", w4(load, conns, pid, rate));
      }
      load.close(conns);
      waitQuiet(pid);
    }
    out.put("max_posts_per_s", BenchMain.round(best));
  }

  Map<String, Object> w4(Load load, List<Load.Conn> conns, long[] pid, double rate) {
    Map<String, Object> out = new LinkedHashMap<>();
    // one thread root per room for the 20 % replies, and one 200-reply thread to read
    Map<Long, Long> roots = new HashMap<>();
    Map<Long, Load.Conn> byRoom = new LinkedHashMap<>();
    conns.forEach(c -> byRoom.putIfAbsent(c.room, c));
    List<Future<String>> rootAcks = new ArrayList<>();
    List<Long> rooms = new ArrayList<>(byRoom.keySet());
    load.onLoop(() -> {
      for (Long room : rooms) {
        rootAcks.add(load.request(byRoom.get(room), "root-" + room,
            new ClientCommand.PostMessage("root-" + room, room, "bench thread root", null, List.of())));
      }
      return null;
    });
    for (int i = 0; i < rooms.size(); i++) {
      String ack = Bench.await(rootAcks.get(i));
      roots.put(rooms.get(i), Long.parseLong(Load.field(ack, "message_id")));
    }
    long readRoom = rooms.get(0);
    long readRoot = roots.get(readRoom);
    List<Load.Conn> inRoom = conns.stream().filter(c -> c.room == readRoom).toList();
    int replied = 0;
    int rateLimited = 0;
    for (int i = 0; i < s.w4ThreadReplies(); ) {
      Load.Conn c = inRoom.get(i % inRoom.size());
      String id = "reply-" + i;
      try {
        load.onLoop(() -> load.request(c, id, new ClientCommand.PostMessage(id, readRoom, "bench reply", readRoot, List.of())))
            .toCompletionStage().toCompletableFuture().get();
        replied++;
        i++;
      } catch (Exception e) {
        rateLimited++;
        Bench.sleepMillis(250);
        if (rateLimited > 200) {
          break;
        }
      }
    }
    out.put("thread_replies", replied);
    out.put("thread_reply_refusals_retried", rateLimited);
    Histogram reads = new Histogram(120_000_000_000L, 3);
    Map<String, Integer> statuses = new java.util.TreeMap<>();
    Map<Long, Long> pending = new HashMap<>();
    long[] readSeq = {0};
    long[] timer = new long[1];
    load.onLoop(() -> {
      long start = Load.now();
      Schedule sch = new Schedule(s.w4ThreadReadsPerSecond(), (long) ((s.warmup() + s.window() + 1) * 1e9));
      long[] sent = {0};
      timer[0] = b.vertx.setPeriodic(1, id -> {
        long due = sch.dueBy(Load.now() - start);
        for (; sent[0] < due; sent[0]++) {
          long dueAt = start + sch.offsetNanos(sent[0]);
          long key = readSeq[0]++;
          pending.put(key, dueAt);
          Bench.http(b.http, b.server.port(), HttpMethod.GET, "/api/rooms/" + readRoom + "/messages/" + readRoot,
              Seed.token((int) inRoom.get(0).index), null).onComplete(ar -> {
                if (pending.remove(key) != null) {
                  reads.recordValue(Math.min(reads.getHighestTrackableValue(), Load.now() - dueAt));
                  String outcome = ar.succeeded() ? Integer.toString(ar.result().status())
                      : ar.cause().getClass().getSimpleName();
                  if (statuses.merge(outcome, 1, Integer::sum) == 1 && !(ar.succeeded() && ar.result().status() == 200)) {
                    statuses.put("first " + outcome + ": " + (ar.succeeded()
                        ? ar.result().body().substring(0, Math.min(120, ar.result().body().length())) : ar.cause().getMessage()), 1);
                  }
                }
              });
        }
        if (sent[0] >= sch.count()) {
          b.vertx.cancelTimer(id);
        }
      });
      return null;
    });
    Load.RunSpec spec = new Load.RunSpec(rate, 0, false, s.warmup(), s.window(), s.drain(), 0.2, roots);
    Load.Result r = load.run(conns, conns, spec, pid);
    Map<String, Object> d = BenchMain.describe(r, 10);
    d.put("offered_posts_per_s", BenchMain.round(rate));
    d.put("reply_share", 0.2);
    out.put("posts_during_thread_reads", d);
    out.put("thread_reads", load.onLoop(() -> {
      // reads still unanswered are at least this late: recorded, and counted
      long n = Load.now();
      pending.values().forEach(due -> reads.recordValue(Math.min(reads.getHighestTrackableValue(), n - due)));
      Map<String, Object> m = BenchMain.summary(reads);
      m.put("offered_per_s", s.w4ThreadReadsPerSecond());
      m.put("sent", readSeq[0]);
      m.put("unanswered_at_end", pending.size());
      pending.clear();
      m.put("outcomes", new java.util.TreeMap<>(statuses));
      return m;
    }));
    Bench.log("W4: thread read p99 " + ((Map<?, ?>) out.get("thread_reads")).get("p99_ms") + " ms");
    return out;
  }

  // ---------------------------------------------------------------- W5

  static final String[] CHOICES = {"approve", "reject", "abstain"};

  void w5() {
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
    waitQuiet(pid);
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

  // ---------------------------------------------------------------- W1

  void w1() {
    Map<String, Object> out = new LinkedHashMap<>();
    b.raw.put("w1", out);
    long[] pid = b.serverPids();
    Load load = b.load(b.server.port());
    long heapBefore = heapAfterGc(pid[0]);
    long rssBefore = ProcStat.rssBytes(pid[0]);
    long start = Load.now();
    long[] last = {start};
    List<Load.Conn> conns = load.connect(BenchMain.layout(s.w1Sockets(), Seed.ROOMS_W1, 100), Seed.tokens(s.w1Sockets()), 200,
        start + s.w1BudgetSeconds() * 1_000_000_000L, last);
    double seconds = (last[0] - start) / 1e9;
    waitQuiet(pid);
    long heapAfter = heapAfterGc(pid[0]);
    long rssAfter = ProcStat.rssBytes(pid[0]);
    int n = conns.size();
    out.put("planned_sockets", s.w1Sockets());
    out.put("signed_in_subscribed_sockets", n);
    out.put("rooms_of", 100);
    out.put("budget_seconds", s.w1BudgetSeconds());
    out.put("connects_per_s", BenchMain.round(n / Math.max(0.001, seconds)));
    out.put("heap_after_gc_before_mib", heapBefore / 1048576.0);
    out.put("heap_after_gc_after_mib", heapAfter / 1048576.0);
    out.put("heap_bytes_per_connection", n == 0 || heapBefore < 0 || heapAfter < 0 ? null : (heapAfter - heapBefore) / (double) n);
    out.put("rss_bytes_per_connection", n == 0 ? null : (rssAfter - rssBefore) / (double) n);
    out.put("server_rss_after_mib", rssAfter / 1048576.0);
    Bench.log("W1: " + n + " sockets at " + out.get("connects_per_s") + "/s, heap/conn " + out.get("heap_bytes_per_connection"));
    load.close(conns);
    waitQuiet(pid);
  }

  /** Heap in use right after a full GC, by jcmd (-1 if jcmd cannot attach). */
  static long heapAfterGc(long pid) {
    Bench.run(List.of("jcmd", Long.toString(pid), "GC.run"), 60);
    String info = Bench.run(List.of("jcmd", Long.toString(pid), "GC.heap_info"), 60);
    long used = 0;
    boolean found = false;
    for (String line : info.split("\n")) {
      if (line.contains("Metaspace") || line.contains("class space")) {
        continue;
      }
      Matcher m = Pattern.compile("used (\\d+)K").matcher(line);
      if (m.find()) {
        used += Long.parseLong(m.group(1)) * 1024;
        found = true;
        if (line.contains("heap")) {
          break;
        }
      }
    }
    return found ? used : -1;
  }

  // ---------------------------------------------------------------- baselines

  void relays() throws Exception {
    List<Topology> tops = s.relaysAllTopologies() ? TOPOLOGIES : TOPOLOGIES.subList(0, 1);
    String[][] relays = {
        {"null_relay", "java", "-cp", b.benchJar.toString(), "org.quorate.bench.NullRelay", "0",
            Integer.toString(BenchMain.EVENT_LOOPS)},
        {"node_relay", "node", b.peersDir.resolve("relay.js").toString(), "0"}};
    for (String[] r : relays) {
      Map<String, Object> mine = new LinkedHashMap<>();
      w2.put(r[0], mine);
      Bench.Child child = Bench.start(Bench.pinned(0, java.util.Arrays.copyOfRange(r, 1, r.length)),
          Pattern.compile("relay listening on (\\d+)"), b.targetDir.resolve(r[0] + ".log"), 60);
      String said = Bench.read(b.targetDir.resolve(r[0] + ".log").toFile()).lines()
          .filter(l -> l.contains("event loops")).findFirst().orElse(null);
      if (said != null) {
        ((Map<String, Object>) b.results.get("machine")).put(r[0] + "_transport_logged", said);
      }
      try {
        for (Topology t : tops) {
          double[] rates = quorateRates.get(t.name());
          mine.put(t.name(), w2Topology(r[0], new int[] {child.port()}, new long[] {child.pid()}, t, rates, false));
        }
      } finally {
        child.stop();
      }
    }
  }
}
