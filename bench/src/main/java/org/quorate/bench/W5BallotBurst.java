package org.quorate.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * W5: the ballot burst, on the server under test and, back to back, on a second server started with
 * {@code --ledger off} (a baseline that chains nothing): the same seed and the same burst, each after
 * the same discarded warm-up burst, so what the ledger costs is read from one run (issue 12: ballots/s
 * and p99 acknowledgement within 15 % of the run without it). The pair runs twice in mirrored order
 * (with, without, without, with), so a machine whose load drifts during the run favours neither.
 */
final class W5BallotBurst {
  final BenchMain b;
  final Sizes s;

  W5BallotBurst(Workloads w) {
    this.b = w.b;
    this.s = w.s;
  }

  void run() throws Exception {
    // The server under test comes warm from W2 to W4, the baseline fresh: a warm-up burst as big as the
    // measured one (at most 600 voters a decision) brings both to a compiled ballot path first.
    int warmVoters = Math.min(s.w5VotersPerDecision(), 600);
    Map<String, Object> warmUps = new LinkedHashMap<>();
    b.raw.put("w5_warm_ups", warmUps);
    BenchMain.Quorate off = b.startQuorate("server-ledger-off", "--ledger", "off");
    try {
      warmUps.put("with_ledger", brief(new BallotBurst(b, b.server.port(), b.serverPids(), "W5 warm-up", warmVoters).run()));
      warmUps.put("without_ledger", brief(new BallotBurst(b, off.child().port(), off.pids(), "W5 warm-up, ledger off", warmVoters).run()));
      Side with = new Side();
      Side without = new Side();
      b.raw.put("w5", with.burst(new BallotBurst(b, b.server.port(), b.serverPids(), "W5", s.w5VotersPerDecision())));
      Map<String, Object> first = without.burst(new BallotBurst(b, off.child().port(), off.pids(), "W5 ledger off", s.w5VotersPerDecision()));
      first.put("server", "a second server started with --ledger off (benchmark baseline: nothing chained), the same seed");
      b.raw.put("w5_ledger_off", first);
      Map<String, Object> repeat = new LinkedHashMap<>();
      b.raw.put("w5_repeat", repeat);
      repeat.put("ledger_off", brief(without.burst(new BallotBurst(b, off.child().port(), off.pids(), "W5 ledger off, again",
          s.w5VotersPerDecision()))));
      repeat.put("with_ledger", brief(with.burst(new BallotBurst(b, b.server.port(), b.serverPids(), "W5, again", s.w5VotersPerDecision()))));
      Map<String, Object> cost = new LinkedHashMap<>();
      cost.put("bursts_each", with.runs.size());
      cost.put("ballots_per_s_with", BenchMain.round(with.perSecond()));
      cost.put("ballots_per_s_without", BenchMain.round(without.perSecond()));
      cost.put("ballots_per_s_with_over_without", ratio(with.perSecond(), without.perSecond()));
      cost.put("p99_ack_ms_with", BenchMain.ms(with.acks.getValueAtPercentile(99)));
      cost.put("p99_ack_ms_without", BenchMain.ms(without.acks.getValueAtPercentile(99)));
      cost.put("p99_ack_without_over_with", ratio(without.acks.getValueAtPercentile(99), with.acks.getValueAtPercentile(99)));
      cost.put("cpu_per_ballot_with_over_without", ratio(with.cpuPerBallot(), without.cpuPerBallot()));
      cost.put("first_pair_ballots_per_s_with_over_without", ratio(Targets.num(b.raw, "w5", "ballots_per_s"),
          Targets.num(b.raw, "w5_ledger_off", "ballots_per_s")));
      b.raw.put("w5_ledger_cost", cost);
      Bench.log("W5 ledger cost: " + cost);
    } finally {
      off.child().stop();
    }
  }

  /** The bursts of one server, added up: ballots over seconds, merged acknowledgement latencies, CPU. */
  private static final class Side {
    final List<Map<String, Object>> runs = new ArrayList<>();
    final Histogram acks = new Histogram(120_000_000_000L, 3);

    Map<String, Object> burst(BallotBurst burst) {
      Map<String, Object> out = burst.run();
      runs.add(out);
      acks.add(burst.acks());
      return out;
    }

    double perSecond() {
      return sum("ballots_acked") / Math.max(0.001, sum("seconds_to_last_ack"));
    }

    double cpuPerBallot() {
      return (sum("server_cpu_s") + sum("postgres_cpu_s")) / Math.max(1, sum("ballots_acked"));
    }

    private double sum(String key) {
      return runs.stream().mapToDouble(r -> r.get(key) instanceof Number n ? n.doubleValue() : 0).sum();
    }
  }

  private static Double ratio(Double a, Double b) {
    Double r = Target.ratio(a, b);
    return r == null ? null : BenchMain.round(r);
  }

  private static Double ratio(double a, double b) {
    return ratio(Double.valueOf(a), Double.valueOf(b));
  }

  private static Map<String, Object> brief(Map<String, Object> burst) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String k : new String[] {"ballots_acked", "ballots_per_s", "ack_latency", "cpu_ms_per_ballot", "tally_exact", "errors", "error"}) {
      if (burst.containsKey(k)) {
        m.put(k, burst.get(k));
      }
    }
    return m;
  }
}
