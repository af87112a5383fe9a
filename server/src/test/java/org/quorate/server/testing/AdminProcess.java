package org.quorate.server.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.quorate.server.config.DatabaseUrl;

/** {@code java -jar quorate-server.jar admin ...} run to its end, as an operator types it. */
public final class AdminProcess {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private AdminProcess() {}

  public record Result(int exitCode, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  public static Result run(Path workDir, String... args) {
    return runWithInput(workDir, "", args);
  }

  /** Runs with {@code input} on standard input. */
  public static Result runWithInput(Path workDir, String input, String... args) {
    List<String> command = new ArrayList<>(List.of(ServerProcess.java(), "-jar", ServerProcess.jar().toString(), "admin"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("QUORATE_"));
    // As the test servers: hashing at the production work factor only slows the tests down.
    builder.environment().put("QUORATE_PASSWORD_ITERATIONS", "1000");
    Path out = workDir.resolve("admin-" + System.nanoTime() + ".out");
    Path err = workDir.resolve("admin-" + System.nanoTime() + ".err");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    try {
      Process p = builder.start();
      try (OutputStream stdin = p.getOutputStream()) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
      if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("admin " + String.join(" ", args) + " did not end within " + TIMEOUT);
      }
      return new Result(p.exitValue(), java.nio.file.Files.readString(out), java.nio.file.Files.readString(err));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The {@code --db-url} an operator would give for this database. */
  public static String dbUrl(DatabaseUrl db) {
    return "postgresql://" + db.user() + (db.password().isEmpty() ? "" : ":" + db.password()) + "@" + db.host() + ":"
        + db.port() + "/" + db.database();
  }
}
