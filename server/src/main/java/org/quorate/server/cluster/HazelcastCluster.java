package org.quorate.server.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.quorate.server.config.ClusterSettings;

/**
 * The Hazelcast configuration of a node, built in code from {@link ClusterSettings} rather than from a
 * {@code cluster.xml}, so one set of {@code QUORATE_CLUSTER_*} settings is all an operator writes.
 * Starts from Vert.x's defaults (which declare the maps and locks its cluster manager needs).
 */
public final class HazelcastCluster {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HazelcastCluster.class);

  private HazelcastCluster() {}

  public static HazelcastClusterManager manager(ClusterSettings settings) {
    return new HazelcastClusterManager(config(settings));
  }

  /** One line per change of membership, so an operator (and a test) sees nodes come and go. */
  public static void logMembership(HazelcastClusterManager manager, ClusterSettings settings) {
    com.hazelcast.cluster.Cluster cluster = manager.getHazelcastInstance().getCluster();
    LOG.info("joined cluster '{}' as {}:{}; cluster '{}' now has {} nodes", settings.name(), settings.host(), settings.port(),
        settings.name(), cluster.getMembers().size());
    cluster.addMembershipListener(new com.hazelcast.cluster.MembershipListener() {
      @Override
      public void memberAdded(com.hazelcast.cluster.MembershipEvent e) {
        LOG.info("node {} joined; cluster '{}' now has {} nodes", e.getMember().getAddress(), settings.name(), e.getMembers().size());
      }

      @Override
      public void memberRemoved(com.hazelcast.cluster.MembershipEvent e) {
        LOG.warn("node {} left; cluster '{}' now has {} nodes", e.getMember().getAddress(), settings.name(), e.getMembers().size());
      }
    });
  }

  static Config config(ClusterSettings settings) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(settings.name());
    // No call home to Hazelcast's servers from a governance service.
    config.setProperty("hazelcast.phone.home.enabled", "false");
    // A killed node is dropped from the member list within seconds rather than the default minute.
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.logging.type", "slf4j");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(settings.port()).setPortAutoIncrement(false);
    if (settings.host().matches("[0-9.]+")) {
      // Only this interface: a machine's other addresses (docker bridges, VPNs) must not be offered to peers.
      network.getInterfaces().setEnabled(true).addInterface(settings.host());
    }
    network.setPublicAddress(settings.host() + ":" + settings.port());
    JoinConfig join = network.getJoin();
    join.getAutoDetectionConfig().setEnabled(false);
    join.getMulticastConfig().setEnabled(settings.multicast());
    join.getTcpIpConfig().setEnabled(!settings.members().isEmpty());
    settings.members().forEach(m -> join.getTcpIpConfig().addMember(m));
    return config;
  }
}
