package org.quorate.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** W6: 1 % of the receivers stop reading during W2 10x100 at half of Quorate's maximum; the healthy ones' latency and the server's memory. */
final class W6SlowConsumers {
  final Workloads w;

  W6SlowConsumers(Workloads w) {
    this.w = w;
  }

  Map<String, Object> run(Load load, List<Load.Conn> conns, long[] pid, double postRate) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("post_rate", BenchMain.round(postRate));
    Load.Result without = load.run(conns, conns, w.open(postRate), pid);
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
    Load.Result with = load.run(healthy, conns, w.open(postRate), pid);
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
}
