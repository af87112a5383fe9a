package org.quorate.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/** The embedded PostgreSQL of a server process, seen from outside: its postmaster and its data. */
public final class EmbeddedCluster {
  private EmbeddedCluster() {}

  /** The postmaster named by {@code DATA_DIR/postgres/postmaster.pid}. */
  public static ProcessHandle postmaster(Path dataDir) {
    try {
      long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
      return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("postmaster " + pid + " is not running"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code kill -9} of the postmaster; returns once it is gone. */
  public static long killPostmaster(Path dataDir) {
    ProcessHandle postmaster = postmaster(dataDir);
    postmaster.destroyForcibly();
    try {
      postmaster.onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the postmaster did not die", e);
    }
    return postmaster.pid();
  }

  /** A JDBC connection to the server's embedded PostgreSQL, to check what is stored. */
  public static Connection connect(ServerProcess server) {
    try {
      return DriverManager.getConnection("jdbc:postgresql://localhost:" + server.embeddedPostgresPort() + "/postgres",
          "postgres", "");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
