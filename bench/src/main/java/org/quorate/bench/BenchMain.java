package org.quorate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * {@code bench/run.sh}: starts Quorate and the baselines pinned to CPU 0, drives every workload
 * from CPU 1, and writes {@code bench/target/results.json} and {@code bench/RESULTS.md}.
 */
public final class BenchMain {
  /** Event loops of the server (and of each cluster node) and of the null relay: the same for both. */
  static final int EVENT_LOOPS = 2;
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  final Sizes sizes;
  final Path serverJar;
  final Path benchJar;
  final Path peersDir;
  final Path outDir;
  final Path targetDir;
  final int nodes;
  /** {@code --only-w5}: the ledger's cost alone (W5 with and without it), for a short measurement. */
  final boolean onlyW5;
  /** {@code --only-w3}: PostgreSQL's ceilings and W3 (no W4), for a short measurement of the write path. */
  boolean onlyW3;
  final Map<String, Object> results = new LinkedHashMap<>();
  final Map<String, Object> raw = new LinkedHashMap<>();
  /** {@code --w2-only 1x1000,100x10}: only W2 against Quorate, on these topologies (a targeted run). */
  String w2Only;
  Vertx vertx;
  HttpClient http;
  Bench.Child server;
  int pgPort;
  long postmasterPid;
  Path dataDir;

  BenchMain(Sizes sizes, Path serverJar, Path benchJar, Path peersDir, Path outDir, int nodes, boolean onlyW5) {
    this.sizes = sizes;
    this.serverJar = serverJar;
    this.benchJar = benchJar;
    this.peersDir = peersDir;
    this.outDir = outDir;
    this.targetDir = outDir.resolve("target");
    this.nodes = nodes;
    this.onlyW5 = onlyW5;
  }

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    Path serverJar = Path.of("server/target/quorate-server.jar");
    Path benchJar = Path.of("bench/target/quorate-bench.jar");
    int nodes = 1;
    String w2Only = null;
    boolean onlyW5 = false;
    boolean onlyW3 = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--server-jar" -> serverJar = Path.of(args[++i]);
        case "--bench-jar" -> benchJar = Path.of(args[++i]);
        case "--nodes" -> nodes = Integer.parseInt(args[++i]);
        case "--w2-only" -> w2Only = args[++i];
        case "--only-w5" -> onlyW5 = true;
        case "--only-w3" -> onlyW3 = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    BenchMain b = new BenchMain(Sizes.of(quick), serverJar.toAbsolutePath(), benchJar.toAbsolutePath(),
        Path.of("bench/peers").toAbsolutePath(), Path.of("bench").toAbsolutePath(), nodes, onlyW5);
    b.w2Only = w2Only;
    b.onlyW3 = onlyW3;
    int code = 0;
    try {
      b.runAll();
    } catch (Throwable t) {
      t.printStackTrace();
      b.results.put("failure", String.valueOf(t));
      code = 1;
    } finally {
      b.finish();
    }
    System.exit(code);
  }

  void runAll() throws Exception {
    Files.createDirectories(targetDir);
    long started = System.currentTimeMillis();
    results.put("quick", sizes.quick());
    results.put("machine", Machine.facts(serverJar));
    results.put("sizes", sizes);
    results.put("raw", raw);
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2));
    http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(64));

    startServer();
    Workloads w = new Workloads(this);
    if (w2Only != null) {
      new W2Fanout(w).quorate(List.of(w2Only.split(",")));
      stopServer();
      return;
    }
    if (onlyW5) {
      new W5BallotBurst(w).run();
      stopServer();
      results.put("seconds", (System.currentTimeMillis() - started) / 1000.0);
      return;
    }
    raw.put("postgres_ceilings", PgCeilings.run(pgPort, sizes.quick() ? 5 : 8, serverPids(), targetDir));
    if (onlyW3) {
      new W3Posts(w).run(false);
      stopServer();
      results.put("seconds", (System.currentTimeMillis() - started) / 1000.0);
      return;
    }
    W2Fanout w2 = new W2Fanout(w);
    w2.quorate();
    new W3Posts(w).run(true);
    new W5BallotBurst(w).run();
    new W1Connections(w).run();
    if (nodes > 1) {
      results.put("cluster", Cluster.run(this, nodes, w, w2));
    }
    stopServer();
    new Relays(w, w2).run();
    results.put("seconds", (System.currentTimeMillis() - started) / 1000.0);
  }

  void startServer() throws Exception {
    Quorate q = startQuorate("server");
    server = q.child();
    dataDir = q.dataDir();
    pgPort = q.pgPort();
    postmasterPid = q.postmasterPid();
    ((Map<String, Object>) results.get("machine")).put("server_transport_logged", Cluster.transport(targetDir.resolve("server.log")));
    String version = Bench.run(List.of("psql", "-h", "localhost", "-p", Integer.toString(pgPort), "-U", "postgres",
        "-Atc", "SHOW server_version", "postgres"), 30).trim();
    ((Map<String, Object>) results.get("machine")).put("postgresql", version);
  }

  /** A Quorate server with its own embedded PostgreSQL, pinned to CPU 0 and seeded; {@code name} names its log. */
  record Quorate(Bench.Child child, int pgPort, long postmasterPid, Path dataDir) {
    long[] pids() {
      return new long[] {child.pid(), postmasterPid};
    }
  }

  Quorate startQuorate(String name, String... extraOptions) throws Exception {
    Path dir = Files.createTempDirectory("quorate-bench-");
    Path log = targetDir.resolve(name + ".log");
    Files.deleteIfExists(log);
    List<String> command = new ArrayList<>(List.of("java", "-jar", serverJar.toString(), "--port", "0", "--data-dir",
        dir.toString(), "--demo", "--password-iterations", "1000", "--event-loops", Integer.toString(EVENT_LOOPS)));
    command.addAll(List.of(extraOptions));
    if (System.getenv("BENCH_JFR") != null) {
      // BENCH_JFR=1: a profile of each server (target/NAME.jfr), written when the bench stops it
      command.add(1, "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + targetDir.resolve(name + ".jfr"));
    }
    Bench.log("starting Quorate " + serverJar + " " + String.join(" ", extraOptions) + " on CPU 0, data in " + dir);
    Bench.Child child = Bench.start(Bench.pinned(0, command.toArray(String[]::new)),
        Pattern.compile("Quorate listening on http://[^:]+:(\\d+)"), log, 180);
    List<String> pid = Files.readAllLines(dir.resolve("postgres/postmaster.pid"));
    Quorate q = new Quorate(child, Integer.parseInt(pid.get(3).trim()), Long.parseLong(pid.get(0).trim()), dir);
    Bench.log("Quorate pid " + child.pid() + " on port " + child.port() + ", PostgreSQL on " + q.pgPort());
    Path seed = targetDir.resolve("seed.sql");
    Files.writeString(seed, Seed.sql(sizes));
    long t = System.nanoTime();
    String out = Bench.run(List.of("psql", "-h", "localhost", "-p", Integer.toString(q.pgPort()), "-U", "postgres", "-q",
        "-f", seed.toString(), "postgres"), 600);
    if (out.contains("ERROR")) {
      throw new IllegalStateException("seeding failed: " + out);
    }
    raw.putIfAbsent("seed", Map.of("users", sizes.users(), "seconds", (System.nanoTime() - t) / 1e9,
        "method", "psql INSERT of users, tokens (SHA-256 as sign-in stores them), rooms, members, bodies"));
    Bench.log("seeded " + sizes.users() + " users in " + (System.nanoTime() - t) / 1_000_000 + " ms");
    return q;
  }

  /** The server's JVM first, then its PostgreSQL postmaster (whose backends descend from it). */
  long[] serverPids() {
    return new long[] {server.pid(), postmasterPid};
  }

  void stopServer() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }

  Load load(int port) {
    return new Load(vertx, "127.0.0.1", port, 4);
  }

  Load load(int[] ports) {
    return new Load(vertx, "127.0.0.1", ports, 4);
  }

  /** The embedded PostgreSQL of the single node, as other nodes reach it with {@code --db-url}. */
  String databaseUrl() {
    return "postgresql://postgres@localhost:" + pgPort + "/postgres";
  }

  void finish() {
    try {
      stopServer();
      results.put("load_average_end", Machine.loadAverage());
      results.put("targets", Targets.evaluate(raw).stream().map(Target::toJson).toList());
      JSON.writeValue(targetDir.resolve("results.json").toFile(), results);
      // A targeted run (W2, W3 or W5 only) is no benchmark: it leaves the published table of the last full run alone.
      Path table = w2Only != null ? targetDir.resolve("RESULTS-w2-only.md")
          : onlyW5 ? targetDir.resolve("RESULTS-w5-only.md")
          : onlyW3 ? targetDir.resolve("RESULTS-w3-only.md") : outDir.resolve("RESULTS.md");
      Files.writeString(table, Report.markdown(JSON.valueToTree(results)));
      Bench.log("wrote " + targetDir.resolve("results.json") + " and " + table);
    } catch (Exception e) {
      e.printStackTrace();
    }
    if (vertx != null) {
      vertx.close();
    }
  }

  /** p50 / p99 / p99.9 / max in milliseconds. */
  static Map<String, Object> summary(Histogram h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", h.getTotalCount());
    if (h.getTotalCount() == 0) {
      // nothing measured is not a latency of zero
      m.put("p50_ms", null);
      m.put("p99_ms", null);
      m.put("p99_9_ms", null);
      m.put("max_ms", null);
      return m;
    }
    m.put("p50_ms", ms(h.getValueAtPercentile(50)));
    m.put("p99_ms", ms(h.getValueAtPercentile(99)));
    m.put("p99_9_ms", ms(h.getValueAtPercentile(99.9)));
    m.put("max_ms", ms(h.getMaxValue()));
    return m;
  }

  static double ms(long nanos) {
    return Math.round(nanos / 1e3) / 1e3;
  }

  static Map<String, Object> describe(Load.Result r, int roomSize) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seconds", r.seconds());
    m.put("posts_sent", r.sent());
    m.put("acks_per_s", round(r.acksPerSecond()));
    m.put("deliveries_per_s", round(r.deliveriesPerSecond()));
    m.put("server_cpu_s", round(r.cpu().ownSeconds()));
    m.put("postgres_cpu_s", round(r.cpu().childSeconds()));
    double cpu = r.serverCpuSeconds();
    m.put("server_cores", round(cpu / r.seconds()));
    m.put("deliveries_per_cpu_s", r.deliveries() == 0 || cpu == 0 ? null : round(r.deliveries() / cpu));
    m.put("cpu_us_per_delivery", r.deliveries() == 0 ? null : round(cpu * 1e6 / r.deliveries()));
    m.put("cpu_us_per_ack", r.acks() == 0 ? null : round(cpu * 1e6 / r.acks()));
    m.put("generator_cores", round(r.generatorCpuSeconds() / r.seconds()));
    m.put("ack_latency", summary(r.ack()));
    m.put("delivery_latency", summary(r.delivery()));
    m.put("missing_deliveries", r.missing());
    m.put("sockets_closed_by_server", r.socketsClosed());
    m.put("errors", r.errors());
    return m;
  }

  static double round(double d) {
    return Math.round(d * 1000) / 1000.0;
  }

  static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      return JSON.createObjectNode();
    }
  }

  Bench.Reply get(String path) {
    return Bench.httpBlocking(vertx, http, server.port(), HttpMethod.GET, path, Seed.ADMIN_TOKEN, null);
  }

  Bench.Reply post(String path, String body) {
    return Bench.httpBlocking(vertx, http, server.port(), HttpMethod.POST, path, Seed.ADMIN_TOKEN, body);
  }

  static List<long[]> layout(int users, long firstRoom, int perRoom) {
    List<long[]> l = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      l.add(new long[] {i, firstRoom + i / perRoom});
    }
    return l;
  }
}
