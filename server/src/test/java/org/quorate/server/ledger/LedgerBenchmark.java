package org.quorate.server.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.TestServer;

/**
 * Not a test: what the ledger costs a ballot. Starts a demo server with the ledger off (the
 * {@code quorate.ledger=off} switch exists for this baseline only), then one with it on, and in each
 * has the six voting Panel members cast {@code N} ballots between them (each changing their ballot
 * in a decision of their own, so only the ledger's head serialises them), over REST, six at a time.
 * Prints ballots/s and the p50/p99 answer time, and writes the table to
 * {@code server/target/ledger-benchmark.md}.
 *
 * <p>Run: {@code mvn -B -q -o -pl server -am test-compile exec:java} is not wired; use
 * {@code java -cp "$(cat server/target/test-classpath.txt):server/target/classes:server/target/test-classes" org.quorate.server.ledger.LedgerBenchmark 3000}
 * after {@code mvn -pl server dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test}.
 */
public final class LedgerBenchmark {
  static final List<String> VOTERS = List.of("alice", "arthur", "kate", "eric", "gary", "oscar");

  record Run(String name, int ballots, double perSecond, Histogram answers) {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    List<Run> runs = new ArrayList<>();
    for (String mode : List.of("off", "on", "off", "on")) {
      System.setProperty("quorate.ledger", mode);
      try (TestServer server = TestServer.startWithDemoData()) {
        runs.add(run("ledger " + mode, server, n));
      }
    }
    StringBuilder table = new StringBuilder("| Run | Ballots | Ballots/s | p50 answer (ms) | p99 answer (ms) |\n| --- | --- | --- | --- | --- |\n");
    for (Run r : runs) {
      table.append(String.format("| %s | %d | %.0f | %.1f | %.1f |%n", r.name(), r.ballots(), r.perSecond(),
          r.answers().getValueAtPercentile(50) / 1000.0, r.answers().getValueAtPercentile(99) / 1000.0));
    }
    // The second pair is the measurement (the first warms the JVM and the JIT).
    Run off = runs.get(2);
    Run on = runs.get(3);
    table.append(String.format("%nLedger on / off: throughput %.2f, p99 %.2f (target: within 15%%)%n", on.perSecond() / off.perSecond(),
        (double) on.answers().getValueAtPercentile(99) / off.answers().getValueAtPercentile(99)));
    System.out.print(table);
    Files.writeString(Path.of("server/target/ledger-benchmark.md").toAbsolutePath(), table);
    System.exit(0);
  }

  static Run run(String name, TestServer server, int n) throws Exception {
    ApiClient secas = server.as("secas");
    List<ApiClient> voters = VOTERS.stream().map(server::as).toList();
    List<Long> decisions = new ArrayList<>();
    for (String v : VOTERS) {
      decisions.add(secas.post("/api/decisions", Map.of("body", "PANEL", "modification_id", "MP215", "question", "Bench " + v,
          "kind", "asynchronous", "closes_in_working_days", 5)).json().get("decision_id").asLong());
    }
    Histogram answers = new Histogram(60_000_000L, 3);
    ExecutorService pool = Executors.newFixedThreadPool(VOTERS.size());
    int each = n / VOTERS.size();
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < VOTERS.size(); i++) {
      ApiClient voter = voters.get(i);
      long decision = decisions.get(i);
      done.add(pool.submit(() -> {
        for (int k = 0; k < each; k++) {
          long t = System.nanoTime();
          ApiClient.Response r = voter.post("/api/decisions/" + decision + "/ballots",
              Map.of("choice", k % 2 == 0 ? "approve" : "reject", "reason", "Benchmark ballot " + k));
          if (r.status() != 200) {
            throw new IllegalStateException(r.toString());
          }
          synchronized (answers) {
            answers.recordValue((System.nanoTime() - t) / 1000);
          }
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    Run r = new Run(name, each * VOTERS.size(), each * VOTERS.size() / seconds, answers);
    System.out.printf("%s: %d ballots, %.0f/s, p99 %.1f ms%n", name, r.ballots(), r.perSecond(), answers.getValueAtPercentile(99) / 1000.0);
    return r;
  }
}
