package org.quorate.server.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quorate.server.config.DatabaseUrl;
import org.quorate.server.testing.AdminProcess;
import org.quorate.server.testing.ServerProcess;
import org.quorate.server.testing.TestDatabase;

/** What the multi-node tests share: Hazelcast ports to give the nodes, and the size each node logs its cluster at. */
final class ClusterNodes {
  private static final Duration START = Duration.ofSeconds(150);

  private ClusterNodes() {}

  /**
   * Two demo nodes (2 event loops each) clustered over loopback on one fresh database, returned once
   * each logs a cluster of 2; the caller closes them.
   */
  static List<ServerProcess> startTwo(Path work, String cluster) throws Exception {
    DatabaseUrl db = TestDatabase.freshDatabase();
    int[] hz = freePorts(2);
    String members = "127.0.0.1:" + hz[0] + ",127.0.0.1:" + hz[1];
    List<ServerProcess> started = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      started.add(ServerProcess.start(work, List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), "--port", "0",
          "--data-dir", work.resolve("node" + i).toString(), "--db-url", AdminProcess.dbUrl(db), "--demo",
          "--password-iterations", "1000", "--event-loops", "2", "--cluster", "--cluster-name", cluster,
          "--cluster-members", members, "--cluster-port", Integer.toString(hz[i])));
    }
    List<ServerProcess> nodes = new ArrayList<>();
    for (ServerProcess n : started) {
      nodes.add(n.awaitListening(START));
    }
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
        .until(() -> nodes.stream().allMatch(n -> clusterSize(n, cluster) == 2));
    return nodes;
  }

  /** Free loopback ports, held together while chosen so no two are the same. */
  static int[] freePorts(int n) throws IOException {
    int[] out = new int[n];
    List<ServerSocket> open = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        open.add(s);
        out[i] = s.getLocalPort();
      }
    } finally {
      for (ServerSocket s : open) {
        s.close();
      }
    }
    return out;
  }

  /** The member count the node last logged for the named cluster (0 before it joined). */
  static int clusterSize(ServerProcess node, String cluster) {
    Pattern nodes = Pattern.compile("cluster '" + Pattern.quote(cluster) + "' now has (\\d+) nodes");
    int size = 0;
    for (String line : node.stderr()) {
      Matcher m = nodes.matcher(line);
      if (m.find()) {
        size = Integer.parseInt(m.group(1));
      }
    }
    return size;
  }
}
