package org.quorate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.quorate.bench.Target.Direction;

/** The Targets section of issue 11, evaluated against the raw numbers of one run. */
public final class Targets {
  static final String HALF = "at_50_percent_of_quorate_max";

  private Targets() {}

  /** Reads a number (or boolean as 1/0) at a path of nested maps; null when absent. */
  static Double num(Map<String, Object> raw, String... path) {
    Object o = raw;
    for (String p : path) {
      if (!(o instanceof Map<?, ?> m)) {
        return null;
      }
      o = m.get(p);
    }
    if (o instanceof Number n) {
      return n.doubleValue();
    }
    if (o instanceof Boolean bool) {
      return bool ? 1.0 : 0.0;
    }
    return null;
  }

  public static List<Target> evaluate(Map<String, Object> raw) {
    List<Target> t = new ArrayList<>();
    Double pg32 = num(raw, "postgres_ceilings", "one_row_per_commit_32_clients", "commits_per_s");
    t.add(Target.evaluate("W3", "durable posts/s / PostgreSQL one-row-per-commit ceiling at 32 clients (same run)",
        Target.ratio(num(raw, "w3", "max_posts_per_s"), pg32), Direction.AT_LEAST, 2));
    t.add(Target.evaluate("W3", "p99 post->ack at half the maximum post rate (ms)",
        num(raw, "w3", "half_max_rate", "ack_latency", "p99_ms"), Direction.AT_MOST, 20));

    String[] q = {"w2", "quorate", "10x100"};
    for (String relay : new String[] {"null_relay", "node_relay"}) {
      double bound = relay.equals("null_relay") ? 0.8 : 1.2;
      String who = relay.equals("null_relay") ? "the null Vert.x relay's" : "the Node ws relay's";
      t.add(Target.evaluate("W2", "deliveries per server CPU-second (PostgreSQL included) / " + who + ", each at its maximum (10x100)",
          Target.ratio(num(raw, q[0], q[1], q[2], "max", "deliveries_per_cpu_s"),
              num(raw, "w2", relay, "10x100", "max", "deliveries_per_cpu_s")), Direction.AT_LEAST, bound));
      t.add(Target.evaluate("W2", "deliveries per server CPU-second / " + who + ", same offered rate (50 % of Quorate's max, 10x100)",
          Target.ratio(num(raw, q[0], q[1], q[2], "rates", HALF, "deliveries_per_cpu_s"),
              num(raw, "w2", relay, "10x100", "rates", HALF, "deliveries_per_cpu_s")), Direction.AT_LEAST, bound));
    }
    t.add(Target.evaluate("W2", "p99 delivery at half of Quorate's maximum / the null relay's p99 at that rate (10x100)",
        Target.ratio(num(raw, q[0], q[1], q[2], "rates", HALF, "delivery_latency", "p99_ms"),
            num(raw, "w2", "null_relay", "10x100", "rates", HALF, "delivery_latency", "p99_ms")), Direction.AT_MOST, 1.5));
    Double completed = num(raw, "w2", "quorate", "1x1000", "setup", "completed");
    t.add(Target.holds("W2", "the 1 x 1,000 topology completes (all subscribed, maximum measured)",
        completed != null && completed == 1 && num(raw, "w2", "quorate", "1x1000", "max", "deliveries_per_s") != null));

    Double ballots = num(raw, "w5", "ballots_acked");
    Double exact = num(raw, "w5", "tally_exact");
    boolean full = ballots != null && ballots >= 100_000;
    t.add(Target.evaluate("W5", "ballots durable (acknowledged after commit) of a 100,000-ballot burst", ballots,
        Direction.AT_LEAST, 100_000));
    Target seconds = Target.evaluate("W5", "seconds until every ballot is durable with an exact final tally",
        num(raw, "w5", "seconds_to_last_ack"), Direction.AT_MOST, 8);
    t.add(new Target(seconds.workload(), seconds.name(), seconds.value(), seconds.goal(),
        seconds.met() && full && exact != null && exact == 1));
    t.add(Target.holds("W5", "the stored tally equals the acknowledged ballots (REST decision view)", exact != null && exact == 1));
    t.add(Target.evaluate("W5", "seconds after the last ack until every watcher sees the final tally",
        num(raw, "w5", "watcher_lag_after_last_ack_s"), Direction.AT_MOST, 1));

    // issue 12: the ledger costs little (both bursts of each server, mirrored order: see W5BallotBurst)
    t.add(Target.evaluate("W5", "ballots/s with the ledger / without (same run)",
        num(raw, "w5_ledger_cost", "ballots_per_s_with_over_without"), Direction.AT_LEAST, 0.85));
    t.add(Target.evaluate("W5", "p99 ballot ack without the ledger / with (same run)",
        num(raw, "w5_ledger_cost", "p99_ack_without_over_with"), Direction.AT_LEAST, 0.85));

    t.add(Target.evaluate("W1", "signed-in sockets in rooms of 100", num(raw, "w1", "signed_in_subscribed_sockets"),
        Direction.AT_LEAST, 15_000));
    t.add(Target.evaluate("W1", "heap after GC per connection (bytes)", num(raw, "w1", "heap_bytes_per_connection"),
        Direction.AT_MOST, 16 * 1024));

    t.add(Target.evaluate("W6", "healthy receivers' p99 with 1 % slow consumers / the same run without",
        Target.ratio(num(raw, "w6", "with_slow_consumers", "delivery_latency", "p99_ms"),
            num(raw, "w6", "without_slow_consumers", "delivery_latency", "p99_ms")), Direction.AT_MOST, 1.2));
    Double before = num(raw, "w6", "server_rss_before_mib");
    Double after = num(raw, "w6", "server_rss_after_mib");
    t.add(Target.evaluate("W6", "server RSS growth during the slow-consumer run (MiB; bounded = at most 64)",
        before == null || after == null ? null : after - before, Direction.AT_MOST, 64));
    return t;
  }
}
