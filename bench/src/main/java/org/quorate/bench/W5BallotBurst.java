package org.quorate.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * W5: the ballot burst, on the server under test and, back to back, on a second server started with
 * {@code --ledger off} (a baseline that chains nothing): the same seed and the same burst, each after
 * the same discarded warm-up burst, so what the ledger costs is read from one run (issue 12: ballots/s
 * and p99 acknowledgement within 15 % of the run without it).
 */
final class W5BallotBurst {
  final BenchMain b;
  final Sizes s;

  W5BallotBurst(Workloads w) {
    this.b = w.b;
    this.s = w.s;
  }

  void run() throws Exception {
    // Both servers meet the ballot path cold: a fifth of the voters (at most 200 a decision) warm each one up first.
    int warmVoters = Math.max(1, Math.min(s.w5VotersPerDecision() / 5, 200));
    Map<String, Object> warmUps = new LinkedHashMap<>();
    b.raw.put("w5_warm_ups", warmUps);
    BenchMain.Quorate off = b.startQuorate("server-ledger-off", "--ledger", "off");
    try {
      warmUps.put("with_ledger", brief(new BallotBurst(b, b.server.port(), b.serverPids(), "W5 warm-up", warmVoters).run()));
      warmUps.put("without_ledger", brief(new BallotBurst(b, off.child().port(), off.pids(), "W5 warm-up, ledger off", warmVoters).run()));
      Map<String, Object> with = new BallotBurst(b, b.server.port(), b.serverPids(), "W5", s.w5VotersPerDecision()).run();
      b.raw.put("w5", with);
      Map<String, Object> without = new BallotBurst(b, off.child().port(), off.pids(), "W5 ledger off", s.w5VotersPerDecision()).run();
      without.put("server", "a second server started with --ledger off (benchmark baseline: nothing chained), the same seed");
      b.raw.put("w5_ledger_off", without);
      Double throughput = Target.ratio(Targets.num(b.raw, "w5", "ballots_per_s"), Targets.num(b.raw, "w5_ledger_off", "ballots_per_s"));
      Double p99 = Target.ratio(Targets.num(b.raw, "w5_ledger_off", "ack_latency", "p99_ms"), Targets.num(b.raw, "w5", "ack_latency", "p99_ms"));
      Double cpu = Target.ratio(Targets.num(b.raw, "w5", "cpu_ms_per_ballot"), Targets.num(b.raw, "w5_ledger_off", "cpu_ms_per_ballot"));
      Map<String, Object> cost = new LinkedHashMap<>();
      cost.put("ballots_per_s_with_over_without", throughput == null ? null : BenchMain.round(throughput));
      cost.put("p99_ack_without_over_with", p99 == null ? null : BenchMain.round(p99));
      cost.put("cpu_per_ballot_with_over_without", cpu == null ? null : BenchMain.round(cpu));
      b.raw.put("w5_ledger_cost", cost);
      Bench.log("W5 ledger cost: " + cost);
    } finally {
      off.child().stop();
    }
  }

  private static Map<String, Object> brief(Map<String, Object> burst) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String k : new String[] {"ballots_acked", "ballots_per_s", "ack_latency", "errors", "error"}) {
      if (burst.containsKey(k)) {
        m.put(k, burst.get(k));
      }
    }
    return m;
  }
}
