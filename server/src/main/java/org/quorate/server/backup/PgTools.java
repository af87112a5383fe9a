package org.quorate.server.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.quorate.server.config.ConfigException;
import org.quorate.server.config.DatabaseUrl;

/**
 * PostgreSQL's own {@code pg_dump} and {@code pg_restore}, found on the machine. The embedded
 * bundle carries only {@code initdb}, {@code pg_ctl} and {@code postgres}, so these come from the
 * operator's client tools (Debian: {@code postgresql-client}); any major version from 14 on reads
 * and writes the embedded PostgreSQL 14.
 */
final class PgTools {
  static final int OLDEST_MAJOR = 14;
  private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

  private final Path pgDump;
  private final Path pgRestore;

  private PgTools(Path pgDump, Path pgRestore) {
    this.pgDump = pgDump;
    this.pgRestore = pgRestore;
  }

  /**
   * The newest tools: {@code QUORATE_PG_BIN} if set, else Debian's {@code /usr/lib/postgresql/N/bin},
   * else {@code PATH}.
   */
  static PgTools find(String pgBinOverride) {
    List<Path> candidates = new ArrayList<>();
    if (pgBinOverride != null && !pgBinOverride.isBlank()) {
      candidates.add(Path.of(pgBinOverride));
    } else {
      candidates.addAll(debianBinDirs());
      for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
        if (!dir.isBlank()) {
          candidates.add(Path.of(dir));
        }
      }
    }
    for (Path dir : candidates) {
      Path dump = dir.resolve("pg_dump");
      Path restore = dir.resolve("pg_restore");
      if (Files.isExecutable(dump) && Files.isExecutable(restore)) {
        int major = majorVersion(dump);
        if (major >= OLDEST_MAJOR) {
          return new PgTools(dump, restore);
        }
      }
    }
    throw new ConfigException("no pg_dump/pg_restore " + OLDEST_MAJOR + " or newer found"
        + (pgBinOverride == null || pgBinOverride.isBlank() ? " on PATH" : " in " + pgBinOverride)
        + "; install PostgreSQL's client tools (Debian: apt-get install postgresql-client)"
        + " or set QUORATE_PG_BIN to their directory");
  }

  private static List<Path> debianBinDirs() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> d.getFileName().toString().matches("\\d+"))
          .sorted(Comparator.comparingInt((Path d) -> Integer.parseInt(d.getFileName().toString())).reversed())
          .map(d -> d.resolve("bin"))
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static int majorVersion(Path tool) {
    try {
      Process p = new ProcessBuilder(tool.toString(), "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor();
      Matcher m = VERSION.matcher(out);
      return m.find() ? Integer.parseInt(m.group(1)) : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * Custom format (compressed, restorable table by table). pg_dump reads everything in one
   * repeatable-read snapshot, so a running server may keep writing meanwhile.
   */
  void dump(DatabaseUrl db, Path out) {
    run(db, List.of(pgDump.toString(), "--format=custom", "--no-owner", "--no-privileges",
        "--file=" + out, "--dbname=" + db.database()));
  }

  /** Into an empty database, in one transaction: a failure leaves nothing half restored. */
  void restore(DatabaseUrl db, Path in) {
    run(db, List.of(pgRestore.toString(), "--exit-on-error", "--single-transaction", "--no-owner",
        "--no-privileges", "--dbname=" + db.database(), in.toString()));
  }

  private static void run(DatabaseUrl db, List<String> command) {
    List<String> full = new ArrayList<>(command);
    full.addAll(1, List.of("--host=" + db.host(), "--port=" + db.port(), "--username=" + db.user(), "--no-password"));
    ProcessBuilder builder = new ProcessBuilder(full).inheritIO();
    // The password travels in the environment, never on a command line another user could list.
    builder.environment().put("PGPASSWORD", db.password());
    try {
      int code = builder.start().waitFor();
      if (code != 0) {
        throw new ConfigException(Path.of(command.get(0)).getFileName() + " failed with exit code " + code);
      }
    } catch (IOException e) {
      throw new ConfigException("cannot run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigException("interrupted while running " + command.get(0));
    }
  }
}
