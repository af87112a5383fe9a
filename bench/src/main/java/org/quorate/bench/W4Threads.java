package org.quorate.bench;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.quorate.protocol.ClientCommand;

/** W4: W3 at half its maximum with 20 % thread replies, while a 200-reply thread is read over REST. */
final class W4Threads {
  final BenchMain b;
  final Sizes s;

  W4Threads(Workloads w) {
    this.b = w.b;
    this.s = w.s;
  }

  Map<String, Object> run(Load load, List<Load.Conn> conns, long[] pid, double rate) {
    Map<String, Object> out = new LinkedHashMap<>();
    // one thread root per room for the 20 % replies, and one 200-reply thread to read
    Map<Long, Long> roots = new HashMap<>();
    Map<Long, Load.Conn> byRoom = new LinkedHashMap<>();
    conns.forEach(c -> byRoom.putIfAbsent(c.room, c));
    List<Future<String>> rootAcks = new ArrayList<>();
    List<Long> rooms = new ArrayList<>(byRoom.keySet());
    load.onLoop(() -> {
      for (Long room : rooms) {
        rootAcks.add(load.request(byRoom.get(room), "root-" + room,
            new ClientCommand.PostMessage("root-" + room, room, "bench thread root", null, List.of())));
      }
      return null;
    });
    for (int i = 0; i < rooms.size(); i++) {
      String ack = Bench.await(rootAcks.get(i));
      roots.put(rooms.get(i), Long.parseLong(Load.field(ack, "message_id")));
    }
    long readRoom = rooms.get(0);
    long readRoot = roots.get(readRoom);
    List<Load.Conn> inRoom = conns.stream().filter(c -> c.room == readRoom).toList();
    int replied = 0;
    int rateLimited = 0;
    for (int i = 0; i < s.w4ThreadReplies(); ) {
      Load.Conn c = inRoom.get(i % inRoom.size());
      String id = "reply-" + i;
      try {
        load.onLoop(() -> load.request(c, id, new ClientCommand.PostMessage(id, readRoom, "bench reply", readRoot, List.of())))
            .toCompletionStage().toCompletableFuture().get();
        replied++;
        i++;
      } catch (Exception e) {
        rateLimited++;
        Bench.sleepMillis(250);
        if (rateLimited > 200) {
          break;
        }
      }
    }
    out.put("thread_replies", replied);
    out.put("thread_reply_refusals_retried", rateLimited);
    Histogram reads = new Histogram(120_000_000_000L, 3);
    Map<String, Integer> statuses = new java.util.TreeMap<>();
    Map<Long, Long> pending = new HashMap<>();
    long[] readSeq = {0};
    long[] timer = new long[1];
    load.onLoop(() -> {
      long start = Load.now();
      Schedule sch = new Schedule(s.w4ThreadReadsPerSecond(), (long) ((s.warmup() + s.window() + 1) * 1e9));
      long[] sent = {0};
      timer[0] = b.vertx.setPeriodic(1, id -> {
        long due = sch.dueBy(Load.now() - start);
        for (; sent[0] < due; sent[0]++) {
          long dueAt = start + sch.offsetNanos(sent[0]);
          long key = readSeq[0]++;
          pending.put(key, dueAt);
          Bench.http(b.http, b.server.port(), HttpMethod.GET, "/api/rooms/" + readRoom + "/messages/" + readRoot,
              Seed.token((int) inRoom.get(0).index), null).onComplete(ar -> {
                if (pending.remove(key) != null) {
                  reads.recordValue(Math.min(reads.getHighestTrackableValue(), Load.now() - dueAt));
                  String outcome = ar.succeeded() ? Integer.toString(ar.result().status())
                      : ar.cause().getClass().getSimpleName();
                  if (statuses.merge(outcome, 1, Integer::sum) == 1 && !(ar.succeeded() && ar.result().status() == 200)) {
                    statuses.put("first " + outcome + ": " + (ar.succeeded()
                        ? ar.result().body().substring(0, Math.min(120, ar.result().body().length())) : ar.cause().getMessage()), 1);
                  }
                }
              });
        }
        if (sent[0] >= sch.count()) {
          b.vertx.cancelTimer(id);
        }
      });
      return null;
    });
    Load.RunSpec spec = new Load.RunSpec(rate, 0, false, s.warmup(), s.window(), s.drain(), 0.2, roots);
    Load.Result r = load.run(conns, conns, spec, pid);
    Map<String, Object> d = BenchMain.describe(r, 10);
    d.put("offered_posts_per_s", BenchMain.round(rate));
    d.put("reply_share", 0.2);
    out.put("posts_during_thread_reads", d);
    out.put("thread_reads", load.onLoop(() -> {
      // reads still unanswered are at least this late: recorded, and counted
      long n = Load.now();
      pending.values().forEach(due -> reads.recordValue(Math.min(reads.getHighestTrackableValue(), n - due)));
      Map<String, Object> m = BenchMain.summary(reads);
      m.put("offered_per_s", s.w4ThreadReadsPerSecond());
      m.put("sent", readSeq[0]);
      m.put("unanswered_at_end", pending.size());
      pending.clear();
      m.put("outcomes", new java.util.TreeMap<>(statuses));
      return m;
    }));
    Bench.log("W4: thread read p99 " + ((Map<?, ?>) out.get("thread_reads")).get("p99_ms") + " ms");
    return out;
  }
}
