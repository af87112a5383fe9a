package org.quorate.bench;

/** How big and how long each workload runs: the full run, or {@code --quick} (under 5 minutes). */
public record Sizes(boolean quick, double warmup, double window, double drain, int outstanding,
    int w1Sockets, int w1BudgetSeconds, int w3Small, int w3Large, int w5Decisions, int w5VotersPerDecision,
    int w5BallotsPerVoter, int w5BudgetSeconds, int w5Parallel, int w5Watchers, int setupBudgetSeconds,
    boolean relaysAllTopologies, double w4ThreadReadsPerSecond, int w4ThreadReplies, double jitWarmupSeconds) {

  public static Sizes of(boolean quick) {
    return quick
        ? new Sizes(true, 0.5, 2.5, 1.5, 64, 3_000, 35, 32, 256, 2, 400, 3, 20, 100, 5, 60, false, 200, 200, 4)
        : new Sizes(false, 2, 8, 3, 64, 15_000, 150, 32, 256, 10, 2_000, 5, 90, 1_000, 10, 120, true, 200, 200, 10);
  }

  public int users() {
    return Math.max(Math.max(1_000, w1Sockets), voters());
  }

  public int voters() {
    return w5Decisions * w5VotersPerDecision;
  }
}
