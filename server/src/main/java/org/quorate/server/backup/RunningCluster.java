package org.quorate.server.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.quorate.server.config.DatabaseUrl;

/**
 * The embedded PostgreSQL a running Quorate owns on a data directory, found through the
 * {@code postmaster.pid} PostgreSQL writes: line 1 is its process id, line 4 its port.
 */
final class RunningCluster {
  private RunningCluster() {}

  static Optional<DatabaseUrl> on(Path dataDir) {
    Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
    List<String> lines;
    try {
      lines = Files.readAllLines(pidFile);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (lines.size() < 4) {
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(lines.get(0).trim());
      int port = Integer.parseInt(lines.get(3).trim());
      // A file left by a crash names a process that is gone (or someone else's): not a cluster to ask.
      boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      return alive ? Optional.of(new DatabaseUrl("localhost", port, "postgres", "postgres", "")) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
