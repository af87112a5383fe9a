package org.quorate.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own ceilings on the server's embedded instance, measured with pgbench from CPU 1:
 * one 100-byte row per commit at 8 and 32 clients, and 100 rows per commit at 8 clients.
 */
final class PgCeilings {
  private PgCeilings() {}

  static Map<String, Object> run(int port, int seconds, long[] serverPid, Path dir) throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    psql(port, "CREATE TABLE IF NOT EXISTS bench_ceiling (id bigserial PRIMARY KEY, room bigint NOT NULL, body text NOT NULL, "
        + "at timestamptz NOT NULL DEFAULT now())");
    String body = "x".repeat(100);
    Path one = dir.resolve("pg-one-row.sql");
    Files.writeString(one, "\\set room random(1, 1000)\nINSERT INTO bench_ceiling (room, body) VALUES (:room, '" + body + "');\n");
    Path hundred = dir.resolve("pg-hundred-rows.sql");
    Files.writeString(hundred, "INSERT INTO bench_ceiling (room, body) SELECT g, '" + body + "' FROM generate_series(1, 100) g;\n");
    out.put("one_row_per_commit_8_clients", pgbench(port, one, 8, seconds, 1, serverPid));
    out.put("one_row_per_commit_32_clients", pgbench(port, one, 32, seconds, 1, serverPid));
    out.put("hundred_rows_per_commit_8_clients", pgbench(port, hundred, 8, seconds, 100, serverPid));
    psql(port, "DROP TABLE bench_ceiling");
    return out;
  }

  static Map<String, Object> pgbench(int port, Path script, int clients, int seconds, int rowsPerCommit, long[] serverPid) {
    Map<String, Object> m = pgbenchOnce(port, script, clients, seconds, rowsPerCommit, serverPid);
    if (m.get("commits_per_s") == null) {
      // on a busy machine 32 connections may not all be open before a short run ends: once more, longer
      m = pgbenchOnce(port, script, clients, seconds * 2, rowsPerCommit, serverPid);
    }
    return m;
  }

  static Map<String, Object> pgbenchOnce(int port, Path script, int clients, int seconds, int rowsPerCommit, long[] serverPid) {
    ProcStat.TreeCpu before = ProcStat.treeCpu(serverPid);
    String out = Bench.run(Bench.pinned(1, "pgbench", "-h", "localhost", "-p", Integer.toString(port), "-U", "postgres", "-n",
        "-c", Integer.toString(clients), "-j", "1", "-T", Integer.toString(seconds), "-f", script.toString(), "postgres"),
        seconds + 60);
    ProcStat.TreeCpu cpu = ProcStat.treeCpu(serverPid).minus(before);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("clients", clients);
    m.put("seconds", seconds);
    Double tps = tps(out);
    m.put("commits_per_s", tps);
    m.put("rows_per_s", tps == null ? null : tps * rowsPerCommit);
    m.put("postgres_cores", BenchMain.round(cpu.childSeconds() / seconds));
    if (tps == null) {
      m.put("pgbench_output", out);
    }
    Bench.log("pgbench " + script.getFileName() + " x" + clients + ": " + tps + " commits/s");
    return m;
  }

  /** The "tps = N (without initial connection time)" figure of pgbench's report. */
  static Double tps(String pgbenchOutput) {
    Matcher m = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(pgbenchOutput);
    return m.find() ? Double.parseDouble(m.group(1)) : null;
  }

  static void psql(int port, String sql) {
    Bench.run(List.of("psql", "-h", "localhost", "-p", Integer.toString(port), "-U", "postgres", "-q", "-c", sql, "postgres"), 60);
  }
}
