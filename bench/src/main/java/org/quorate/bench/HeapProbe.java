package org.quorate.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * W1 alone, for finding what a connection costs: starts Quorate as {@code bench/run.sh} does,
 * connects N signed-in sockets in rooms of 100, and prints the heap after a full GC and the class
 * histogram's growth per connection (largest first).
 * {@code java -cp bench/target/quorate-bench.jar org.quorate.bench.HeapProbe [--sockets N] [--server-jar PATH]}
 */
public final class HeapProbe {
  private HeapProbe() {}

  public static void main(String[] args) throws Exception {
    int sockets = 10_000;
    int holdSeconds = 0;
    Path serverJar = Path.of("server/target/quorate-server.jar");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sockets" -> sockets = Integer.parseInt(args[++i]);
        case "--server-jar" -> serverJar = Path.of(args[++i]);
        case "--hold-seconds" -> holdSeconds = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Sizes q = Sizes.of(true);
    Sizes sizes = new Sizes(true, q.warmup(), q.window(), q.drain(), q.outstanding(), sockets, 300, q.w3Small(),
        q.w3Large(), q.w5Decisions(), q.w5VotersPerDecision(), q.w5BallotsPerVoter(), q.w5BudgetSeconds(),
        q.w5Parallel(), q.w5Watchers(), q.setupBudgetSeconds(), false, q.w4ThreadReadsPerSecond(),
        q.w4ThreadReplies(), q.jitWarmupSeconds());
    BenchMain b = new BenchMain(sizes, serverJar.toAbsolutePath(), Path.of("bench/target/quorate-bench.jar"),
        Path.of("bench/peers").toAbsolutePath(), Path.of("bench").toAbsolutePath(), 1, false);
    Files.createDirectories(b.targetDir);
    b.results.put("machine", new HashMap<String, Object>());
    b.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2));
    b.http = b.vertx.createHttpClient(new HttpClientOptions());
    try {
      b.startServer();
      long pid = b.server.pid();
      long[] pids = b.serverPids();
      // One warm-up round so that classes, pools and caches that any first connection creates are in "before".
      Load load = b.load(b.server.port());
      List<Load.Conn> warm = load.connect(BenchMain.layout(200, Seed.ROOMS_W1, 100), Seed.tokens(200), 100,
          Load.now() + 60_000_000_000L, null);
      load.close(warm);
      waitQuiet(pids);
      Bench.sleepMillis(3000);
      Map<String, long[]> before = histogram(pid);
      long heapBefore = heapAfterGc(pid);
      List<Load.Conn> conns = load.connect(BenchMain.layout(sockets, Seed.ROOMS_W1, 100), Seed.tokens(sockets), 200,
          Load.now() + sizes.w1BudgetSeconds() * 1_000_000_000L, null);
      waitQuiet(pids);
      Bench.sleepMillis(3000);
      Map<String, long[]> after = histogram(pid);
      long heapAfter = heapAfterGc(pid);
      int n = conns.size();
      System.out.printf("HEAP sockets=%d before=%d after=%d per_connection=%.0f%n", n, heapBefore, heapAfter,
          (heapAfter - heapBefore) / (double) n);
      List<Object[]> rows = new ArrayList<>();
      long total = 0;
      for (Map.Entry<String, long[]> e : after.entrySet()) {
        long[] a = e.getValue();
        long[] bf = before.getOrDefault(e.getKey(), new long[2]);
        long dBytes = a[1] - bf[1];
        total += dBytes;
        rows.add(new Object[] {e.getKey(), (a[0] - bf[0]) / (double) n, dBytes / (double) n});
      }
      rows.sort((x, y) -> Double.compare((double) y[2], (double) x[2]));
      System.out.printf("HISTO total delta per connection %.0f B%n", total / (double) n);
      for (int i = 0; i < Math.min(40, rows.size()); i++) {
        Object[] r = rows.get(i);
        System.out.printf("HISTO %10.2f inst %10.1f B  %s%n", r[1], r[2], r[0]);
      }
      if (holdSeconds > 0) {
        System.out.println("HOLD server pid " + pid + " for " + holdSeconds + " s");
        Bench.sleepMillis(holdSeconds * 1000L);
      }
      load.close(conns);
    } finally {
      b.stopServer();
      b.vertx.close();
    }
    System.exit(0);
  }

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

  /** Heap in use after a full GC, as W1 reads it (jcmd GC.heap_info). */
  static long heapAfterGc(long pid) {
    Bench.run(List.of("jcmd", Long.toString(pid), "GC.run"), 60);
    String info = Bench.run(List.of("jcmd", Long.toString(pid), "GC.heap_info"), 60);
    long used = 0;
    boolean found = false;
    for (String line : info.split("\n")) {
      if (line.contains("Metaspace") || line.contains("class space")) {
        continue;
      }
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(line);
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

  /** Class name to {instances, bytes}, from {@code jcmd GC.class_histogram} (which runs a full GC first). */
  static Map<String, long[]> histogram(long pid) {
    String out = Bench.run(List.of("jcmd", Long.toString(pid), "GC.class_histogram"), 120);
    Map<String, long[]> m = new HashMap<>();
    for (String line : out.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[0].endsWith(":")) {
        m.merge(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])},
            (x, y) -> new long[] {x[0] + y[0], x[1] + y[1]});
      }
    }
    return m;
  }
}
