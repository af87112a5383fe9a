package org.quorate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {
  @Test
  void withoutClusterANodeRunsAlone() {
    assertThat(ServerConfig.parse(new String[] {}, Map.of()).cluster()).isEmpty();
  }

  @Test
  void clusterSettingsComeFromOptionsOrTheEnvironmentWithMulticastOffByDefault() {
    ClusterSettings fromEnv = ServerConfig.parse(new String[] {"--cluster"}, Map.of("QUORATE_CLUSTER_MEMBERS", "10.0.0.1:5701, 10.0.0.2",
        "QUORATE_CLUSTER_HOST", "10.0.0.3", "QUORATE_CLUSTER_NAME", "sec")).cluster().orElseThrow();
    assertThat(fromEnv.members()).containsExactly("10.0.0.1:5701", "10.0.0.2");
    assertThat(fromEnv.host()).isEqualTo("10.0.0.3");
    assertThat(fromEnv.port()).isEqualTo(ClusterSettings.DEFAULT_PORT);
    assertThat(fromEnv.name()).isEqualTo("sec");
    assertThat(fromEnv.multicast()).isFalse();

    ClusterSettings fromArgs = ServerConfig.parse(new String[] {"--cluster", "--cluster-members", "127.0.0.1:6001", "--cluster-port",
        "6002", "--cluster-bus-port", "6003"}, Map.of("QUORATE_CLUSTER_PORT", "7000")).cluster().orElseThrow();
    assertThat(fromArgs.port()).as("an option wins over the environment").isEqualTo(6002);
    assertThat(fromArgs.busPort()).isEqualTo(6003);
    assertThat(fromArgs.host()).isEqualTo("127.0.0.1");
    assertThat(fromArgs.name()).isEqualTo("quorate");
    assertThat(fromArgs.members()).isEqualTo(List.of("127.0.0.1:6001"));
  }

  @Test
  void aClusterWithNoWayToFindItsMembersIsRefusedInOneLine() {
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--cluster"}, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessage("--cluster needs --cluster-members host:port,... (or --cluster-multicast)");
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--cluster", "--cluster-members", "a b:1"}, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("--cluster-members entries are host or host:port");
    assertThat(ServerConfig.parse(new String[] {"--cluster", "--cluster-multicast"}, Map.of()).cluster().orElseThrow().multicast()).isTrue();
  }
}
