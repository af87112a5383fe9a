package org.quorate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quorate.protocol.ErrorCode;
import org.quorate.server.domain.DomainException;
import org.quorate.server.gateway.WriteOrder.Kind;

class WriteOrderTest {
  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  /** Commands in the order they started, and the promise that finishes each. */
  private final List<String> started = new CopyOnWriteArrayList<>();
  private final Map<String, Promise<Void>> running = new ConcurrentHashMap<>();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private Supplier<Future<?>> command(String name) {
    return () -> {
      started.add(name);
      Promise<Void> p = Promise.promise();
      running.put(name, p);
      return p.future();
    };
  }

  private Future<?> send(WriteOrder order, Kind kind, String name) {
    Promise<Object> answer = Promise.promise();
    context.runOnContext(v -> order.submit(kind, command(name)).onComplete(ar -> answer.handle(ar.map(x -> (Object) x))));
    return answer.future();
  }

  private void finish(String name) {
    Awaitility.await().until(() -> running.containsKey(name));
    context.runOnContext(v -> running.get(name).complete());
  }

  /** Lets the connection's context run what is queued on it now, so that what has not started was held back. */
  private void settle() {
    Promise<Void> p = Promise.promise();
    context.runOnContext(v -> context.runOnContext(w -> context.runOnContext(x -> p.complete())));
    p.future().await();
  }

  private void awaitStarted(String... names) {
    Awaitility.await().untilAsserted(() -> assertThat(started).containsExactly(names));
  }

  @Test
  void postsGoOnTogetherButAnotherWriteWaitsForThemAndTheNextPostsWaitForIt() {
    WriteOrder order = new WriteOrder(context);
    send(order, Kind.POSTS, "post 1");
    send(order, Kind.POSTS, "post 2");
    send(order, Kind.WRITE, "edit");
    send(order, Kind.ANY_TIME, "history");
    send(order, Kind.POSTS, "post 3");
    settle();
    assertThat(started).as("posts handed to their group commit at once; a read does not wait").containsExactly("post 1", "post 2", "history");

    finish("post 2");
    settle();
    assertThat(started).as("the edit waits for every earlier write").doesNotContain("edit");
    finish("post 1");
    awaitStarted("post 1", "post 2", "history", "edit");
    settle();
    assertThat(started).as("the post after the edit waits for it").doesNotContain("post 3");
    finish("edit");
    awaitStarted("post 1", "post 2", "history", "edit", "post 3");
  }

  @Test
  void aFailedWriteReleasesTheNextAsAFinishedOneDoes() {
    WriteOrder order = new WriteOrder(context);
    send(order, Kind.BALLOTS, "ballot");
    send(order, Kind.WRITE, "recuse");
    Awaitility.await().until(() -> running.containsKey("ballot"));
    context.runOnContext(v -> running.get("ballot").fail(new IllegalStateException("refused")));
    awaitStarted("ballot", "recuse");
  }

  @Test
  void everyCommandSentAfterASignInWaitsForItsAnswerReadsToo() {
    WriteOrder order = new WriteOrder(context);
    context.runOnContext(v -> order.signIn(command("authenticate")));
    send(order, Kind.ANY_TIME, "subscribe");
    send(order, Kind.POSTS, "post");
    settle();
    assertThat(started).containsExactly("authenticate");
    finish("authenticate");
    Awaitility.await().untilAsserted(() -> assertThat(started).containsExactlyInAnyOrder("authenticate", "subscribe", "post"));
  }

  @Test
  void thousandsOfWritesQueuedBehindASlowOneAllRunInOrderOnceItFinishes() {
    WriteOrder order = new WriteOrder(context, 20_000);
    send(order, Kind.WRITE, "slow");
    // Each fails at once, so the next is released from within its completion: a long queue must not
    // nest one call per command (it overflowed the stack at about 900).
    List<String> expected = new ArrayList<>(List.of("slow"));
    for (int i = 0; i < 5_000; i++) {
      String name = "refused " + i;
      expected.add(name);
      context.runOnContext(v -> order.submit(Kind.WRITE, () -> {
        started.add(name);
        return Future.failedFuture(new IllegalStateException(name));
      }));
    }
    settle();
    finish("slow");
    Awaitility.await().untilAsserted(() -> assertThat(started).hasSize(expected.size()));
    assertThat(started).isEqualTo(expected);
  }

  @Test
  void aConnectionWithTooManyCommandsWaitingIsToldToSlowDownAndTheRefusedOneTakesNoPlace() throws Exception {
    WriteOrder order = new WriteOrder(context, 3);
    send(order, Kind.WRITE, "slow");
    for (int i = 1; i <= 3; i++) {
      send(order, Kind.WRITE, "waiting " + i);
    }
    Future<?> refused = send(order, Kind.WRITE, "one too many");
    Throwable why = refused.toCompletionStage().toCompletableFuture().handle((ok, e) -> e).get();
    assertThat(why).isInstanceOf(DomainException.class);
    assertThat(((DomainException) why).code()).isEqualTo(ErrorCode.RATE_LIMITED);

    finish("slow");
    finish("waiting 1");
    finish("waiting 2");
    finish("waiting 3");
    awaitStarted("slow", "waiting 1", "waiting 2", "waiting 3");
    assertThat(send(order, Kind.WRITE, "later").toCompletionStage().toCompletableFuture().isCompletedExceptionally()).isFalse();
    awaitStarted("slow", "waiting 1", "waiting 2", "waiting 3", "later");
  }
}
