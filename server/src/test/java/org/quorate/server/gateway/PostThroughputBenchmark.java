package org.quorate.server.gateway;

import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.quorate.protocol.ClientCommand;
import org.quorate.protocol.ServerEvent;
import org.quorate.server.Features;
import org.quorate.server.auth.Principal;
import org.quorate.server.rooms.RoomService;
import org.quorate.server.testing.TestServer;

/**
 * Not a test: durable posts per second through the command handlers (the write path without the
 * WebSocket framing, whose per-connection rate limit would otherwise be what is measured). 32
 * closed-loop clients post 100-byte bodies to every room their user may post in, each waiting for
 * its ack (sent only after commit); then an open-loop run at half that rate measures p99
 * post→ack from the scheduled send time.
 *
 * <p>Run: {@code java -cp "$(cat server/target/test-classpath.txt):server/target/classes:server/target/test-classes"
 * org.quorate.server.gateway.PostThroughputBenchmark [clients] [seconds]}
 */
public final class PostThroughputBenchmark {
  static final List<String> USERS = List.of("alice", "arthur", "kate", "bella", "eric", "penny", "gary", "callum", "oscar",
      "dcc", "connie", "chair", "secas");
  static final String BODY = "x".repeat(100);

  record Client(Principal user, List<Long> rooms) {}

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 32;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    try (TestServer server = TestServer.startWithDemoData()) {
      Features f = server.server().features();
      List<Client> all = new ArrayList<>();
      for (String u : USERS) {
        Principal p = f.auth().principalOf(server.userId(u)).await();
        List<Long> rooms = f.rooms().list(p).await().stream().filter(RoomService.RoomSummary::canPost)
            .map(RoomService.RoomSummary::id).toList();
        if (!rooms.isEmpty()) {
          all.add(new Client(p, rooms));
        }
      }
      Context ctx = server.server().vertx().getOrCreateContext();
      closedLoop(f, ctx, all, clients, 3); // warm-up
      double max = closedLoop(f, ctx, all, clients, seconds);
      Histogram half = openLoop(f, ctx, all, (int) (max / 2), seconds);
      System.out.printf("closed loop, %d clients: %.0f posts/s%n", clients, max);
      System.out.printf("open loop at %d posts/s: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d acks)%n", (int) (max / 2),
          half.getValueAtPercentile(50) / 1000.0, half.getValueAtPercentile(99) / 1000.0, half.getMaxValue() / 1000.0,
          half.getTotalCount());
    }
    System.exit(0);
  }

  static final AtomicLong IDS = new AtomicLong();

  static io.vertx.core.Future<?> post(Features f, Client c, long n) {
    long room = c.rooms().get((int) (n % c.rooms().size()));
    Connection conn = new Connection() {
      @Override
      public Principal principal() {
        return c.user();
      }

      @Override
      public void send(ServerEvent event) {}
    };
    return f.commands().handle(conn, new ClientCommand.PostMessage("b" + IDS.incrementAndGet(), room, BODY, null, List.of()));
  }

  static double closedLoop(Features f, Context ctx, List<Client> all, int clients, int seconds) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong acks = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    CountDownLatch done = new CountDownLatch(clients);
    for (int i = 0; i < clients; i++) {
      Client c = all.get(i % all.size());
      long start = i;
      ctx.runOnContext(v -> loop(f, c, start, stop, acks, errors, done));
    }
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    long n = acks.get();
    double rate = n / ((System.nanoTime() - t0) / 1e9);
    stop.set(true);
    done.await(30, TimeUnit.SECONDS);
    if (errors.get() > 0) {
      System.out.println("errors: " + errors.get());
    }
    return rate;
  }

  static void loop(Features f, Client c, long n, AtomicBoolean stop, AtomicLong acks, AtomicLong errors, CountDownLatch done) {
    if (stop.get()) {
      done.countDown();
      return;
    }
    post(f, c, n).onComplete(ar -> {
      if (ar.succeeded()) {
        acks.incrementAndGet();
      } else {
        errors.incrementAndGet();
      }
      loop(f, c, n + 1, stop, acks, errors, done);
    });
  }

  static Histogram openLoop(Features f, Context ctx, List<Client> all, int rate, int seconds) throws Exception {
    Histogram h = new ConcurrentHistogram(60_000_000L, 3);
    long total = (long) rate * seconds;
    CountDownLatch done = new CountDownLatch((int) total);
    long t0 = System.nanoTime();
    AtomicLong sent = new AtomicLong();
    ctx.runOnContext(v -> ctx.owner().setPeriodic(1, id -> {
      long due = Math.min(total, (System.nanoTime() - t0) * rate / 1_000_000_000L);
      while (sent.get() < due) {
        long k = sent.getAndIncrement();
        long scheduled = t0 + k * 1_000_000_000L / rate;
        post(f, all.get((int) (k % all.size())), k / all.size()).onComplete(ar -> {
          h.recordValue(Math.max(0, (System.nanoTime() - scheduled) / 1000));
          done.countDown();
        });
      }
      if (sent.get() >= total) {
        ctx.owner().cancelTimer(id);
      }
    }));
    done.await(seconds + 60L, TimeUnit.SECONDS);
    return h;
  }
}
