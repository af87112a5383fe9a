package org.quorate.server.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quorate.server.testing.ServerProcess;

/** What the multi-node tests share: Hazelcast ports to give the nodes, and the size each node logs its cluster at. */
final class ClusterNodes {
  private ClusterNodes() {}

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
