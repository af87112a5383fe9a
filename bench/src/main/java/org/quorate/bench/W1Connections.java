package org.quorate.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** W1: as many signed-in sockets in rooms of 100 as connect within the budget; connect rate and memory per connection. */
final class W1Connections {
  final BenchMain b;
  final Sizes s;

  W1Connections(Workloads w) {
    this.b = w.b;
    this.s = w.s;
  }

  void run() {
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
    Workloads.waitQuiet(pid);
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
    Workloads.waitQuiet(pid);
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
}
