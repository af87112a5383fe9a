package org.quorate.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small blocking helpers for the orchestration thread: processes, HTTP, waiting. */
public final class Bench {
  private Bench() {}

  static <T> T await(CompletableFuture<T> f) {
    try {
      return f.get(30, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException(e.getCause() == null ? e : e.getCause());
    }
  }

  static <T> T await(Future<T> f) {
    return await(f.toCompletionStage().toCompletableFuture());
  }

  static void sleepMillis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sleeps until {@link Load#now()} reaches {@code t}. */
  static void sleepUntil(long t) {
    long left;
    while ((left = t - Load.now()) > 0) {
      sleepMillis(Math.max(1, left / 1_000_000));
    }
  }

  static void log(String s) {
    System.out.printf("[bench %tT] %s%n", System.currentTimeMillis(), s);
    System.out.flush();
  }

  /** A child process pinned to one CPU, whose first matching stdout line gives its port. */
  public record Child(Process process, int port) {
    long pid() {
      return process.pid();
    }

    void stop() {
      CHILDREN.remove(process);
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Children still running; stopped by a shutdown hook if the bench is interrupted (Ctrl-C). */
  static final List<Process> CHILDREN = new java.util.concurrent.CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> CHILDREN.forEach(p -> {
      p.destroy();
      try {
        p.waitFor(20, TimeUnit.SECONDS);
      } catch (InterruptedException ignored) {
        // exiting anyway
      }
    })));
  }

  static Child start(List<String> command, Pattern ready, Path log, int timeoutSeconds) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process p = pb.start();
    CHILDREN.add(p);
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          Matcher m = ready.matcher(line);
          if (!port.isDone() && m.find()) {
            port.complete(Integer.parseInt(m.group(1)));
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
      port.completeExceptionally(new IllegalStateException(command.get(0) + " ended before it was ready; see " + log));
    }, "stdout-" + p.pid());
    reader.setDaemon(true);
    reader.start();
    try {
      return new Child(p, port.get(timeoutSeconds, TimeUnit.SECONDS));
    } catch (Exception e) {
      p.destroyForcibly();
      throw new IllegalStateException("not ready within " + timeoutSeconds + " s: " + String.join(" ", command)
          + " (see " + log + ")", e);
    }
  }

  /** Runs a command to completion and returns its standard output (stderr merged). */
  static String run(List<String> command, int timeoutSeconds) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
        try {
          return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          return "";
        }
      });
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      return out.get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      return "failed: " + e;
    }
  }

  static List<String> pinned(int cpu, String... command) {
    List<String> l = new ArrayList<>(List.of("taskset", "-c", Integer.toString(cpu)));
    l.addAll(List.of(command));
    return l;
  }

  /** One HTTP exchange: status and body. */
  public record Reply(int status, String body) {}

  static Future<Reply> http(HttpClient client, int port, HttpMethod method, String path, String token, String body) {
    RequestOptions o = new RequestOptions().setHost("127.0.0.1").setPort(port).setMethod(method).setURI(path);
    if (token != null) {
      o.addHeader("Authorization", "Bearer " + token);
    }
    if (body != null) {
      o.addHeader("Content-Type", "application/json");
    }
    return client.request(o).compose(req -> body == null ? req.send() : req.send(Buffer.buffer(body)))
        .compose(res -> res.body().map(b -> new Reply(res.statusCode(), b.toString())));
  }

  static Reply httpBlocking(Vertx vertx, HttpClient client, int port, HttpMethod method, String path, String token,
      String body) {
    return await(http(client, port, method, path, token, body));
  }

  static String read(File f) {
    try {
      return Files.readString(f.toPath());
    } catch (IOException e) {
      return "";
    }
  }
}
