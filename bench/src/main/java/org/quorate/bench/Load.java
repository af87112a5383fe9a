package org.quorate.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.quorate.protocol.ClientCommand;
import org.quorate.protocol.ProtocolCodec;

/**
 * The load generator: sockets speaking Quorate's protocol (the relays understand the same frames),
 * open-loop and closed-loop post runs, latency from the scheduled send time into HdrHistograms.
 * Every socket lives on the generator's single event loop, so its state needs no locks; the main
 * thread reads it through {@link #onLoop}.
 */
public final class Load {
  static final long T0 = System.nanoTime();
  static final String PAD = "x".repeat(100);

  final Vertx vertx;
  final List<WebSocketClient> clients = new ArrayList<>();
  final String host;
  /** The server's ports; socket {@code i} goes to {@code ports[i % ports.length]} (a cluster's nodes, round robin). */
  final int[] ports;
  /** How many of the pids given to {@link #run} are server JVMs (one per port); the rest are PostgreSQL. */
  final int ownRoots;
  /**
   * Command ids ({@code p<key>}, {@code s<key>}) are unique per user for the life of the server's
   * database, as the protocol requires: every workload, topology and cluster run posts as the same
   * users, and a Load per run that counted from 1 again resent ids the server had already written,
   * which it rightly answers as duplicates that write (and deliver) nothing.
   */
  private static final java.util.concurrent.atomic.AtomicLong KEYS = new java.util.concurrent.atomic.AtomicLong(1);
  Window window;
  final Map<String, Promise<String>> waiting = new HashMap<>();
  final Map<String, Integer> frameTypes = new TreeMap<>();
  /** Handler for frames the workloads look at themselves (ballots, tallies). */
  java.util.function.BiConsumer<Conn, String> extra;

  public Load(Vertx vertx, String host, int port, int localAddresses) {
    this(vertx, host, new int[] {port}, localAddresses);
  }

  public Load(Vertx vertx, String host, int[] ports, int localAddresses) {
    this.vertx = vertx;
    this.host = host;
    this.ports = ports.clone();
    this.ownRoots = ports.length;
    for (int i = 1; i <= Math.max(1, localAddresses); i++) {
      clients.add(vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)
          .setLocalAddress("127.0.0." + i).setMaxFrameSize(1 << 20).setMaxMessageSize(64 << 20)
          .setConnectTimeout(30_000)));
    }
  }

  static long now() {
    return System.nanoTime() - T0;
  }

  /** One socket: a signed-in user subscribed to one room. */
  public final class Conn {
    final int index;
    final long room;
    WebSocket ws;
    boolean paused;
    boolean closed;
    /** Diagnostics: the last room seq this socket saw live, and how often it saw one out of order. */
    long lastSeq = -1;
    int outOfOrder;

    Conn(int index, long room) {
      this.index = index;
      this.room = room;
    }

    void send(Object command) {
      ws.writeTextMessage(ProtocolCodec.encode(command));
    }
  }

  /** A post in flight: when it was due, and how many deliveries are still expected. */
  static final class Post {
    final long due;
    final boolean measured;
    int remaining;
    boolean acked;
    /** A closed-loop slot given back by the watchdog; the post is still measured when it completes. */
    boolean released;
    /** With {@code -Dbench.diag=true}: the ack, to tell a lost event from a post the server did not write. */
    String ackFrame;

    Post(long due, boolean measured, int remaining) {
      this.due = due;
      this.measured = measured;
      this.remaining = remaining;
    }
  }

  /** Counters of one measured run. */
  public static final class Window {
    long start;
    long end = Long.MAX_VALUE;
    final Histogram ack = new Histogram(TimeUnit.SECONDS.toNanos(120), 3);
    final Histogram delivery = new Histogram(TimeUnit.SECONDS.toNanos(120), 3);
    final Map<Long, Post> posts = new HashMap<>();
    final Map<String, Integer> errors = new TreeMap<>();
    long deliveriesInWindow;
    long acksInWindow;
    long sent;
    long missing;
    Runnable onComplete = () -> { };
  }

  public <T> T onLoop(Supplier<T> work) {
    CompletableFuture<T> f = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      try {
        f.complete(work.get());
      } catch (Throwable t) {
        f.completeExceptionally(t);
      }
    });
    return Bench.await(f);
  }

  /** Connects and subscribes every socket, {@code parallel} at a time, giving up at the deadline. */
  public List<Conn> connect(List<long[]> userAndRoom, Map<Integer, String> tokens, int parallel, long deadlineNanos,
      long[] connectedAt) {
    List<Conn> done = new ArrayList<>();
    CompletableFuture<Void> all = new CompletableFuture<>();
    int[] next = {0};
    int[] active = {0};
    vertx.runOnContext(v -> {
      Runnable[] pump = new Runnable[1];
      pump[0] = () -> {
        while (active[0] < parallel && next[0] < userAndRoom.size() && now() < deadlineNanos) {
          int i = next[0]++;
          active[0]++;
          long[] ur = userAndRoom.get(i);
          open((int) ur[0], ur[1], tokens.get((int) ur[0]), i).onComplete(ar -> {
            active[0]--;
            if (ar.succeeded()) {
              done.add(ar.result());
              if (connectedAt != null) {
                connectedAt[0] = now();
              }
            }
            pump[0].run();
          });
        }
        if (active[0] == 0 && (next[0] >= userAndRoom.size() || now() >= deadlineNanos)) {
          all.complete(null);
        }
      };
      pump[0].run();
      vertx.setPeriodic(200, id -> {
        if (all.isDone()) {
          vertx.cancelTimer(id);
        } else {
          pump[0].run();
        }
      });
    });
    Bench.await(all);
    return onLoop(() -> new ArrayList<>(done));
  }

  Future<Conn> open(int user, long room, String token, int i) {
    Conn c = new Conn(user, room);
    WebSocketConnectOptions o = new WebSocketConnectOptions().setHost(host).setPort(ports[i % ports.length]).setURI("/ws")
        .addHeader("Authorization", "Bearer " + token);
    return clients.get(i % clients.size()).connect(o).compose(ws -> {
      c.ws = ws;
      ws.textMessageHandler(t -> onFrame(c, t));
      ws.closeHandler(x -> c.closed = true);
      ws.exceptionHandler(x -> c.closed = true);
      if (room <= 0) {
        return Future.succeededFuture(c);
      }
      String id = "s" + KEYS.getAndIncrement();
      Promise<String> p = Promise.promise();
      waiting.put(id, p);
      c.send(new ClientCommand.Subscribe(id, room, null));
      return p.future().map(x -> c);
    });
  }

  public Future<String> request(Conn c, String id, Object command) {
    Promise<String> p = Promise.promise();
    waiting.put(id, p);
    c.send(command);
    return p.future();
  }

  void onFrame(Conn c, String t) {
    if (c.paused) {
      return;
    }
    int m = t.indexOf("bench:");
    if (m >= 0 && (t.startsWith("{\"type\":\"message_posted\"") || t.startsWith("{\"type\":\"post_message\""))) {
      delivered(c, t, m);
      return;
    }
    String type = field(t, "type");
    frameTypes.merge(type == null ? "?" : type, 1, Integer::sum);
    String id = field(t, "id");
    if (id != null && id.startsWith("p") && ("ack".equals(type) || "error".equals(type))) {
      acked(Long.parseLong(id.substring(1)), "error".equals(type) ? field(t, "code") : null, t);
      return;
    }
    if (id != null && (Promise<String>) waiting.get(id) != null) {
      Promise<String> p = waiting.remove(id);
      if ("error".equals(type)) {
        p.fail(t);
      } else {
        p.complete(t);
      }
      return;
    }
    if (extra != null) {
      extra.accept(c, t);
    }
  }

  /** Value of a top-level string or number field, by scanning (no JSON parse on the hot path). */
  static String field(String t, String name) {
    int i = t.indexOf("\"" + name + "\":");
    if (i < 0) {
      return null;
    }
    int s = i + name.length() + 3;
    if (s < t.length() && t.charAt(s) == '"') {
      int e = t.indexOf('"', s + 1);
      return e < 0 ? null : t.substring(s + 1, e);
    }
    int e = s;
    while (e < t.length() && ",}]".indexOf(t.charAt(e)) < 0) {
      e++;
    }
    String v = t.substring(s, e).trim();
    return "null".equals(v) ? null : v;
  }

  /** {@code bench/run.sh --diag}: explains every delivery still owed at the end of a run. */
  static final boolean DIAG = Boolean.getBoolean("bench.diag");

  void delivered(Conn c, String t, int m) {
    if (DIAG) {
      long seq = Long.parseLong(field(t, "seq"));
      if (c.lastSeq >= 0 && seq != c.lastSeq + 1) {
        c.outOfOrder++;
        if (c.outOfOrder <= 3) {
          Bench.log("diag: socket " + c.index + " saw seq " + seq + " after " + c.lastSeq);
        }
      }
      c.lastSeq = seq;
    }
    Window w = window;
    if (w == null) {
      return;
    }
    int a = m + 6;
    int b = t.indexOf(':', a);
    long key = Long.parseLong(t, a, b, 10);
    long now = now();
    if (now >= w.start && now < w.end) {
      w.deliveriesInWindow++;
    }
    Post p = w.posts.get(key);
    if (p == null) {
      return;
    }
    if (p.measured) {
      w.delivery.recordValue(Math.max(0, now - p.due));
    }
    if (--p.remaining <= 0 && p.acked) {
      w.posts.remove(key);
      complete(w, p);
    }
  }

  Map<Long, Long> messageIds = new HashMap<>();

  void acked(long key, String error, String t) {
    Window w = window;
    if (w == null) {
      return;
    }
    long now = now();
    Post p = w.posts.get(key);
    if (error != null) {
      w.errors.merge(error, 1, Integer::sum);
      if (p != null) {
        w.posts.remove(key);
        complete(w, p);
      }
      return;
    }
    if (p != null && "true".equals(field(t, "duplicate"))) {
      // This post was sent once: an ack for an earlier command with its id writes and delivers nothing.
      w.errors.merge("duplicate_ack", 1, Integer::sum);
      w.posts.remove(key);
      complete(w, p);
      return;
    }
    if (now >= w.start && now < w.end) {
      w.acksInWindow++;
    }
    if (DIAG && p != null) {
      p.ackFrame = t;
    }
    String mid = field(t, "message_id");
    if (mid != null) {
      messageIds.put(key, Long.parseLong(mid));
    }
    if (p == null) {
      return;
    }
    p.acked = true;
    if (p.measured) {
      w.ack.recordValue(Math.max(0, now - p.due));
    }
    if (p.remaining <= 0) {
      w.posts.remove(key);
      complete(w, p);
    }
  }

  static void complete(Window w, Post p) {
    if (!p.released) {
      p.released = true;
      w.onComplete.run();
    }
  }

  /**
   * A closed loop whose posts never complete (a delivery lost with a socket the server closed, or
   * a server that has stalled) would stop sending; after {@code CLOSED_LOOP_PATIENCE} a slot is
   * given back, and the late post still counts as late when (if) it completes.
   */
  static final long CLOSED_LOOP_PATIENCE = 5_000_000_000L;

  void watchdog(Window w) {
    vertx.setPeriodic(250, id -> {
      if (window != w || now() > w.end) {
        vertx.cancelTimer(id);
        return;
      }
      List<Post> stuck = w.posts.values().stream()
          .filter(p -> !p.released && now() - p.due > CLOSED_LOOP_PATIENCE).toList();
      stuck.forEach(p -> complete(w, p));
    });
  }

  /** Sends one post due at {@code due}, expecting {@code expected} deliveries. Returns its key. */
  long post(Conn c, long due, int expected, Long threadRoot) {
    Window w = window;
    long key = KEYS.getAndIncrement();
    boolean measured = due >= w.start && due < w.end;
    w.posts.put(key, new Post(due, measured, expected));
    w.sent++;
    String body = "bench:" + key + ":" + PAD;
    c.send(new ClientCommand.PostMessage("p" + key, c.room, body.substring(0, 100), threadRoot, List.of()));
    return key;
  }

  /** Deliveries each post to a room should produce: the room's subscribed, reading sockets. */
  static Map<Long, Integer> audience(List<Conn> conns) {
    Map<Long, Integer> m = new HashMap<>();
    for (Conn c : conns) {
      if (!c.paused && !c.closed) {
        m.merge(c.room, 1, Integer::sum);
      }
    }
    return m;
  }

  /** What a run measured. */
  public record Result(double seconds, long deliveries, long acks, long sent, long missing, long socketsClosed, Histogram ack,
      Histogram delivery, Map<String, Integer> errors, ProcStat.TreeCpu cpu, double generatorCpuSeconds) {
    public double deliveriesPerSecond() {
      return deliveries / seconds;
    }

    public double acksPerSecond() {
      return acks / seconds;
    }

    public double serverCpuSeconds() {
      return cpu.totalSeconds();
    }
  }

  /** Options of one run. */
  public record RunSpec(double ratePerSecond, int closedLoopOutstanding, boolean completeOnAck, double warmupSeconds,
      double seconds, double drainSeconds, double replyShare, Map<Long, Long> threadRoots) {}

  /**
   * Runs posts from {@code senders} (round robin), either open-loop at a fixed rate or closed-loop
   * with a fixed number outstanding, and measures the window after the warm-up.
   */
  public Result run(List<Conn> senders, List<Conn> audienceOf, RunSpec spec, long[] serverPid) {
    Map<Long, Integer> audience = onLoop(() -> audience(audienceOf));
    // The generator does not reconnect: deliveries owed to a socket the server closed stay missing, and this says why.
    List<Conn> listening = onLoop(() -> audienceOf.stream().filter(c -> !c.paused && !c.closed).toList());
    List<Conn> live = onLoop(() -> senders.stream().filter(c -> !c.closed).toList());
    if (live.isEmpty()) {
      throw new IllegalStateException("no connected senders");
    }
    long warm = (long) (spec.warmupSeconds() * 1e9);
    long len = (long) (spec.seconds() * 1e9);
    java.util.Random random = new java.util.Random(42);
    CompletableFuture<Void> sendingDone = new CompletableFuture<>();
    long[] cpuMarks = new long[1];
    ProcStat.TreeCpu[] cpu = new ProcStat.TreeCpu[2];
    long[] gen = new long[2];
    int[] rr = {0};
    onLoop(() -> {
      Window w = new Window();
      long start = now();
      w.start = start + warm;
      w.end = w.start + len;
      window = w;
      Runnable sendOne = () -> {
        Conn c = live.get(rr[0]++ % live.size());
        Long root = spec.threadRoots() != null && random.nextDouble() < spec.replyShare()
            ? spec.threadRoots().get(c.room) : null;
        post(c, now(), spec.completeOnAck() ? 0 : audience.getOrDefault(c.room, 0), root);
      };
      if (spec.closedLoopOutstanding() > 0) {
        w.onComplete = () -> {
          if (now() < window.end) {
            sendOne.run();
          }
        };
        for (int i = 0; i < spec.closedLoopOutstanding(); i++) {
          sendOne.run();
        }
        watchdog(w);
        vertx.setTimer(Math.max(1, (w.end - now()) / 1_000_000), id -> sendingDone.complete(null));
      } else {
        Schedule s = new Schedule(spec.ratePerSecond(), warm + len);
        long[] sent = {0};
        vertx.setPeriodic(1, id -> {
          long due = s.dueBy(now() - start);
          for (; sent[0] < due; sent[0]++) {
            Conn c = live.get(rr[0]++ % live.size());
            Long root = spec.threadRoots() != null && random.nextDouble() < spec.replyShare()
                ? spec.threadRoots().get(c.room) : null;
            post(c, start + s.offsetNanos(sent[0]), spec.completeOnAck() ? 0 : audience.getOrDefault(c.room, 0), root);
          }
          if (sent[0] >= s.count()) {
            vertx.cancelTimer(id);
            sendingDone.complete(null);
          }
        });
      }
      return null;
    });
    // CPU is sampled at the window's edges from this thread
    Window w = onLoop(() -> window);
    Bench.sleepUntil(w.start);
    cpu[0] = ProcStat.serversCpu(ownRoots, serverPid);
    gen[0] = ProcStat.read(ProcessHandle.current().pid()).cpuTicks();
    Bench.sleepUntil(w.end);
    cpu[1] = ProcStat.serversCpu(ownRoots, serverPid);
    gen[1] = ProcStat.read(ProcessHandle.current().pid()).cpuTicks();
    Bench.await(sendingDone);
    long drainUntil = now() + (long) (spec.drainSeconds() * 1e9);
    while (now() < drainUntil && onLoop(() -> window.posts.values().stream().anyMatch(p -> p.measured))) {
      Bench.sleepMillis(50);
    }
    return onLoop(() -> {
      Window x = window;
      long n = now();
      // whatever is still owed is at least this late: record it so a stalled server cannot hide
      for (Post p : x.posts.values()) {
        if (p.measured) {
          if (!p.acked) {
            x.ack.recordValue(Math.min(x.ack.getHighestTrackableValue(), n - p.due));
          }
          for (int i = 0; i < p.remaining; i++) {
            x.delivery.recordValue(Math.min(x.delivery.getHighestTrackableValue(), n - p.due));
            x.missing++;
          }
        }
      }
      long socketsClosed = listening.stream().filter(c -> c.closed).count();
      if (DIAG) {
        x.posts.forEach((k, p) -> {
          if (p.measured && p.remaining > 0) {
            Bench.log("diag: post " + k + " still owed " + p.remaining + " deliveries " + (n - p.due) / 1_000_000
                + " ms after it was due; its ack: " + p.ackFrame);
          }
        });
        Bench.log("diag: " + socketsClosed + " sockets closed, " + audienceOf.stream().mapToLong(c -> c.outOfOrder).sum()
            + " live events seen out of sequence, frames " + frameTypes + ", errors " + x.errors);
      }
      window = null;
      return new Result(len / 1e9, x.deliveriesInWindow, x.acksInWindow, x.sent, x.missing, socketsClosed, x.ack, x.delivery,
          x.errors, cpu[1].minus(cpu[0]), (gen[1] - gen[0]) / (double) ProcStat.TICKS_PER_SECOND);
    });
  }

  public void close(List<Conn> conns) {
    onLoop(() -> {
      conns.forEach(c -> {
        if (c.ws != null && !c.closed) {
          c.ws.close();
        }
      });
      return null;
    });
  }
}
