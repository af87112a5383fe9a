package org.quorate.server.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.quorate.server.config.ConfigException;
import org.quorate.server.config.DatabaseUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL Quorate talks to: either an embedded one whose data lives under the data
 * directory (and survives restarts), or the operator's own server.
 */
public final class DatabaseServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseServer.class);

  private final DatabaseUrl url;
  private final EmbeddedPostgres embedded;

  private DatabaseServer(DatabaseUrl url, EmbeddedPostgres embedded) {
    this.url = url;
    this.embedded = embedded;
  }

  public static DatabaseServer external(DatabaseUrl url) {
    return new DatabaseServer(url, null);
  }

  /** Starts (blocking) an embedded PostgreSQL keeping its cluster in {@code dataDir/postgres}. */
  public static DatabaseServer embedded(Path dataDir) {
    Path pgData = dataDir.resolve("postgres");
    try {
      Files.createDirectories(pgData);
      int port = freePort();
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(pgData)
              .setCleanDataDirectory(false)
              .setPort(port)
              // The library tunes for throwaway test clusters (fsync off); this one holds real data.
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              // QuorateServer stops us after Vert.x, so in-flight work can still reach the store.
              .setRegisterShutdownHook(false)
              .start();
      LOG.info("embedded PostgreSQL on port {} with data in {}", port, pgData);
      return new DatabaseServer(new DatabaseUrl("localhost", port, "postgres", "postgres", ""), pg);
    } catch (IOException | RuntimeException e) {
      throw new ConfigException("cannot start embedded PostgreSQL in " + pgData + ": " + rootMessage(e));
    }
  }

  public DatabaseUrl url() {
    return url;
  }

  public boolean isEmbedded() {
    return embedded != null;
  }

  @Override
  public void close() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        LOG.warn("embedded PostgreSQL did not stop cleanly", e);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
