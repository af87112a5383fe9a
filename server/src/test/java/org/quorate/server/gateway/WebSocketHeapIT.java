package org.quorate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * W1 (issue 11): 15,000 signed-in sockets must cost at most 16 KiB of heap each, so an open socket
 * keeps nothing of the HTTP upgrade it started with (Vert.x kept that connection, its request,
 * response and a 4 KiB write-queue chunk: about 6 KB a socket). The test server runs in this JVM,
 * so its heap is counted here with the JVM's own class histogram (which collects garbage first).
 */
@DemoServer
class WebSocketHeapIT {
  static TestServer server;
  private static final String UPGRADE_CONNECTION = "io.vertx.core.http.impl.Http1xServerConnection";
  private static final int SOCKETS = 40;

  @Test
  void openSocketsDoNotEachKeepTheHttpConnectionOfTheirUpgrade() throws Exception {
    String token = server.as("kate").token();
    long before = liveInstances(UPGRADE_CONNECTION);
    List<WsClient> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < SOCKETS; i++) {
        sockets.add(WsClient.connect(server.port(), token));
      }
      long kept = liveInstances(UPGRADE_CONNECTION) - before;
      assertThat(kept).as("HTTP connections kept alive by %d open sockets", SOCKETS).isLessThan(SOCKETS / 4);
      assertThat(sockets).allSatisfy(s -> assertThat(s.isClosed()).isFalse());
    } finally {
      sockets.forEach(WsClient::close);
    }
  }

  private static long liveInstances(String className) throws Exception {
    String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
        new Object[] {null}, new String[] {String[].class.getName()});
    long count = 0;
    for (String line : histogram.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[3].equals(className)) {
        count += Long.parseLong(f[1]);
      }
    }
    return count;
  }
}
