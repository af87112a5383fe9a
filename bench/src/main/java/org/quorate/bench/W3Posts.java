package org.quorate.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** W3: durable posts (acknowledged after commit) from 32 and 256 closed-loop clients in rooms of 10, then at half the maximum (where W4 runs). */
final class W3Posts {
  final Workloads w;
  final BenchMain b;
  final Sizes s;

  W3Posts(Workloads w) {
    this.w = w;
    this.b = w.b;
    this.s = w.s;
  }

  static List<long[]> layout(int clients) {
    List<long[]> l = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      l.add(new long[] {(i % 100) * 10 + i / 100, Seed.ROOMS_100X10 + i % 100});
    }
    return l;
  }

  /** {@code withW4}: W4 runs at the half rate too (the full run); {@code --only-w3} leaves it out. */
  void run(boolean withW4) {
    Map<String, Object> out = new LinkedHashMap<>();
    b.raw.put("w3", out);
    long[] pid = b.serverPids();
    Load load = b.load(b.server.port());
    double best = 0;
    for (int n : new int[] {s.w3Small(), s.w3Large()}) {
      List<Load.Conn> conns = load.connect(layout(n), Seed.tokens(1_000), 100, Load.now() + 60_000_000_000L, null);
      Workloads.waitQuiet(pid);
      Load.Result r = load.run(conns, conns, w.closed(conns.size(), true), pid);
      Map<String, Object> d = BenchMain.describe(r, 10);
      d.put("clients", conns.size());
      out.put("closed_loop_" + n + "_clients", d);
      best = Math.max(best, r.acksPerSecond());
      Bench.log("W3 " + n + " clients: " + BenchMain.round(r.acksPerSecond()) + " durable posts/s, ack p99 "
          + ((Map<?, ?>) d.get("ack_latency")).get("p99_ms") + " ms");
      if (n == s.w3Large()) {
        double rate = Math.max(1, best / 2);
        Load.Result half = load.run(conns, conns, w.open(rate), pid);
        Map<String, Object> h = BenchMain.describe(half, 10);
        h.put("offered_posts_per_s", BenchMain.round(rate));
        h.put("clients", conns.size());
        out.put("half_max_rate", h);
        Bench.log("W3 at " + BenchMain.round(rate) + " posts/s: ack p99 " + ((Map<?, ?>) h.get("ack_latency")).get("p99_ms") + " ms");
        if (withW4) {
          b.raw.put("w4", new W4Threads(w).run(load, conns, pid, rate));
        }
      }
      load.close(conns);
      Workloads.waitQuiet(pid);
    }
    out.put("max_posts_per_s", BenchMain.round(best));
  }
}
