package org.quorate.server.rooms;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.quorate.server.rooms.RoomEventLog.CommandKey;
import org.quorate.server.rooms.RoomEventLog.Outcome;

/**
 * Group commit: commands submitted while a batch is being written wait and then go together, many
 * per transaction and so per disk sync. Nothing waits on a timer: an idle batcher starts a batch on
 * its next turn of the event loop, so a lone command costs no extra latency, and under load a
 * batch grows to whatever arrived while the previous ones were committing.
 *
 * <p>The {@link Runner} writes one batch in one transaction and answers each command alone: a
 * command that fails its checks fails with its own typed error and writes nothing, the others
 * commit. If the transaction itself fails, every command of the batch is run again on its own, so
 * a command that breaks a batch in a way no check foresaw fails alone too. A command resent while
 * its first copy waits in the same batch gets the first copy's answer, marked duplicate (copies in
 * different batches meet at the command-result key: {@link RoomEventLog#writeBatch}).
 *
 * <p>A user's commands are written in the order they were submitted: while one of their commands is
 * in a batch being written, their later ones wait for the next batch instead of going into another
 * batch in flight, whose transaction could take its locks first (a voter's changed ballot must not
 * be overtaken by the one it changes, nor a reply by its own earlier post). Other users' commands
 * pass them in the queue.
 *
 * <p>All state lives on one Vert.x context; answers are completed on the submitter's context.
 */
public final class WriteBatcher<C> {
  /** Writes one batch in one transaction; the outer future fails only when the transaction does. */
  public interface Runner<C> {
    Future<List<Future<Outcome>>> run(List<C> batch);
  }

  private record Pending<C>(C command, Promise<Outcome> answer, Context caller) {}

  private final Context context;
  private final Runner<C> runner;
  private final Function<C, CommandKey> key;
  private final int maxBatch;
  private final int maxInFlight;
  private final ArrayDeque<Pending<C>> queue = new ArrayDeque<>();
  /** Users with a command in a batch being written (never in more than one). */
  private final Set<Long> writing = new HashSet<>();
  private int inFlight;
  private boolean startScheduled;

  public WriteBatcher(Vertx vertx, Runner<C> runner, Function<C, CommandKey> key, int maxBatch, int maxInFlight) {
    this.context = vertx.getOrCreateContext();
    this.runner = runner;
    this.key = key;
    this.maxBatch = maxBatch;
    this.maxInFlight = maxInFlight;
  }

  /** Answered once the command's batch has committed (or the command failed alone). */
  public Future<Outcome> submit(C command) {
    Promise<Outcome> answer = Promise.promise();
    Pending<C> pending = new Pending<>(command, answer, Vertx.currentContext());
    context.runOnContext(v -> {
      queue.add(pending);
      scheduleStart();
    });
    return answer.future();
  }

  private void scheduleStart() {
    // Deferred one turn so that submissions already queued on the context join this batch.
    if (!startScheduled && inFlight < maxInFlight && !queue.isEmpty()) {
      startScheduled = true;
      context.runOnContext(v -> {
        startScheduled = false;
        start();
      });
    }
  }

  private void start() {
    if (inFlight >= maxInFlight || queue.isEmpty()) {
      return;
    }
    Map<CommandKey, List<Pending<C>>> byKey = new LinkedHashMap<>();
    ArrayDeque<Pending<C>> waiting = new ArrayDeque<>();
    while (!queue.isEmpty() && byKey.size() < maxBatch) {
      Pending<C> p = queue.poll();
      CommandKey k = key.apply(p.command());
      if (writing.contains(k.userId())) {
        waiting.add(p);
      } else {
        byKey.computeIfAbsent(k, x -> new ArrayList<>(1)).add(p);
      }
    }
    // Those held back keep their place ahead of everything submitted after them.
    while (!waiting.isEmpty()) {
      queue.addFirst(waiting.pollLast());
    }
    if (byKey.isEmpty()) {
      return;
    }
    Set<Long> users = new HashSet<>();
    byKey.keySet().forEach(k -> users.add(k.userId()));
    writing.addAll(users);
    List<List<Pending<C>>> groups = new ArrayList<>(byKey.values());
    inFlight++;
    write(groups).onComplete(v -> {
      inFlight--;
      writing.removeAll(users);
      scheduleStart();
    });
    scheduleStart();
  }

  /** Runs the groups' first copies as one batch; splits the batch when its transaction fails. */
  private Future<Void> write(List<List<Pending<C>>> groups) {
    List<C> batch = groups.stream().map(g -> g.get(0).command()).toList();
    return Future.succeededFuture(batch).compose(runner::run).transform(ar -> {
      if (ar.succeeded()) {
        List<Future<Outcome>> results = ar.result();
        for (int i = 0; i < groups.size(); i++) {
          answer(groups.get(i), results.get(i));
        }
        return Future.succeededFuture();
      }
      if (groups.size() == 1) {
        answer(groups.get(0), Future.failedFuture(ar.cause()));
        return Future.succeededFuture();
      }
      Future<Void> alone = Future.succeededFuture();
      for (List<Pending<C>> g : groups) {
        alone = alone.compose(v -> write(List.of(g)));
      }
      return alone;
    });
  }

  private static <C> void answer(List<Pending<C>> group, Future<Outcome> result) {
    for (int i = 0; i < group.size(); i++) {
      Future<Outcome> r = i == 0 || result.failed() ? result : Future.succeededFuture(result.result().asDuplicate());
      Pending<C> p = group.get(i);
      if (p.caller() == null) {
        p.answer().handle(r);
      } else {
        p.caller().runOnContext(v -> p.answer().handle(r));
      }
    }
  }
}
