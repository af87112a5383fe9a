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
 * The embedded PostgreSQL running on a data directory, found the way PostgreSQL's own tools find
 * it: {@code postmaster.pid} names the postmaster (line 1) and its port (line 4). A file whose
 * process is gone, or is no longer {@code postgres}, was left by a crash and means nothing runs.
 */
public final class RunningCluster {
  private static final int PORT_LINE = 3;

  private RunningCluster() {}

  /** Whether the directory holds a cluster at all (initdb writes {@code PG_VERSION} first). */
  public static boolean exists(Path dataDir) {
    return Files.isRegularFile(pgData(dataDir).resolve("PG_VERSION"));
  }

  /** How to reach the cluster's postmaster, if one runs (normally the running Quorate's). */
  public static Optional<DatabaseUrl> find(Path dataDir) {
    Path pgData = pgData(dataDir);
    return PostmasterPidFile.read(pgData)
        .flatMap(PostmasterPidFile::runningPostmaster)
        .flatMap(postmaster -> port(pgData))
        .map(port -> new DatabaseUrl("localhost", port, "postgres", "postgres", ""));
  }

  private static Optional<Integer> port(Path pgData) {
    try {
      List<String> lines = Files.readAllLines(pgData.resolve(PostmasterPidFile.FILE_NAME), StandardCharsets.UTF_8);
      // PostgreSQL writes the file in steps while it starts; without the port it is not ready yet.
      return lines.size() > PORT_LINE ? Optional.of(Integer.parseInt(lines.get(PORT_LINE).trim())) : Optional.empty();
    } catch (NoSuchFileException | NumberFormatException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Path pgData(Path dataDir) {
    return dataDir.resolve("postgres");
  }
}
