package org.quorate.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The baselines of W2: the null Vert.x relay and the Node ws relay, each at Quorate's offered rates. */
final class Relays {
  final BenchMain b;
  final Sizes s;
  final W2Fanout w2;

  Relays(Workloads w, W2Fanout w2) {
    this.b = w.b;
    this.s = w.s;
    this.w2 = w2;
  }

  void run() throws Exception {
    List<W2Fanout.Topology> tops = s.relaysAllTopologies() ? W2Fanout.TOPOLOGIES : W2Fanout.TOPOLOGIES.subList(0, 1);
    String[][] relays = {
        {"null_relay", "java", "-cp", b.benchJar.toString(), "org.quorate.bench.NullRelay", "0",
            Integer.toString(BenchMain.EVENT_LOOPS)},
        {"node_relay", "node", b.peersDir.resolve("relay.js").toString(), "0"}};
    for (String[] r : relays) {
      Map<String, Object> mine = new LinkedHashMap<>();
      w2.w2.put(r[0], mine);
      Bench.Child child = Bench.start(Bench.pinned(0, java.util.Arrays.copyOfRange(r, 1, r.length)),
          Pattern.compile("relay listening on (\\d+)"), b.targetDir.resolve(r[0] + ".log"), 60);
      String said = Bench.read(b.targetDir.resolve(r[0] + ".log").toFile()).lines()
          .filter(l -> l.contains("event loops")).findFirst().orElse(null);
      if (said != null) {
        ((Map<String, Object>) b.results.get("machine")).put(r[0] + "_transport_logged", said);
      }
      try {
        for (W2Fanout.Topology t : tops) {
          double[] rates = w2.quorateRates.get(t.name());
          mine.put(t.name(), w2.topology(r[0], new int[] {child.port()}, new long[] {child.pid()}, t, rates, false));
        }
      } finally {
        child.stop();
      }
    }
  }
}
