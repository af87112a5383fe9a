package org.quorate.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorate.server.QuorateServer;
import org.quorate.server.config.ServerConfig;
import org.quorate.server.testing.TestServer;

/** Of several nodes on one store exactly one runs the scheduled work, and another takes over when it stops. */
class ScheduledWorkLeaseIT {
  @TempDir Path work;

  @Test
  void exactlyOneOfThreeNodesRunsTheScheduledWorkAndAnotherTakesOverWhenItStops() {
    TestServer first = TestServer.startWithDemoData();
    try (QuorateServer second = QuorateServer.start(sameStore(first, "second"));
        QuorateServer third = QuorateServer.start(sameStore(first, "third"))) {
      assertThat(first.server().features().lease().held()).as("the first node started leads").isTrue();
      assertThat(second.features().lease().held()).isFalse();
      assertThat(third.features().lease().held()).isFalse();

      first.close();
      await().atMost(Duration.ofSeconds(15)).until(() -> second.features().lease().held() || third.features().lease().held());
      // Held by one only, and it stays so across several attempts of the other.
      await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
          .until(() -> second.features().lease().held() ^ third.features().lease().held());
    } finally {
      first.close();
    }
  }

  private ServerConfig sameStore(TestServer first, String name) {
    return new ServerConfig(0, "127.0.0.1", work.resolve(name), Optional.of(first.database()), false, List.of(), 1_000,
        Duration.ofHours(1));
  }
}
