package org.quorate.server.gateway;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.quorate.protocol.ClientCommand;
import org.quorate.protocol.DecisionCommand;
import org.quorate.server.domain.DomainException;

/**
 * One connection's writes take effect in the order the client sent them, as a client that sends
 * without waiting for acks expects (the web client does, and resends everything pending at once on
 * reconnecting): a withdrawal must not overtake the ballot it withdraws, nor a second edit the first.
 * A write starts once every earlier write of the connection has finished. Runs of posts, or of
 * ballots, are the exception: each is handed to its group commit as soon as the one before it was,
 * because the batcher keeps a user's commands in order itself ({@link org.quorate.server.rooms.WriteBatcher}),
 * so a client that streams posts still gets many per transaction. Reads and connection-level
 * commands never wait.
 */
final class WriteOrder {
  /** How a command is ordered against the connection's writes. */
  enum Kind {
    ANY_TIME, WRITE, POSTS, BALLOTS;

    boolean batched() {
      return this == POSTS || this == BALLOTS;
    }
  }

  static Kind of(ClientCommand command) {
    if (command instanceof ClientCommand.Subscribe || command instanceof ClientCommand.Unsubscribe
        || command instanceof ClientCommand.Typing || command instanceof ClientCommand.FetchHistory
        || command instanceof ClientCommand.Search) {
      return Kind.ANY_TIME;
    }
    if (command instanceof ClientCommand.PostMessage) {
      return Kind.POSTS;
    }
    if (command instanceof DecisionCommand.CastBallot || command instanceof DecisionCommand.WithdrawBallot) {
      return Kind.BALLOTS;
    }
    return Kind.WRITE;
  }

  /** Commands a connection may have waiting for earlier ones (those already started are not counted). */
  static final int MAX_WAITING = 256;

  private final Context context;
  private final int maxWaiting;
  private int waiting;
  /** Completes (never fails) once every write started so far has finished. */
  private Future<Void> finished = Future.succeededFuture();
  /** The batched kind whose run is being handed over now, and what its next member waits for. */
  private Kind run;
  private Future<Void> runGate = Future.succeededFuture();
  /** Completes once the sign-in under way, if any, has been answered. */
  private Future<Void> signIn = Future.succeededFuture();

  WriteOrder(Context context) {
    this(context, MAX_WAITING);
  }

  WriteOrder(Context context, int maxWaiting) {
    this.context = context;
    this.maxWaiting = maxWaiting;
  }

  /**
   * Starts an {@code authenticate} at once; every command sent after it, reads too, waits for its
   * answer, so a client need not wait for {@code welcome} before sending more.
   */
  Future<?> signIn(Supplier<Future<?>> authenticate) {
    Future<?> f = started(authenticate);
    signIn = f.transform(ar -> Future.succeededFuture());
    run = null;
    finished = bothSettled(finished, f);
    return f;
  }

  /**
   * Starts {@code write} (on this connection's context) when its turn comes; answers with its result.
   * Refused as {@code rate_limited}, taking no place in the order, when {@link #MAX_WAITING} commands
   * already wait: their number would otherwise grow without bound behind one slow write.
   */
  Future<?> submit(Kind kind, Supplier<Future<?>> write) {
    if (waiting >= maxWaiting) {
      return Future.failedFuture(DomainException.rateLimited("too many commands waiting for earlier ones on this connection; "
          + "resend once they are answered", java.time.Duration.ofSeconds(1)));
    }
    if (kind == Kind.ANY_TIME) {
      if (signIn.isComplete()) {
        return write.get();
      }
      Promise<Object> read = Promise.promise();
      whenDone(signIn, () -> started(write).onComplete(ar -> read.handle(ar.map(x -> (Object) x))));
      return read.future();
    }
    if (!kind.batched() || kind != run) {
      run = kind.batched() ? kind : null;
      runGate = finished;
    }
    Promise<Void> handedOver = Promise.promise();
    Promise<Object> result = Promise.promise();
    whenDone(runGate, () -> {
      Future<?> f = started(write);
      handedOver.complete();
      f.onComplete(ar -> result.handle(ar.map(x -> (Object) x)));
    });
    if (kind.batched()) {
      runGate = handedOver.future();
    }
    finished = bothSettled(finished, result.future());
    return result.future();
  }

  /**
   * Completes once both have, whether they succeeded or not. Not {@code Future.all}: a composite keeps
   * its parts, so a connection's every write would stay reachable through the chain.
   */
  private static Future<Void> bothSettled(Future<Void> earlier, Future<?> write) {
    if (earlier.isComplete()) {
      return write.transform(ar -> Future.succeededFuture());
    }
    Promise<Void> both = Promise.promise();
    AtomicInteger left = new AtomicInteger(2);
    earlier.onComplete(ar -> {
      if (left.decrementAndGet() == 0) {
        both.complete();
      }
    });
    write.onComplete(ar -> {
      if (left.decrementAndGet() == 0) {
        both.complete();
      }
    });
    return both.future();
  }

  private static Future<?> started(Supplier<Future<?>> command) {
    try {
      return command.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * Runs {@code then} on this connection's context once {@code gate} completes: at once if it already
   * has, else as a task of its own. Never inside the gate's completion: a command that finishes at once
   * would start the next within the same call, and a long queue would overflow the stack.
   */
  private void whenDone(Future<Void> gate, Runnable then) {
    if (gate.isComplete() && Vertx.currentContext() == context) {
      then.run();
      return;
    }
    waiting++;
    gate.onComplete(ar -> context.runOnContext(v -> {
      waiting--;
      then.run();
    }));
  }
}
