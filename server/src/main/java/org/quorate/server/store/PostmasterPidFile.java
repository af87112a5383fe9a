package org.quorate.server.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The cluster's {@code postmaster.pid}, written by PostgreSQL while it runs: its first line is the
 * postmaster's pid. PostgreSQL leaves it behind when it is killed and checks it (and the shared
 * memory it names) itself at the next start, so we never delete it for a postmaster that is gone.
 */
record PostmasterPidFile(Path file, long pid) {
  static final String FILE_NAME = "postmaster.pid";

  static Optional<PostmasterPidFile> read(Path pgData) {
    Path file = pgData.resolve(FILE_NAME);
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty() || lines.get(0).isBlank()) {
        return Optional.empty();
      }
      return Optional.of(new PostmasterPidFile(file, Long.parseLong(lines.get(0).trim())));
    } catch (NoSuchFileException | NumberFormatException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The postmaster, if that pid still runs a {@code postgres} executable. */
  Optional<ProcessHandle> runningPostmaster() {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(PostmasterPidFile::isPostgres);
  }

  /** Whether the pid is taken by some other program (the pid was reused after PostgreSQL died). */
  boolean pidTakenByAnotherProgram() {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> !isPostgres(h)).isPresent();
  }

  static boolean isPostgres(ProcessHandle h) {
    return h.info().command().map(c -> Path.of(c).getFileName().toString().equals("postgres")).orElse(false);
  }
}
