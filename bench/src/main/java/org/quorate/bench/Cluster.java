package org.quorate.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --nodes N}: N clustered Quorate nodes (Hazelcast TCP/IP join on loopback) on the single
 * node's embedded PostgreSQL, as {@code ThreeNodeClusterIT} starts them, each with {@code --db-url}.
 * Every node is pinned to CPU 0 with that PostgreSQL, like the single node: on this 2-core
 * machine the point is the correctness and the CPU overhead of the clustered event bus, not more
 * cores. Sockets are spread round robin over the nodes; W2 10x100 runs at the single node's
 * offered rates and W3 at its client counts and half rate, so the numbers sit beside the single
 * node's of the same run. The single node stays up but idle (its PostgreSQL is the one used) and
 * is not counted; the CPU counted is every node's JVM plus PostgreSQL.
 */
final class Cluster {
  private static final String NAME = "quorate-bench";
  private static final Pattern SIZE = Pattern.compile("cluster '" + NAME + "' now has (\\d+) nodes");

  private Cluster() {}

  static Map<String, Object> run(BenchMain b, int n, Workloads w, W2Fanout fanout) throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("nodes", n);
    out.put("setup", "each node: --cluster --cluster-members (all, 127.0.0.1) --db-url " + b.databaseUrl()
        + " --event-loops " + BenchMain.EVENT_LOOPS + "; all nodes and PostgreSQL pinned to CPU 0 (taskset -c 0), "
        + "the generator on CPU 1; sockets round robin over the nodes");
    List<Bench.Child> nodes = new ArrayList<>();
    try {
      int[] hz = freePorts(n);
      StringBuilder members = new StringBuilder();
      for (int port : hz) {
        members.append(members.length() == 0 ? "" : ",").append("127.0.0.1:").append(port);
      }
      List<Path> logs = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        Path log = b.targetDir.resolve("cluster-node" + (i + 1) + ".log");
        Files.deleteIfExists(log);
        logs.add(log);
        Path dir = Files.createTempDirectory("quorate-bench-node" + (i + 1) + "-");
        Bench.log("starting cluster node " + (i + 1) + " of " + n + " on CPU 0 (log " + log + ")");
        nodes.add(Bench.start(Bench.pinned(0, "java", "-jar", b.serverJar.toString(), "--port", "0", "--data-dir",
            dir.toString(), "--db-url", b.databaseUrl(), "--demo", "--password-iterations", "1000", "--event-loops",
            Integer.toString(BenchMain.EVENT_LOOPS), "--cluster", "--cluster-name", NAME, "--cluster-host", "127.0.0.1",
            "--cluster-members", members.toString(), "--cluster-port", Integer.toString(hz[i])),
            Pattern.compile("Quorate listening on http://[^:]+:(\\d+)"), log, 180));
      }
      long until = System.nanoTime() + 60_000_000_000L;
      while (!logs.stream().allMatch(l -> size(l) == n)) {
        if (System.nanoTime() > until) {
          throw new IllegalStateException("the nodes did not see a cluster of " + n + " within 60 s: see " + logs);
        }
        Bench.sleepMillis(250);
      }
      out.put("joined_seconds", BenchMain.round((System.nanoTime() - t0) / 1e9));
      out.put("transport", transport(logs.get(0)));
      Bench.log(n + " nodes joined in " + out.get("joined_seconds") + " s: " + out.get("transport"));
      int[] ports = nodes.stream().mapToInt(Bench.Child::port).toArray();
      long[] pids = new long[n + 1];
      for (int i = 0; i < n; i++) {
        pids[i] = nodes.get(i).pid();
      }
      pids[n] = b.postmasterPid;

      W2Fanout.Topology t = W2Fanout.TOPOLOGIES.get(0);
      Map<String, Object> w2 = fanout.topology("cluster", ports, pids, t, fanout.quorateRates.get(t.name()), false);
      out.put("w2_" + t.name(), w2);
      Map<String, Object> w3 = w3(b, w, ports, pids);
      out.put("w3", w3);
      out.put("beside_single_node", compare(b, w2, w3, t.name()));
    } catch (Exception e) {
      out.put("failure", String.valueOf(e));
      Bench.log("cluster run failed: " + e);
    } finally {
      nodes.forEach(Bench.Child::stop);
    }
    return out;
  }

  static Map<String, Object> w3(BenchMain b, Workloads w, int[] ports, long[] pids) {
    Map<String, Object> out = new LinkedHashMap<>();
    Load load = b.load(ports);
    Sizes s = b.sizes;
    Object half = ((Map<?, ?>) b.raw.getOrDefault("w3", Map.of())).get("half_max_rate");
    double rate = half instanceof Map<?, ?> h && h.get("offered_posts_per_s") instanceof Number r ? r.doubleValue() : 0;
    for (int c : new int[] {s.w3Small(), s.w3Large()}) {
      List<Load.Conn> conns = load.connect(W3Posts.layout(c), Seed.tokens(1_000), 100, Load.now() + 60_000_000_000L, null);
      try {
        Workloads.waitQuiet(pids);
        Load.Result r = load.run(conns, conns, w.closed(conns.size(), true), pids);
        Map<String, Object> d = BenchMain.describe(r, 10);
        d.put("clients", conns.size());
        out.put("closed_loop_" + c + "_clients", d);
        Bench.log("cluster W3 " + c + " clients: " + BenchMain.round(r.acksPerSecond()) + " durable posts/s, ack p99 "
            + ((Map<?, ?>) d.get("ack_latency")).get("p99_ms") + " ms");
        if (c == s.w3Large() && rate > 0) {
          // a longer drain than the single node's: a delivery still owed after 5 s is lost, not late
          Load.Result o = load.run(conns, conns, new Load.RunSpec(rate, 0, false, s.warmup(), s.window(),
              Math.max(5, s.drain()), 0, null), pids);
          Map<String, Object> h = BenchMain.describe(o, 10);
          h.put("offered_posts_per_s", BenchMain.round(rate));
          h.put("clients", conns.size());
          h.put("drain_seconds", Math.max(5, s.drain()));
          out.put("single_node_half_max_rate", h);
          Bench.log("cluster W3 at " + BenchMain.round(rate) + " posts/s: ack p99 "
              + ((Map<?, ?>) h.get("ack_latency")).get("p99_ms") + " ms");
        }
      } finally {
        load.close(conns);
        Workloads.waitQuiet(pids);
      }
    }
    return out;
  }

  /** Rows of {measure, single node, cluster} taken from the same run. */
  static List<Map<String, Object>> compare(BenchMain b, Map<String, Object> w2, Map<String, Object> w3, String top) {
    List<Map<String, Object>> rows = new ArrayList<>();
    Map<?, ?> single = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) b.raw.get("w2")).get("quorate")).get(top);
    Map<?, ?> singleW3 = (Map<?, ?>) b.raw.get("w3");
    add(rows, "W2 " + top + " max deliveries/s", get(single, "max", "deliveries_per_s"), get(w2, "max", "deliveries_per_s"));
    add(rows, "W2 " + top + " max deliveries per CPU-second (JVMs + PostgreSQL)", get(single, "max", "deliveries_per_cpu_s"),
        get(w2, "max", "deliveries_per_cpu_s"));
    add(rows, "W2 " + top + " max server cores (JVMs + PostgreSQL)", get(single, "max", "server_cores"), get(w2, "max", "server_cores"));
    for (double share : W2Fanout.SHARES) {
      String l = W2Fanout.label(share);
      add(rows, "W2 " + top + " delivery p99 ms at " + Math.round(share * 100) + " % of the single node's max (same offered rate)",
          get(single, "rates", l, "delivery_latency", "p99_ms"), get(w2, "rates", l, "delivery_latency", "p99_ms"));
      add(rows, "W2 " + top + " deliveries/s at " + Math.round(share * 100) + " % of the single node's max",
          get(single, "rates", l, "deliveries_per_s"), get(w2, "rates", l, "deliveries_per_s"));
      add(rows, "W2 " + top + " deliveries missing at " + Math.round(share * 100) + " % of the single node's max",
          get(single, "rates", l, "missing_deliveries"), get(w2, "rates", l, "missing_deliveries"));
    }
    for (Map.Entry<String, Object> e : w3.entrySet()) {
      String k = e.getKey();
      String singleKey = k.equals("single_node_half_max_rate") ? "half_max_rate" : k;
      add(rows, "W3 " + k.replace('_', ' ') + ": durable posts/s", get(singleW3, singleKey, "acks_per_s"), get(w3, k, "acks_per_s"));
      add(rows, "W3 " + k.replace('_', ' ') + ": ack p99 ms", get(singleW3, singleKey, "ack_latency", "p99_ms"),
          get(w3, k, "ack_latency", "p99_ms"));
      add(rows, "W3 " + k.replace('_', ' ') + ": CPU µs per post", get(singleW3, singleKey, "cpu_us_per_ack"),
          get(w3, k, "cpu_us_per_ack"));
      add(rows, "W3 " + k.replace('_', ' ') + ": deliveries missing at the end", get(singleW3, singleKey, "missing_deliveries"),
          get(w3, k, "missing_deliveries"));
    }
    return rows;
  }

  static void add(List<Map<String, Object>> rows, String measure, Object single, Object cluster) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("measure", measure);
    m.put("single_node", single);
    m.put("cluster", cluster);
    rows.add(m);
  }

  static Object get(Object node, String... path) {
    Object o = node;
    for (String p : path) {
      if (!(o instanceof Map<?, ?> m)) {
        return null;
      }
      o = m.get(p);
    }
    return o;
  }

  static int size(Path log) {
    int size = 0;
    for (String line : Bench.read(log.toFile()).split("\n")) {
      Matcher m = SIZE.matcher(line);
      if (m.find()) {
        size = Integer.parseInt(m.group(1));
      }
    }
    return size;
  }

  /** The server's own line about its event loops and transport. */
  static String transport(Path log) {
    for (String line : Bench.read(log.toFile()).split("\n")) {
      int i = line.indexOf("event loops for HTTP and WebSockets");
      if (i >= 0) {
        return line.substring(Math.max(0, line.lastIndexOf(' ', Math.max(0, i - 2)) + 1)).trim();
      }
    }
    return "not logged";
  }

  static int[] freePorts(int n) throws IOException {
    int[] out = new int[n];
    List<ServerSocket> open = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        open.add(s);
        out[i] = s.getLocalPort();
      }
    } finally {
      for (ServerSocket s : open) {
        s.close();
      }
    }
    return out;
  }
}
