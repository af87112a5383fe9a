package org.quorate.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real shaded jar in its own JVM, as an operator runs it: {@code java -jar quorate-server.jar
 * ...}. Captures stdout and stderr line by line and times the start to the listening line.
 */
public final class ServerProcess implements AutoCloseable {
  public static final Pattern LISTENING = Pattern.compile("Quorate listening on http://([^:/]+):(\\d+)");
  private static final Pattern EMBEDDED_PORT = Pattern.compile("embedded PostgreSQL on port (\\d+)");

  private final Process process;
  private final long startedAt;
  private final List<String> stdout = new CopyOnWriteArrayList<>();
  private final List<String> stderr = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Matcher> listening = new CompletableFuture<>();
  private final Thread stdoutReader;
  private final Thread stderrReader;
  private volatile long listeningAt;

  private ServerProcess(List<String> args, Path workDir) {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", jar().toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    // The machine's own QUORATE_* settings must not leak into what a test asserts.
    builder.environment().keySet().removeIf(k -> k.startsWith("QUORATE_"));
    startedAt = System.nanoTime();
    try {
      process = builder.start();
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    stdoutReader = drain(process.getInputStream(), stdout, "stdout", line -> {
      Matcher m = LISTENING.matcher(line);
      if (m.matches() && !listening.isDone()) {
        listeningAt = System.nanoTime();
        listening.complete(m);
      }
    }, () -> listening.completeExceptionally(new IllegalStateException("the server closed stdout without listening")));
    stderrReader = drain(process.getErrorStream(), stderr, "stderr", line -> {}, () -> {});
  }

  /** Starts the jar with these options, in {@code workDir} as its working directory. */
  public static ServerProcess start(Path workDir, String... args) {
    return new ServerProcess(List.of(args), workDir);
  }

  /** Runs the jar to its end, for options that must make it exit at once. */
  public static Exited run(Path workDir, Duration timeout, String... args) {
    try (ServerProcess p = new ServerProcess(List.of(args), workDir)) {
      int code = p.awaitExit(timeout);
      return new Exited(code, p.stdout(), p.stderr());
    }
  }

  public record Exited(int exitCode, List<String> stdout, List<String> stderr) {}

  /** Waits for the one listening line; fails with the server's stderr if it never comes. */
  public ServerProcess awaitListening(Duration timeout) {
    try {
      listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return this;
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("no listening line within " + timeout + "; stderr:\n" + String.join("\n", stderr), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Duration startToListening() {
    return Duration.ofNanos(listeningAt - startedAt);
  }

  public String host() {
    return listening.join().group(1);
  }

  public int port() {
    return Integer.parseInt(listening.join().group(2));
  }

  public String baseUrl() {
    return "http://" + host() + ":" + port();
  }

  /** The port of the embedded PostgreSQL, as the server logged it. */
  public int embeddedPostgresPort() {
    for (String line : stderr) {
      Matcher m = EMBEDDED_PORT.matcher(line);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    throw new AssertionError("the server did not log its embedded PostgreSQL port; stderr:\n" + String.join("\n", stderr));
  }

  public long pid() {
    return process.pid();
  }

  /** Sends SIGTERM, as {@code kill} or a service manager would, and returns the exit code. */
  public int terminate(Duration timeout) {
    // Through the handle: Process.destroy() would also close our end of stdout and stderr, losing
    // what the server says while it shuts down.
    process.toHandle().destroy();
    return awaitExit(timeout);
  }

  /** Kills the JVM with SIGKILL, as the OOM killer or {@code kill -9} would: no shutdown hook runs. */
  public void kill() {
    process.toHandle().destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
  }

  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the server did not exit within " + timeout + "; stderr:\n" + String.join("\n", stderr));
      }
      stdoutReader.join(timeout.toMillis());
      stderrReader.join(timeout.toMillis());
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public List<String> stdout() {
    return List.copyOf(stdout);
  }

  public List<String> stderr() {
    return List.copyOf(stderr);
  }

  /** Never leaves a server (or its PostgreSQL) behind, even when a test failed half way. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  static Path jar() {
    Path jar = Path.of("target", "quorate-server.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError(jar + " is missing: process tests run in failsafe's integration-test phase, after package");
    }
    return jar;
  }

  /** The same {@code java} that runs the tests, so the jar runs on the JDK the build checked. */
  static String java() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private static Thread drain(InputStream in, List<String> into, String name, Consumer<String> onLine, Runnable atEnd) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          into.add(line);
          onLine.accept(line);
        }
      } catch (IOException e) {
        into.add("[reading " + name + " failed: " + e + "]");
      }
      atEnd.run();
    }, "server-process-" + name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
