package org.quorate.server.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.quorate.server.Features;
import org.quorate.server.auth.AccountRecovery;
import org.quorate.server.auth.Principal;
import org.quorate.server.config.ConfigException;
import org.quorate.server.config.DatabaseUrl;
import org.quorate.server.config.ServerConfig;
import org.quorate.server.domain.Role;
import org.quorate.server.registry.RegistryService;
import org.quorate.server.store.DatabaseServer;
import org.quorate.server.store.Pools;
import org.quorate.server.store.RunningCluster;

/**
 * One command's connection to the store, through the same services the server uses. On a data
 * directory whose server runs, it connects to that server's PostgreSQL (never a second one on the
 * same files); when none runs, it starts the embedded PostgreSQL for the command and stops it
 * after, so a server starting meanwhile is refused by the data directory's lock, not corrupted.
 */
final class AdminSession implements AutoCloseable {
  /** Whoever may run the jar on the data directory, or knows the database's password, administers Quorate. */
  static final Principal OPERATOR =
      new Principal(0, "command-line", "Quorate command line", null, EnumSet.of(Role.ADMINISTRATOR));
  private static final Duration CLOSE = Duration.ofSeconds(20);

  private final DatabaseServer started;
  private final Vertx vertx;
  private final Pool pool;
  private final Features features;

  private AdminSession(DatabaseServer started, Vertx vertx, Pool pool, Features features) {
    this.started = started;
    this.vertx = vertx;
    this.pool = pool;
    this.features = features;
  }

  /** Blocking; says on {@code notes} which store it uses. */
  static AdminSession open(ServerConfig config, PrintStream notes) {
    DatabaseServer started = null;
    DatabaseUrl url;
    if (config.databaseUrl().isPresent()) {
      url = config.databaseUrl().get();
      notes.println("quorate admin: using " + url);
    } else {
      Path dir = config.dataDir();
      if (!RunningCluster.exists(dir)) {
        throw new ConfigException("no Quorate data in " + dir + "; check --data-dir (the server creates it at its first start)");
      }
      Optional<DatabaseUrl> running = RunningCluster.find(dir);
      if (running.isPresent()) {
        url = running.get();
        notes.println("quorate admin: using the PostgreSQL of the Quorate running on " + dir + " (port " + url.port() + ")");
      } else {
        started = DatabaseServer.embedded(dir);
        url = started.url();
        notes.println("quorate admin: no Quorate is running on " + dir + "; started its PostgreSQL for this command");
      }
    }
    Vertx vertx = Vertx.vertx();
    Pool pool = Pools.create(vertx, url, 2);
    return new AdminSession(started, vertx, pool, Features.wire(vertx, pool, config));
  }

  RegistryService registry() {
    return features.registry();
  }

  AccountRecovery accounts() {
    return new AccountRecovery(pool, features.auth());
  }

  /** Waits for the store's answer; its failure is thrown as is, for {@link AdminCommand} to report. */
  static <T> T await(Future<T> work, Duration timeout) {
    try {
      return work.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new ConfigException("no answer from the database within " + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      // One after the other from this thread: a step chained on an event loop would complete on it
      // while Vert.x shuts it down.
      await(pool.close(), CLOSE);
      await(vertx.close(), CLOSE);
    } catch (RuntimeException e) {
      // The command's work has committed or failed by now; what matters is stopping PostgreSQL below.
    } finally {
      if (started != null) {
        started.close();
      }
    }
  }
}
