package org.quorate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quorate.server.config.ServerConfig;

/** Java 17 has no pattern-matching switch: this keeps the command dispatch exhaustive instead. */
class CommandHandlersTest {

  @Test
  void everyClientCommandTypeHasAHandlerOnceAllFeaturesAreWired() {
    Vertx vertx = Vertx.vertx();
    try {
      ServerConfig config = new ServerConfig(0, "127.0.0.1", java.nio.file.Path.of("target"), Optional.empty(), false,
          List.of(), 1_000, java.time.Duration.ofHours(1));
      // No database needed: wiring only builds objects.
      io.vertx.sqlclient.Pool pool = org.quorate.server.store.Pools.create(vertx,
          new org.quorate.server.config.DatabaseUrl("localhost", 1, "none", "none", ""), 1);
      CommandHandlers handlers = org.quorate.server.FeaturesProbe.commands(vertx, pool, config);
      assertThat(handlers.missing()).isEmpty();
    } finally {
      vertx.close();
    }
  }
}
