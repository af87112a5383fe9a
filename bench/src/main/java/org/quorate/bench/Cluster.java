package org.quorate.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --nodes N}: whether the jar can run as a cluster at all. */
final class Cluster {
  private Cluster() {}

  static Map<String, Object> tryNodes(BenchMain b, int nodes) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("nodes_requested", nodes);
    String help = Bench.run(List.of("java", "-jar", b.serverJar.toString(), "--help"), 60);
    if (!help.contains("--cluster")) {
      out.put("status", "cluster mode not available in this jar");
    } else {
      out.put("status", "the jar offers --cluster, but this bench does not yet start a second node; "
          + "single-node numbers only");
    }
    Bench.log("--nodes " + nodes + ": " + out.get("status"));
    return out;
  }
}
