package org.quorate.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Facts about the machine and the software under test, for results.json. */
final class Machine {
  private Machine() {}

  static Map<String, Object> facts(Path serverJar) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpu", Bench.run(List.of("sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"), 10).trim());
    m.put("cpus", Bench.run(List.of("sh", "-c", "grep -c ^processor /proc/cpuinfo"), 10).trim());
    m.put("kernel", Bench.run(List.of("uname", "-r"), 10).trim());
    m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("node", Bench.run(List.of("node", "--version"), 10).trim());
    m.put("open_files_limit", Bench.run(List.of("sh", "-c", "ulimit -n"), 10).trim());
    String entries = Bench.run(List.of("sh", "-c", "unzip -l '" + serverJar + "' | grep -c -i 'netty_transport_native_epoll'"), 60).trim();
    boolean epoll = !entries.isEmpty() && !entries.equals("0");
    m.put("server_transport", epoll ? "epoll native library in the jar (used if the server prefers it)" : "NIO (no epoll native library in the jar)");
    m.put("server_event_loops", BenchMain.EVENT_LOOPS + " (--event-loops; the server logs its transport: see bench/target/server.log)");
    m.put("generator_event_loops", 1);
    m.put("null_relay_event_loops", BenchMain.EVENT_LOOPS + " (one HTTP server per loop sharing the port, per-loop fan-out; epoll if it loads, see bench/target/null_relay.log)");
    m.put("pinning", "server + embedded PostgreSQL + relays on CPU 0, generator and pgbench on CPU 1 (taskset)");
    m.put("load_average_start", loadAverage());
    return m;
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
