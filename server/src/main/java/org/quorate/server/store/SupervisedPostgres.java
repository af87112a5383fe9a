package org.quorate.server.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.quorate.server.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL under {@code DATA_DIR/postgres}, owned by one Quorate at a time (see
 * {@link DataDirectoryLock}). At start it stops a postmaster a crashed Quorate left running; while
 * Quorate runs it restarts the postmaster, with backoff and on the same port, whenever it dies, so
 * the pool reconnects and clients carry on without signing in again.
 */
final class SupervisedPostgres implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SupervisedPostgres.class);
  /** The library tunes for throwaway test clusters (fsync off); this one holds real data. */
  private static final Map<String, String> SERVER_CONFIG = serverConfig();
  private static final Duration FIRST_RETRY = Duration.ofMillis(500);
  private static final Duration MAX_RETRY = Duration.ofSeconds(10);
  private static final Duration STOP_LEFTOVER = Duration.ofSeconds(60);

  private final Path dataDir;
  private final Path pgData;
  private final int port;
  private final DataDirectoryLock lock;
  private final EmbeddedPostgres postgres;
  private final Path pgCtl;
  private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "quorate-postgres-supervisor");
    t.setDaemon(true);
    return t;
  });
  private final AtomicLong restarts = new AtomicLong();
  private volatile ProcessHandle postmaster;
  private volatile boolean closing;

  private SupervisedPostgres(Path dataDir, int port, DataDirectoryLock lock, EmbeddedPostgres postgres, ProcessHandle postmaster) {
    this.dataDir = dataDir;
    this.pgData = dataDir.resolve("postgres");
    this.port = port;
    this.lock = lock;
    this.postgres = postgres;
    this.pgCtl = Path.of(postmaster.info().command().orElseThrow()).resolveSibling("pg_ctl");
    watch(postmaster);
  }

  /** Blocking; throws {@link ConfigException} (exit 2) when the directory is in use or PostgreSQL cannot start. */
  static SupervisedPostgres start(Path dataDir) {
    Path pgData = dataDir.resolve("postgres");
    DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
    try {
      Files.createDirectories(pgData);
      stopLeftover(pgData);
      int port = freePort();
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(pgData)
          .setCleanDataDirectory(false)
          .setPort(port)
          // QuorateServer stops us after Vert.x, so in-flight work can still reach the store.
          .setRegisterShutdownHook(false);
      SERVER_CONFIG.forEach(builder::setServerConfig);
      EmbeddedPostgres pg = builder.start();
      ProcessHandle postmaster = PostmasterPidFile.read(pgData).flatMap(PostmasterPidFile::runningPostmaster)
          .orElseThrow(() -> new IOException("PostgreSQL started but its postmaster.pid names no running postgres"));
      return new SupervisedPostgres(dataDir, port, lock, pg, postmaster);
    } catch (IOException | RuntimeException e) {
      lock.close();
      if (e instanceof ConfigException c) {
        throw c;
      }
      throw new ConfigException("cannot start embedded PostgreSQL in " + pgData + ": " + DatabaseServer.rootMessage(e));
    }
  }

  int port() {
    return port;
  }

  long restarts() {
    return restarts.get();
  }

  /**
   * A postmaster still running on our cluster while we hold the data directory's lock was left by
   * a Quorate that ended without stopping it (kill -9, OOM killer): stop it cleanly (fast shutdown:
   * open transactions roll back, then a checkpoint), so we start on a consistent cluster.
   */
  private static void stopLeftover(Path pgData) throws IOException {
    PostmasterPidFile pidFile = PostmasterPidFile.read(pgData).orElse(null);
    if (pidFile == null) {
      return;
    }
    ProcessHandle leftover = pidFile.runningPostmaster().orElse(null);
    if (leftover == null) {
      if (pidFile.pidTakenByAnotherProgram()) {
        LOG.warn("removing stale {}: its PostgreSQL (pid {}) is gone and another program now has that pid", pidFile.file(),
            pidFile.pid());
        Files.deleteIfExists(pidFile.file());
      } else {
        LOG.info("stale {} of a PostgreSQL (pid {}) that is gone: PostgreSQL checks it and recovers the cluster on start",
            pidFile.file(), pidFile.pid());
      }
      return;
    }
    LOG.warn("PostgreSQL (pid {}) is still running on {}, left behind by a Quorate that did not stop cleanly; stopping it"
        + " before starting", leftover.pid(), pgData);
    long started = System.nanoTime();
    Path pgCtl = leftover.info().command().map(c -> Path.of(c).resolveSibling("pg_ctl")).orElse(null);
    boolean asked = pgCtl != null && Files.isExecutable(pgCtl)
        && run(List.of(pgCtl.toString(), "-D", pgData.toString(), "stop", "-m", "fast", "-w", "-t", "50"), STOP_LEFTOVER).ok();
    if (!asked) {
      leftover.destroy();
    }
    try {
      leftover.onExit().get(STOP_LEFTOVER.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      throw new ConfigException("the PostgreSQL (pid " + leftover.pid() + ") left running on " + pgData
          + " did not stop within " + STOP_LEFTOVER.toSeconds() + " s; stop it, then start Quorate again");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping the leftover PostgreSQL", e);
    }
    LOG.warn("stopped the leftover PostgreSQL (pid {}) in {} ms; starting our own on the same cluster", leftover.pid(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  private void watch(ProcessHandle pm) {
    postmaster = pm;
    pm.onExit().thenRun(() -> {
      if (!closing && postmaster == pm) {
        LOG.error("embedded PostgreSQL (pid {}) stopped unexpectedly; restarting it on port {}", pm.pid(), port);
        schedule(0, System.nanoTime());
      }
    });
  }

  private void schedule(int attempt, long outageStarted) {
    if (closing) {
      return;
    }
    long delay = Math.min(MAX_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(attempt, 10));
    try {
      supervisor.schedule(() -> restart(attempt, outageStarted), delay, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // Quorate is stopping.
    }
  }

  private synchronized void restart(int attempt, long outageStarted) {
    if (closing) {
      return;
    }
    // A postmaster an earlier attempt started but gave up waiting for: keep it.
    ProcessHandle already = PostmasterPidFile.read(pgData).flatMap(PostmasterPidFile::runningPostmaster).orElse(null);
    Result result = already != null ? new Result(true, "") : run(startCommand(), Duration.ofSeconds(70));
    ProcessHandle pm = already != null ? already
        : PostmasterPidFile.read(pgData).flatMap(PostmasterPidFile::runningPostmaster).orElse(null);
    if (result.ok() && pm != null) {
      long n = restarts.incrementAndGet();
      LOG.warn("embedded PostgreSQL restarted (pid {}, port {}) {} ms after it stopped; automatic restart number {}", pm.pid(),
          port, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - outageStarted), n);
      watch(pm);
      return;
    }
    long next = Math.min(MAX_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(attempt + 1, 10));
    LOG.warn("embedded PostgreSQL did not restart (attempt {}): {}; trying again in {} ms", attempt + 1,
        result.output().isBlank() ? "no running postmaster" : result.output().strip().replace('\n', ' '), next);
    schedule(attempt + 1, outageStarted);
  }

  /** The same options the first start used, and the server's log in {@code DATA_DIR/postgres.log}. */
  private List<String> startCommand() {
    StringBuilder options = new StringBuilder("-p " + port + " -F");
    SERVER_CONFIG.forEach((k, v) -> options.append(" -c ").append(k).append('=').append(v));
    return List.of(pgCtl.toString(), "-D", pgData.toString(), "-o", options.toString(), "-l",
        dataDir.resolve("postgres.log").toString(), "-w", "-t", "60", "start");
  }

  @Override
  public void close() {
    closing = true;
    supervisor.shutdownNow();
    synchronized (this) {
      // waits for a restart in progress, so the stop below finds its postmaster
    }
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.warn("embedded PostgreSQL did not stop cleanly", e);
    } finally {
      lock.close();
    }
  }

  private record Result(boolean ok, String output) {}

  private static Result run(List<String> command, Duration timeout) {
    List<String> full = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      // As the library does for its own commands: pg_ctl refuses to run as root, so root runs it
      // in a user namespace where it is not.
      full.addAll(List.of("unshare", "-U"));
    }
    full.addAll(command);
    try {
      Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
      p.getOutputStream().close();
      boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        p.destroyForcibly();
        return new Result(false, command.get(0) + " did not finish within " + timeout.toSeconds() + " s");
      }
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(p.exitValue() == 0, output);
    } catch (IOException e) {
      return new Result(false, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(false, "interrupted");
    }
  }

  private static Map<String, String> serverConfig() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("fsync", "on");
    config.put("synchronous_commit", "on");
    config.put("timezone", "UTC");
    config.put("max_connections", "300");
    return config;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
