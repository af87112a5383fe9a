package org.quorate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetsTest {
  static Map<String, Object> m(Object... kv) {
    java.util.LinkedHashMap<String, Object> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put((String) kv[i], kv[i + 1]);
    }
    return out;
  }

  static Target named(List<Target> all, String workload, String start) {
    return all.stream().filter(t -> t.workload().equals(workload) && t.name().startsWith(start)).findFirst().orElseThrow();
  }

  @Test
  void everyTargetOfTheIssueIsReportedEvenWhenNothingWasMeasured() {
    List<Target> all = Targets.evaluate(Map.of());
    assertThat(all).extracting(Target::workload).contains("W1", "W2", "W3", "W5", "W6");
    assertThat(all).allSatisfy(t -> assertThat(t.met()).isFalse());
    assertThat(all).hasSize(18);
  }

  @Test
  void durablePostsAreJudgedAsARatioToPostgresqlsCeilingInTheSameRun() {
    Map<String, Object> raw = m(
        "postgres_ceilings", m("one_row_per_commit_32_clients", m("commits_per_s", 7_000.0)),
        "w3", m("max_posts_per_s", 14_700.0, "half_max_rate", m("ack_latency", m("p99_ms", 21.0))));
    List<Target> all = Targets.evaluate(raw);
    Target ratio = named(all, "W3", "durable posts/s");
    assertThat(ratio.value()).isEqualTo(2.1);
    assertThat(ratio.goal()).isEqualTo(">= 2");
    assertThat(ratio.met()).isTrue();
    Target p99 = named(all, "W3", "p99 post->ack");
    assertThat(p99.value()).isEqualTo(21.0);
    assertThat(p99.met()).isFalse();
  }

  @Test
  void aFastBallotBurstThatStoppedShortOfOneHundredThousandDoesNotMeetTheTimeTarget() {
    Map<String, Object> raw = m("w5", m("ballots_acked", 3_000, "seconds_to_last_ack", 2.5, "tally_exact", true,
        "watcher_lag_after_last_ack_s", 0.2));
    List<Target> all = Targets.evaluate(raw);
    assertThat(named(all, "W5", "seconds until").met()).isFalse();
    assertThat(named(all, "W5", "the stored tally").met()).isTrue();
    assertThat(named(all, "W5", "seconds after the last ack").met()).isTrue();
    assertThat(named(all, "W5", "ballots durable").met()).isFalse();
  }

  @Test
  void theLedgersCostIsJudgedFromTheBurstsWithAndWithoutItInTheSameRun() {
    Map<String, Object> raw = m("w5_ledger_cost", m("ballots_per_s_with_over_without", 0.9, "p99_ack_without_over_with", 0.8));
    List<Target> all = Targets.evaluate(raw);
    Target throughput = named(all, "W5", "ballots/s with the ledger / without");
    assertThat(throughput.value()).isEqualTo(0.9);
    assertThat(throughput.goal()).isEqualTo(">= 0.85");
    assertThat(throughput.met()).isTrue();
    Target p99 = named(all, "W5", "p99 ballot ack without the ledger / with");
    assertThat(p99.value()).isEqualTo(0.8);
    assertThat(p99.met()).as("the ledger made the p99 25 % slower").isFalse();
    assertThat(named(Targets.evaluate(Map.of()), "W5", "ballots/s with the ledger").met())
        .as("without the baseline nothing is met").isFalse();
  }

  @Test
  void theTargetsSerialiseWithTheFieldsResultsJsonPromises() {
    Target t = Target.evaluate("W1", "heap", 20_000.0, Target.Direction.AT_MOST, 16_384);
    assertThat(t.toJson()).containsOnlyKeys("workload", "name", "value", "goal", "met");
    assertThat(t.toJson()).containsEntry("met", false).containsEntry("goal", "<= 16384");
  }
}
