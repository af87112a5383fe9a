package org.quorate.server.config;

import java.util.List;

/**
 * How this node joins the others ({@code --cluster}): Hazelcast members to reach by TCP/IP, the address
 * and port Hazelcast listens on here, and the event bus's own address and port. Multicast discovery is
 * off unless asked for: on most networks it either does not pass or reaches nodes it should not.
 *
 * @param members {@code host:port} of other nodes (this one may be listed too); empty with multicast on
 * @param busPort 0 picks a free port; fix it when a firewall sits between nodes
 */
public record ClusterSettings(String name, List<String> members, String host, int port, int busPort, boolean multicast) {
  public static final int DEFAULT_PORT = 5701;

  public ClusterSettings {
    members = List.copyOf(members);
    if (members.isEmpty() && !multicast) {
      throw new ConfigException("--cluster needs --cluster-members host:port,... (or --cluster-multicast)");
    }
    for (String m : members) {
      if (!m.matches("[^:\\s]+(:\\d{1,5})?")) {
        throw new ConfigException("--cluster-members entries are host or host:port (got '" + m + "')");
      }
    }
  }
}
