package org.quorate.server.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.quorate.server.config.DatabaseUrl;

/**
 * The embedded PostgreSQL a running Quorate owns on a data directory, found the way PostgreSQL's
 * own tools find it: {@code postmaster.pid} names the postmaster (line 1) and its port (line 4).
 * A file whose process is gone, or is no longer {@code postgres}, was left by a crash and means
 * nothing is running.
 */
public final class RunningCluster {
  private static final int PID_LINE = 0;
  private static final int PORT_LINE = 3;

  private RunningCluster() {}

  /** Whether the directory holds a cluster at all (initdb writes {@code PG_VERSION} first). */
  public static boolean exists(Path dataDir) {
    return Files.isRegularFile(pgData(dataDir).resolve("PG_VERSION"));
  }

  /** How to reach the cluster's running postmaster, if one runs. */
  public static Optional<DatabaseUrl> find(Path dataDir) {
    List<String> lines;
    try {
      lines = Files.readAllLines(pgData(dataDir).resolve("postmaster.pid"), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    if (lines.size() <= PORT_LINE) {
      // PostgreSQL writes the file in steps while it starts; not yet a server to talk to.
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(lines.get(PID_LINE).trim());
      int port = Integer.parseInt(lines.get(PORT_LINE).trim());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(RunningCluster::isPostgres)
          .map(h -> new DatabaseUrl("localhost", port, "postgres", "postgres", ""));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  static Path pgData(Path dataDir) {
    return dataDir.resolve("postgres");
  }

  private static boolean isPostgres(ProcessHandle h) {
    // Without a command (another user's process, some containers) trust the pid file, as pg_ctl does.
    return h.info().command().map(c -> Path.of(c).getFileName().toString().equals("postgres")).orElse(true);
  }
}
