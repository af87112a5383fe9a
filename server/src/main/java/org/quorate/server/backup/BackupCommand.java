package org.quorate.server.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.quorate.server.config.ConfigException;
import org.quorate.server.config.DatabaseUrl;
import org.quorate.server.store.DatabaseServer;

/**
 * {@code backup --data-dir DIR | --db-url URL --out FILE} and {@code restore --data-dir EMPTY_DIR |
 * --db-url URL --in FILE}: a pg_dump custom-format archive of the whole store, taken while the
 * server runs, and its restore into a fresh store that the server then starts on as usual.
 */
public final class BackupCommand {
  private final boolean backup;
  private final Path dataDir;
  private final Optional<DatabaseUrl> databaseUrl;
  private final Path file;
  private final String pgBin;

  private BackupCommand(boolean backup, Path dataDir, Optional<DatabaseUrl> databaseUrl, Path file, String pgBin) {
    this.backup = backup;
    this.dataDir = dataDir;
    this.databaseUrl = databaseUrl;
    this.file = file;
    this.pgBin = pgBin;
  }

  public static boolean handles(String[] args) {
    return args.length > 0 && (args[0].equals("backup") || args[0].equals("restore"));
  }

  /** Runs the command; returns the process exit code (0 done, 2 bad options or failure). */
  public static int run(String[] args, Map<String, String> env) {
    try {
      parse(args, env).execute();
      return 0;
    } catch (ConfigException e) {
      System.err.println("quorate " + args[0] + ": " + e.getMessage());
      return 2;
    }
  }

  static BackupCommand parse(String[] args, Map<String, String> env) {
    boolean backup = args[0].equals("backup");
    String fileOption = backup ? "--out" : "--in";
    String dataDir = env.getOrDefault("QUORATE_DATA_DIR", "./data");
    String dbUrl = env.get("QUORATE_DB_URL");
    String file = null;
    for (int i = 1; i < args.length; i++) {
      String option = args[i];
      if (i + 1 >= args.length) {
        throw new ConfigException(option + " needs a value");
      }
      String value = args[++i];
      switch (option) {
        case "--data-dir" -> dataDir = value;
        case "--db-url" -> dbUrl = value;
        default -> {
          if (!option.equals(fileOption)) {
            throw new ConfigException("unknown option " + option + "; use " + fileOption + " FILE and --data-dir DIR or --db-url URL");
          }
          file = value;
        }
      }
    }
    if (file == null) {
      throw new ConfigException(fileOption + " FILE is required");
    }
    Optional<DatabaseUrl> url = dbUrl == null || dbUrl.isBlank() ? Optional.empty() : Optional.of(DatabaseUrl.parse(dbUrl));
    return new BackupCommand(backup, Path.of(dataDir), url, Path.of(file), env.get("QUORATE_PG_BIN"));
  }

  private void execute() {
    PgTools tools = PgTools.find(pgBin);
    long started = System.nanoTime();
    if (backup) {
      backUp(tools);
      System.out.printf("backed up to %s (%d bytes) in %d ms%n", file, size(file), elapsedMs(started));
    } else {
      restore(tools);
      System.out.printf("restored %s into %s in %d ms%n", file,
          databaseUrl.map(Object::toString).orElse(dataDir.toString()), elapsedMs(started));
    }
  }

  /** Dumps beside the target and renames on success: a failed run never leaves a half archive as FILE. */
  private void backUp(PgTools tools) {
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    try {
      dumpTo(tools, partial);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new ConfigException("cannot write " + file + ": " + e.getMessage());
    } finally {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException ignored) {
        // Only a leftover to tidy; the outcome is already decided.
      }
    }
  }

  private void dumpTo(PgTools tools, Path out) {
    if (databaseUrl.isPresent()) {
      tools.dump(databaseUrl.get(), out);
      return;
    }
    Optional<DatabaseUrl> running = RunningCluster.on(dataDir);
    if (running.isPresent()) {
      tools.dump(running.get(), out);
      return;
    }
    if (!Files.isDirectory(dataDir.resolve("postgres"))) {
      throw new ConfigException("no Quorate store in " + dataDir + " (no postgres directory)");
    }
    // Stopped: start the cluster just long enough to dump it, as the server would.
    try (DatabaseServer db = DatabaseServer.embedded(dataDir)) {
      tools.dump(db.url(), out);
    }
  }

  private void restore(PgTools tools) {
    if (!Files.isReadable(file)) {
      throw new ConfigException("cannot read " + file);
    }
    if (databaseUrl.isPresent()) {
      requireNoTables(databaseUrl.get());
      tools.restore(databaseUrl.get(), file);
      return;
    }
    if (!isEmpty(dataDir)) {
      throw new ConfigException(dataDir + " is not empty; restore only into an empty or new data directory");
    }
    // A fresh cluster initialised exactly as the server initialises one; the archive brings the
    // schema, the data and Flyway's history, so the next start migrates only what is newer.
    try (DatabaseServer db = DatabaseServer.embedded(dataDir)) {
      tools.restore(db.url(), file);
    }
  }

  private static void requireNoTables(DatabaseUrl db) {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        ResultSet r = c.createStatement().executeQuery(
            "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")) {
      r.next();
      if (r.getLong(1) > 0) {
        throw new ConfigException(db + " already has tables; restore only into an empty database");
      }
    } catch (SQLException e) {
      throw new ConfigException("cannot connect to " + db + ": " + e.getMessage());
    }
  }

  private static boolean isEmpty(Path dir) {
    if (!Files.exists(dir)) {
      return true;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new ConfigException("cannot read " + dir + ": " + e.getMessage());
    }
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      return -1;
    }
  }

  private static long elapsedMs(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }
}
