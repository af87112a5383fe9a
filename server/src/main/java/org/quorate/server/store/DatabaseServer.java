package org.quorate.server.store;

import java.nio.file.Path;
import org.quorate.server.config.DatabaseUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL Quorate talks to: either an embedded one whose data lives under the data
 * directory (and survives restarts), supervised and restarted if it dies, or the operator's own
 * server.
 */
public final class DatabaseServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseServer.class);
  private final DatabaseUrl url;
  private final SupervisedPostgres embedded;

  private DatabaseServer(DatabaseUrl url, SupervisedPostgres embedded) {
    this.url = url;
    this.embedded = embedded;
  }

  public static DatabaseServer external(DatabaseUrl url) {
    return new DatabaseServer(url, null);
  }

  /**
   * Starts (blocking) an embedded PostgreSQL keeping its cluster in {@code dataDir/postgres}, after
   * locking the data directory against a second Quorate and stopping a PostgreSQL a crashed one
   * left running.
   */
  public static DatabaseServer embedded(Path dataDir) {
    SupervisedPostgres pg = SupervisedPostgres.start(dataDir);
    LOG.info("embedded PostgreSQL on port {} with data in {}", pg.port(), dataDir.resolve("postgres"));
    return new DatabaseServer(new DatabaseUrl("localhost", pg.port(), "postgres", "postgres", ""), pg);
  }

  public DatabaseUrl url() {
    return url;
  }

  public boolean isEmbedded() {
    return embedded != null;
  }

  /** How many times the embedded PostgreSQL was restarted after it died (0 for an external one). */
  public long restarts() {
    return embedded == null ? 0 : embedded.restarts();
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
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
