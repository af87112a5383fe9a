package org.quorate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcStatTest {
  @Test
  void cpuTimeIsReadFromFieldsFourteenAndFifteenEvenWhenTheCommandNameHasSpacesAndParentheses() {
    ProcStat.Stat s = ProcStat.parse("4242 (postgres: wal (writer)) S 4200 4200 4200 0 -1 4194560 1234 0 0 0 "
        + "57 31 0 0 20 0 1 0 1000 123456789 2048 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 0 0 0 0 0 0");
    assertThat(s.pid()).isEqualTo(4242);
    assertThat(s.comm()).isEqualTo("postgres: wal (writer)");
    assertThat(s.ppid()).isEqualTo(4200);
    assertThat(s.utimeTicks()).isEqualTo(57);
    assertThat(s.stimeTicks()).isEqualTo(31);
    assertThat(s.cpuTicks()).isEqualTo(88);
    assertThat(s.reapedChildrenTicks()).isZero();
  }

  @Test
  void theServersPostgresqlIsEveryProcessDescendedFromItAndNothingElse() {
    Map<Long, ProcStat.Stat> table = Map.of(
        10L, new ProcStat.Stat(10, "java", 1, 500, 100),
        11L, new ProcStat.Stat(11, "postgres", 10, 20, 5),
        12L, new ProcStat.Stat(12, "postgres", 11, 7, 3),
        13L, new ProcStat.Stat(13, "postgres", 11, 1, 1),
        20L, new ProcStat.Stat(20, "postgres", 1, 999, 999));
    assertThat(ProcStat.descendants(table, 10)).extracting(ProcStat.Stat::pid).containsExactlyInAnyOrder(11L, 12L, 13L);
    ProcStat.TreeCpu cpu = ProcStat.treeCpu(table, 10);
    assertThat(cpu.ownTicks()).isEqualTo(600);
    assertThat(cpu.childTicks()).isEqualTo(25 + 10 + 2);
  }

  @Test
  void aPostmasterReparentedAwayFromTheServerIsCountedWithItsExitedBackendsWhenNamedAsARoot() {
    Map<Long, ProcStat.Stat> table = Map.of(
        10L, new ProcStat.Stat(10, "java", 1, 500, 100),
        30L, new ProcStat.Stat(30, "postgres", 1, 40, 10, 100),
        31L, new ProcStat.Stat(31, "postgres", 30, 5, 5),
        40L, new ProcStat.Stat(40, "unrelated", 1, 999, 999));
    ProcStat.TreeCpu cpu = ProcStat.treeCpu(table, 10, 30);
    assertThat(cpu.ownSeconds()).isEqualTo(6.0);
    // the postmaster, its live backend, and the backends it has reaped (cutime + cstime)
    assertThat(cpu.childTicks()).isEqualTo(50 + 10 + 100);
    assertThat(cpu.minus(new ProcStat.TreeCpu(100, 10)).totalSeconds()).isEqualTo(6.5);
  }

  @Test
  void aTwoNodeClusterCountsBothServerJvmsAsServerAndTheSharedPostgresqlOnce() {
    Map<Long, ProcStat.Stat> table = Map.of(
        10L, new ProcStat.Stat(10, "java", 1, 500, 100),
        11L, new ProcStat.Stat(11, "java", 1, 300, 100),
        30L, new ProcStat.Stat(30, "postgres", 1, 40, 10, 100),
        31L, new ProcStat.Stat(31, "postgres", 30, 5, 5),
        40L, new ProcStat.Stat(40, "unrelated", 1, 999, 999));
    ProcStat.TreeCpu cpu = ProcStat.serversCpu(table, 2, 10, 11, 30);
    assertThat(cpu.ownTicks()).isEqualTo(600 + 400);
    assertThat(cpu.childTicks()).isEqualTo(50 + 10 + 100);
  }

  @Test
  void theRunningJvmReadsItsOwnStatLine() {
    ProcStat.Stat self = ProcStat.read(ProcessHandle.current().pid());
    assertThat(self).isNotNull();
    assertThat(self.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(ProcStat.rssBytes(self.pid())).isPositive();
  }
}
