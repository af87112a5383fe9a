package org.quorate.bench;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** W2: fan-out of posts to 1,000 subscribed sockets in three room topologies, at the maximum and at shares of Quorate's maximum. */
final class W2Fanout {
  /** A W2 layout of the same 1,000 users; {@code setupShare} is its part of the setup budget. */
  record Topology(String name, long firstRoom, int perRoom, double setupShare) {}

  static final List<Topology> TOPOLOGIES = List.of(new Topology("10x100", Seed.ROOMS_10X100, 100, 1.0),
      new Topology("100x10", Seed.ROOMS_100X10, 10, 0.5), new Topology("1x1000", Seed.ROOM_1X1000, 1_000, 0.5));
  static final double[] SHARES = {0.25, 0.5, 0.8};

  final Workloads w;
  final BenchMain b;
  final Sizes s;
  final Map<String, Object> w2 = new LinkedHashMap<>();
  /** Quorate's offered delivery rates per topology, reused for the relays. */
  final Map<String, double[]> quorateRates = new HashMap<>();

  W2Fanout(Workloads w) {
    this.w = w;
    this.b = w.b;
    this.s = w.s;
    b.raw.put("w2", w2);
  }

  void quorate() {
    quorate(TOPOLOGIES.stream().map(Topology::name).toList());
  }

  /** Only these topologies (the targeted {@code --w2-only} run). */
  void quorate(List<String> only) {
    Map<String, Object> mine = new LinkedHashMap<>();
    w2.put("quorate", mine);
    for (Topology t : TOPOLOGIES.stream().filter(t -> only.contains(t.name())).toList()) {
      mine.put(t.name(), topology("quorate", new int[] {b.server.port()}, b.serverPids(), t, null, t.name().equals("10x100")));
    }
  }

  Map<String, Object> topology(String system, int[] ports, long[] pid, Topology t, double[] rates, boolean w6) {
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
      Workloads.waitQuiet(pid);
      out.put("warmup", warmUp(system, load, conns, pid));
      Load.Result max = load.run(conns, conns, w.closed(s.outstanding(), false), pid);
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
        Load.Result r = load.run(conns, conns, w.open(offered[i] / t.perRoom()), pid);
        Map<String, Object> d = BenchMain.describe(r, t.perRoom());
        d.put("offered_deliveries_per_s", BenchMain.round(offered[i]));
        at.put(label(SHARES[i]), d);
        Bench.log(system + " W2 " + t.name() + " at " + BenchMain.round(offered[i]) + "/s: p99 "
            + ((Map<?, ?>) d.get("delivery_latency")).get("p99_ms") + " ms");
      }
      if (w6) {
        b.raw.put("w6", new W6SlowConsumers(w).run(load, conns, pid, offered[1] / t.perRoom()));
      }
    } finally {
      load.close(conns);
      Workloads.waitQuiet(pid);
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
}
