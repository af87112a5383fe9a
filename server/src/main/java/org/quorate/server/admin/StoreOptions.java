package org.quorate.server.admin;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.quorate.server.config.ServerConfig;
import picocli.CommandLine.Option;

/**
 * Which Quorate store a command works on: the same options, {@code QUORATE_*} variables and
 * defaults as the server, so {@code admin ... --data-dir DIR} reaches the data the server on
 * {@code --data-dir DIR} uses.
 */
final class StoreOptions {
  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "The server's data directory (default: QUORATE_DATA_DIR, else ./data).")
  String dataDir;

  @Option(names = "--db-url", paramLabel = "URL",
      description = "The server's own PostgreSQL, postgresql://user:password@host:port/database (default: QUORATE_DB_URL).")
  String dbUrl;

  /**
   * Opens a session on this store (telling on standard error which one), waits up to {@code limit}
   * for {@code work}'s answer and closes the session, whether the work succeeded or not.
   */
  <T> T run(Duration limit, Function<AdminSession, Future<T>> work) {
    try (AdminSession session = AdminSession.open(config(), System.err)) {
      return AdminSession.await(work.apply(session), limit);
    }
  }

  ServerConfig config() {
    List<String> args = new ArrayList<>();
    if (dataDir != null) {
      args.addAll(List.of("--data-dir", dataDir));
    }
    if (dbUrl != null) {
      args.addAll(List.of("--db-url", dbUrl));
    }
    return ServerConfig.parse(args.toArray(String[]::new), System.getenv());
  }
}
