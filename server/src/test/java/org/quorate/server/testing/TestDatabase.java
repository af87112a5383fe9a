package org.quorate.server.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.quorate.server.config.DatabaseUrl;

/**
 * One real embedded PostgreSQL per test JVM; every test server gets a fresh database in it, so
 * tests are isolated without paying a cluster start each time. This also exercises the
 * {@code --db-url} (external PostgreSQL) path.
 */
public final class TestDatabase {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private TestDatabase() {}

  public static synchronized DatabaseUrl freshDatabase() {
    try {
      if (postgres == null) {
        postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            postgres.close();
          } catch (IOException ignored) {
            // the JVM is exiting anyway
          }
        }));
      }
      String name = "quorate_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
      try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
      return new DatabaseUrl("localhost", postgres.getPort(), name, "postgres", "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
