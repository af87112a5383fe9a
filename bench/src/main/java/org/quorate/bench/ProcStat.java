package org.quorate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** CPU time and memory of a process tree, read from {@code /proc}. */
public final class ProcStat {
  /** Linux reports utime/stime in clock ticks; USER_HZ is 100 on every mainstream kernel. */
  public static final long TICKS_PER_SECOND = 100;

  private ProcStat() {}

  /** One parsed {@code /proc/PID/stat} line: the fields this benchmark needs. */
  public record Stat(long pid, String comm, long ppid, long utimeTicks, long stimeTicks, long reapedChildrenTicks) {
    public Stat(long pid, String comm, long ppid, long utimeTicks, long stimeTicks) {
      this(pid, comm, ppid, utimeTicks, stimeTicks, 0);
    }

    public long cpuTicks() {
      return utimeTicks + stimeTicks;
    }
  }

  /**
   * Parses a stat line. The command name is in parentheses and may itself contain spaces and
   * parentheses, so fields are counted from the last ')'.
   */
  public static Stat parse(String line) {
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new IllegalArgumentException("not a /proc stat line: " + line);
    }
    long pid = Long.parseLong(line.substring(0, open).trim());
    String comm = line.substring(open + 1, close);
    String[] rest = line.substring(close + 2).trim().split("\\s+");
    // rest[0] is field 3 (state); ppid is field 4, utime 14, stime 15, cutime 16, cstime 17
    return new Stat(pid, comm, Long.parseLong(rest[1]), Long.parseLong(rest[11]), Long.parseLong(rest[12]),
        Long.parseLong(rest[13]) + Long.parseLong(rest[14]));
  }

  public static Stat read(long pid) {
    try {
      return parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Every live process, by pid. */
  public static Map<Long, Stat> all() {
    Map<Long, Stat> out = new HashMap<>();
    try (var dirs = Files.list(Path.of("/proc"))) {
      dirs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
          .forEach(n -> {
            Stat s = read(Long.parseLong(n));
            if (s != null) {
              out.put(s.pid(), s);
            }
          });
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** The pids descended from {@code root} (not the root itself) in a process table. */
  public static List<Stat> descendants(Map<Long, Stat> table, long root) {
    Map<Long, List<Stat>> children = new HashMap<>();
    table.values().forEach(s -> children.computeIfAbsent(s.ppid(), k -> new ArrayList<>()).add(s));
    List<Stat> out = new ArrayList<>();
    List<Long> todo = new ArrayList<>(List.of(root));
    while (!todo.isEmpty()) {
      for (Stat c : children.getOrDefault(todo.remove(todo.size() - 1), List.of())) {
        out.add(c);
        todo.add(c.pid());
      }
    }
    return out;
  }

  /** CPU ticks of one process and of its descendants (the embedded PostgreSQL). */
  public record TreeCpu(long ownTicks, long childTicks) {
    public double ownSeconds() {
      return ownTicks / (double) TICKS_PER_SECOND;
    }

    public double childSeconds() {
      return childTicks / (double) TICKS_PER_SECOND;
    }

    public double totalSeconds() {
      return ownSeconds() + childSeconds();
    }

    public TreeCpu minus(TreeCpu earlier) {
      return new TreeCpu(ownTicks - earlier.ownTicks, childTicks - earlier.childTicks);
    }
  }

  public static TreeCpu treeCpu(long... pids) {
    return treeCpu(all(), pids);
  }

  /**
   * CPU of {@code pids[0]} (own) and of every other listed root plus all their descendants
   * (child). The embedded PostgreSQL is started through pg_ctl and reparented when pg_ctl exits,
   * so its postmaster is passed as a root of its own; the time of backends that have exited (a
   * pgbench run's) is in the postmaster's cutime/cstime, which are counted for those roots.
   */
  public static TreeCpu treeCpu(Map<Long, Stat> table, long... pids) {
    return serversCpu(table, 1, pids);
  }

  /** As {@link #treeCpu(Map, long...)} with the first {@code ownRoots} pids (the server JVMs of a cluster) as own. */
  public static TreeCpu serversCpu(int ownRoots, long... pids) {
    return serversCpu(all(), ownRoots, pids);
  }

  /**
   * CPU of the first {@code ownRoots} pids (own: the server JVMs, several for a cluster) and of
   * every other listed root plus all descendants of every root (child: PostgreSQL).
   */
  public static TreeCpu serversCpu(Map<Long, Stat> table, int ownRoots, long... pids) {
    int k = Math.max(1, Math.min(ownRoots, pids.length));
    long own = 0;
    Map<Long, Stat> others = new HashMap<>();
    for (int i = 0; i < pids.length; i++) {
      Stat root = table.get(pids[i]);
      if (i < k) {
        own += root == null ? 0 : root.cpuTicks();
      } else if (root != null) {
        others.put(pids[i], root);
      }
      descendants(table, pids[i]).forEach(d -> others.put(d.pid(), d));
    }
    for (int i = 0; i < k; i++) {
      others.remove(pids[i]);
    }
    long reaped = 0;
    for (int i = k; i < pids.length; i++) {
      Stat root = table.get(pids[i]);
      reaped += root == null ? 0 : root.reapedChildrenTicks();
    }
    return new TreeCpu(own, reaped + others.values().stream().mapToLong(Stat::cpuTicks).sum());
  }

  /** Resident set size in bytes (VmRSS), or -1. */
  public static long rssBytes(long pid) {
    try {
      for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (l.startsWith("VmRSS:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
