package org.quorate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** RESULTS.md, written from the same tree as results.json. */
final class Report {
  private Report() {}

  static String markdown(JsonNode r) {
    StringBuilder md = new StringBuilder();
    JsonNode raw = r.path("raw");
    JsonNode m = r.path("machine");
    md.append("# Quorate benchmark results\n\n");
    md.append("Written by `bench/run.sh").append(r.path("quick").asBoolean() ? " --quick" : "")
        .append("` (raw numbers: `bench/target/results.json`). ");
    if (r.path("quick").asBoolean()) {
      md.append("**Quick run**: sizes scaled down (see *Sizes* below) and short windows; ratios are indicative only. ");
    }
    md.append("Load average at start `").append(m.path("load_average_start").asText()).append("`, at end `")
        .append(r.path("load_average_end").asText()).append("`")
        .append(" (this machine is shared: a load average above ~2 means other work competed for both cores).\n\n");
    double load = firstNumber(m.path("load_average_start").asText());
    if (load > 2 || firstNumber(r.path("load_average_end").asText()) > 2) {
      md.append("**This run was on a loaded machine** (other builds and tests were using both cores; see the load averages "
          + "above and the generator's cores in the W2 table): its numbers check that the instrument works end to end and "
          + "are not a measurement of Quorate or of the baselines.\n\n");
    }
    if (r.has("failure")) {
      md.append("**The run failed:** `").append(r.path("failure").asText()).append("`; the tables hold what was measured before.\n\n");
    }
    md.append("## Targets (issue 11)\n\n| Workload | Target | Value | Goal | Met |\n|---|---|---|---|---|\n");
    for (JsonNode t : r.path("targets")) {
      md.append("| ").append(t.path("workload").asText()).append(" | ").append(t.path("name").asText()).append(" | ")
          .append(t.path("value").isNull() ? "not measured" : num(t.path("value").asDouble())).append(" | ")
          .append(t.path("goal").asText()).append(" | ").append(t.path("met").asBoolean() ? "**met**" : "missed").append(" |\n");
    }
    md.append("\nA missed target here is the instrument's reading, not a diagnosis: profiles (JFR, `perf`) of what limits "
        + "each one belong to the change that addresses it.\n\n");

    md.append("## Machine\n\n| Fact | Value |\n|---|---|\n");
    m.fields().forEachRemaining(e -> md.append("| ").append(e.getKey()).append(" | ").append(e.getValue().asText()).append(" |\n"));

    md.append("\n## PostgreSQL ceilings (pgbench on the server's embedded instance, client on CPU 1)\n\n"
        + "| Script | Clients | Commits/s | Rows/s | PostgreSQL cores |\n|---|---|---|---|---|\n");
    raw.path("postgres_ceilings").fields().forEachRemaining(e -> md.append("| ").append(e.getKey()).append(" | ")
        .append(e.getValue().path("clients").asText()).append(" | ").append(num(e.getValue().path("commits_per_s").asDouble()))
        .append(" | ").append(num(e.getValue().path("rows_per_s").asDouble())).append(" | ")
        .append(e.getValue().path("postgres_cores").asText()).append(" |\n"));

    md.append("\n## W2 fan-out (100-byte bodies; latency from the scheduled send time)\n\n"
        + "| System | Topology | Run | Offered deliveries/s | Deliveries/s | Server cores (PG) | CPU µs/delivery "
        + "| Deliveries/CPU-s | p50 ms | p99 ms | p99.9 ms | Missing | Generator cores |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    raw.path("w2").fields().forEachRemaining(sys -> sys.getValue().fields().forEachRemaining(top -> {
      JsonNode setup = top.getValue().path("setup");
      if (!setup.path("completed").asBoolean(true)) {
        md.append("| ").append(sys.getKey()).append(" | ").append(top.getKey()).append(" | setup | ")
            .append(setup.path("connected_and_subscribed").asText()).append(" of 1000 subscribed in ")
            .append(setup.path("seconds").asText()).append(" s: **did not complete** | | | | | | | | | |\n");
      }
      row(md, sys.getKey(), top.getKey(), "max (closed loop)", top.getValue().path("max"));
      top.getValue().path("rates").fields().forEachRemaining(rt -> row(md, sys.getKey(), top.getKey(),
          rt.getKey().replace("at_", "").replace("_percent_of_quorate_max", " % of Quorate max"), rt.getValue()));
    }));
    JsonNode qmax = raw.path("w2").path("quorate").path("10x100").path("max");
    for (String relay : new String[] {"null_relay", "node_relay"}) {
      JsonNode rmax = raw.path("w2").path(relay).path("10x100").path("max");
      if (!qmax.isMissingNode() && !rmax.isMissingNode()) {
        md.append("\n10x100 at each one's maximum, Quorate / ").append(relay).append(": deliveries/s ")
            .append(ratio(qmax.path("deliveries_per_s"), rmax.path("deliveries_per_s"))).append("×, deliveries per CPU-second ")
            .append(ratio(qmax.path("deliveries_per_cpu_s"), rmax.path("deliveries_per_cpu_s"))).append("×.");
      }
    }
    md.append("\n\n## W3 durable posts (ack after commit; 100 rooms of 10, clients spread over rooms)\n\n"
        + "| Run | Clients | Posts/s | Server cores | PG cores | CPU µs/post | ack p50 ms | ack p99 ms | delivery p99 ms | Errors |\n"
        + "|---|---|---|---|---|---|---|---|---|---|\n");
    raw.path("w3").fields().forEachRemaining(e -> {
      if (e.getValue().isObject()) {
        JsonNode v = e.getValue();
        md.append("| ").append(e.getKey()).append(" | ").append(v.path("clients").asText()).append(" | ")
            .append(v.path("acks_per_s").asText()).append(" | ").append(v.path("server_cores").asText()).append(" | ")
            .append(num(v.path("postgres_cpu_s").asDouble() / Math.max(1e-9, v.path("seconds").asDouble()))).append(" | ")
            .append(v.path("cpu_us_per_ack").asText()).append(" | ").append(txt(v.path("ack_latency").path("p50_ms")))
            .append(" | ").append(txt(v.path("ack_latency").path("p99_ms"))).append(" | ")
            .append(v.path("delivery_latency").path("count").asLong() > 0 ? txt(v.path("delivery_latency").path("p99_ms")) : "-")
            .append(" | ").append(v.path("errors").toString()).append(" |\n");
      }
    });
    double pg1 = raw.path("postgres_ceilings").path("one_row_per_commit_32_clients").path("commits_per_s").asDouble();
    double pg100 = raw.path("postgres_ceilings").path("hundred_rows_per_commit_8_clients").path("rows_per_s").asDouble();
    double best = raw.path("w3").path("max_posts_per_s").asDouble();
    md.append("\nBest durable posts/s ").append(num(best)).append(" = ").append(num(pg1 == 0 ? Double.NaN : best / pg1))
        .append("× PostgreSQL's one-row-per-commit ceiling at 32 clients, ").append(num(pg100 == 0 ? Double.NaN : best / pg100))
        .append("× its 100-rows-per-commit rows/s.\n");

    section(md, "W4 threads (20 % replies during W3 at half rate, plus reading a 200-reply thread over REST)", raw.path("w4"));
    section(md, "W5 ballot burst", raw.path("w5"));
    section(md, "W5 ballot burst without the ledger (second server, --ledger off, same seed and burst)", raw.path("w5_ledger_off"));
    section(md, "W5 the pair again, in mirrored order (without, then with the ledger)", raw.path("w5_repeat"));
    section(md, "W5 warm-up bursts (not counted)", raw.path("w5_warm_ups"));
    section(md, "W5 what the ledger costs (same run)", raw.path("w5_ledger_cost"));
    section(md, "W1 connections", raw.path("w1"));
    section(md, "W6 slow consumers (10x100 at half of Quorate's max; 1 % of receivers stop reading)", raw.path("w6"));
    cluster(md, r.path("cluster"));
    md.append("\n## How the run is set up\n\n"
        + "- Quorate runs from its jar with a fresh data directory, `--demo` and `--password-iterations 1000`, pinned with its "
        + "embedded PostgreSQL to CPU 0 (`taskset -c 0`); the relays run alone on CPU 0 after Quorate has stopped. The generator "
        + "(one Vert.x event loop) and pgbench run on CPU 1. Server CPU is utime+stime of the server process and every process "
        + "descended from it (PostgreSQL), read from `/proc` at the edges of each measured window.\n"
        + "- The server runs `--event-loops 2` and the null relay 2 event loops (one HTTP server per loop sharing the port, "
        + "per-loop fan-out), both on the native epoll transport when it loads (see *Machine*).\n"
        + "- **Warm-up:** before each system's first measured W2 run in each topology, a closed-loop run of "
        + "`jit_warmup_seconds` (see *Sizes*) is sent and discarded, the same for Quorate, the cluster, the null relay and the "
        + "Node relay, so no JIT compiles inside a measured window (its rate is kept as `warmup` in results.json). Each "
        + "measured run also starts with its own `warmup` seconds that are sent but not counted.\n"
        + "- **Bench-only user creation:** users, their Parties, rooms, members, bodies and sign-in tokens are inserted with psql "
        + "straight into the server's PostgreSQL (`bench/target/seed.sql`); each token is stored as its SHA-256 exactly as "
        + "`POST /api/login` stores one, so sockets authenticate with `Authorization: Bearer` on the upgrade as any client does. "
        + "Signing in 20,000 users would measure PBKDF2 and the login throttle instead of the server.\n"
        + "- Open-loop runs send on a fixed schedule (round robin over the senders); latency runs from each post's scheduled "
        + "time, and deliveries still owed when the drain ends are recorded at their age then (and counted as missing), so a "
        + "saturated system cannot hide its backlog. Closed-loop maximum runs keep a fixed number of posts outstanding "
        + "(W2: a post completes when every subscriber has it; W3: when it is acknowledged). Command ids are unique per user "
        + "for the whole run, as the protocol requires (a reused id is answered as a duplicate that writes nothing); the generator "
        + "does not reconnect, so a socket the server closes, a refused post or a duplicate ack is shown beside the missing count.\n"
        + "- W5 voters send their ballots one after the other on their own socket: every second ballot resends the previous "
        + "command id (a duplicate), the others change the choice; the expected tally is each voter's last acknowledged choice, "
        + "compared with `GET /api/decisions/{id}`. W5 and W1 stop at their time budget and report the size they reached.\n");
    return md.toString();
  }

  static void cluster(StringBuilder md, JsonNode c) {
    if (c.isMissingNode()) {
      return;
    }
    md.append("\n## ").append(c.path("nodes").asText()).append(" clustered nodes beside the single node (same run)\n\n")
        .append(c.path("setup").asText()).append(". Joined in ").append(c.path("joined_seconds").asText()).append(" s; ")
        .append(c.path("transport").asText()).append(". On this 2-core machine every node shares CPU 0 with PostgreSQL: ")
        .append("this measures the correctness and the CPU overhead of the clustered event bus, not added cores.\n\n");
    if (c.has("failure")) {
      md.append("**The cluster run failed:** `").append(c.path("failure").asText()).append("`\n\n");
    }
    md.append("| Measure | Single node | ").append(c.path("nodes").asText()).append(" nodes | Cluster / single |\n|---|---|---|---|\n");
    for (JsonNode row : c.path("beside_single_node")) {
      JsonNode a = row.path("single_node");
      JsonNode b = row.path("cluster");
      md.append("| ").append(row.path("measure").asText()).append(" | ").append(a.isNumber() ? num(a.asDouble()) : txt(a))
          .append(" | ").append(b.isNumber() ? num(b.asDouble()) : txt(b)).append(" | ")
          .append(a.isNumber() && b.isNumber() ? ratio(b, a) : "-").append(" |\n");
    }
    JsonNode w2 = c.path("w2_10x100");
    if (!w2.isMissingNode()) {
      md.append("\n| System | Topology | Run | Offered deliveries/s | Deliveries/s | Server cores (PG) | CPU µs/delivery "
          + "| Deliveries/CPU-s | p50 ms | p99 ms | p99.9 ms | Missing | Generator cores |\n"
          + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
      row(md, "cluster", "10x100", "max (closed loop)", w2.path("max"));
      w2.path("rates").fields().forEachRemaining(rt -> row(md, "cluster", "10x100",
          rt.getKey().replace("at_", "").replace("_percent_of_quorate_max", " % of Quorate max"), rt.getValue()));
      if (w2.has("note")) {
        md.append("\n").append(w2.path("note").asText()).append("\n");
      }
    }
  }

  static void row(StringBuilder md, String sys, String top, String run, JsonNode v) {
    if (v.isMissingNode()) {
      return;
    }
    double pgCores = v.path("postgres_cpu_s").asDouble() / Math.max(1e-9, v.path("seconds").asDouble());
    md.append("| ").append(sys).append(" | ").append(top).append(" | ").append(run).append(" | ")
        .append(v.has("offered_deliveries_per_s") ? num(v.path("offered_deliveries_per_s").asDouble()) : "")
        .append(" | ").append(num(v.path("deliveries_per_s").asDouble())).append(" | ")
        .append(v.path("server_cores").asText()).append(" (").append(num(pgCores)).append(") | ")
        .append(v.path("cpu_us_per_delivery").asText()).append(" | ").append(num(v.path("deliveries_per_cpu_s").asDouble()))
        .append(" | ").append(txt(v.path("delivery_latency").path("p50_ms"))).append(" | ")
        .append(txt(v.path("delivery_latency").path("p99_ms"))).append(" | ")
        .append(txt(v.path("delivery_latency").path("p99_9_ms"))).append(" | ")
        .append(missing(v)).append(" | ").append(v.path("generator_cores").asText()).append(" |\n");
  }

  /** Deliveries still owed, with what explains them: sockets the server closed, posts it refused or answered as resends. */
  static String missing(JsonNode v) {
    StringBuilder m = new StringBuilder(v.path("missing_deliveries").asText());
    if (v.path("sockets_closed_by_server").asLong() > 0) {
      m.append(" (").append(v.path("sockets_closed_by_server").asText()).append(" sockets closed by the server)");
    }
    if (v.path("errors").size() > 0) {
      m.append(" (errors ").append(v.path("errors").toString().replace("|", "/")).append(")");
    }
    return m.toString();
  }

  static void section(StringBuilder md, String title, JsonNode node) {
    if (node.isMissingNode()) {
      return;
    }
    md.append("\n## ").append(title).append("\n\n| Measure | Value |\n|---|---|\n");
    flatten(md, "", node);
  }

  static void flatten(StringBuilder md, String prefix, JsonNode node) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (e.getValue().isObject() && !key.endsWith("errors")) {
        flatten(md, key, e.getValue());
      } else {
        md.append("| ").append(key).append(" | ").append(e.getValue().isNumber() ? num(e.getValue().asDouble())
            : e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()).append(" |\n");
      }
    }
  }

  static String txt(JsonNode n) {
    return n.isNull() || n.isMissingNode() ? "-" : n.asText();
  }

  static double firstNumber(String loadavg) {
    try {
      return Double.parseDouble(loadavg.trim().split("\\s+")[0]);
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  static String ratio(JsonNode a, JsonNode b) {
    return b.asDouble() == 0 ? "n/a" : num(a.asDouble() / b.asDouble());
  }

  static String num(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return "n/a";
    }
    if (Math.abs(d) >= 100) {
      return String.format("%,.0f", d);
    }
    if (Math.abs(d) >= 1) {
      return String.format("%.2f", d);
    }
    return String.format("%.3f", d);
  }
}
