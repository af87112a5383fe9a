package org.quorate.bench;



/** What every workload (W1 to W6 of issue 11, and the relays' W2) shares: the bench, its sizes, run specs, the pause between runs. */
final class Workloads {
  final BenchMain b;
  final Sizes s;

  Workloads(BenchMain b) {
    this.b = b;
    this.s = b.sizes;
  }

  Load.RunSpec open(double rate) {
    return new Load.RunSpec(rate, 0, false, s.warmup(), s.window(), s.drain(), 0, null);
  }

  Load.RunSpec closed(int outstanding, boolean onAck) {
    return new Load.RunSpec(0, outstanding, onAck, s.warmup(), s.window(), s.drain(), 0, null);
  }

  /** Waits (at most 15 s) until the server uses under a fifth of a core, so one run's tail does not bleed into the next. */
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
}
