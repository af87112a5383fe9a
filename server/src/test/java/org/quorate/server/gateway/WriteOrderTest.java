package org.quorate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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

  private void send(WriteOrder order, Kind kind, String name) {
    context.runOnContext(v -> order.submit(kind, command(name)));
  }

  private void finish(String name) {
    Awaitility.await().until(() -> running.containsKey(name));
    context.runOnContext(v -> running.get(name).complete());
  }

  private void settle() {
    // Two turns of the connection's context: anything released by a completion has started by then.
    Promise<Void> p = Promise.promise();
    context.runOnContext(v -> context.runOnContext(w -> p.complete()));
    p.future().await();
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
    settle();
    assertThat(started).containsExactly("post 1", "post 2", "history", "edit");
    finish("edit");
    settle();
    assertThat(started).containsExactly("post 1", "post 2", "history", "edit", "post 3");
  }

  @Test
  void aFailedWriteReleasesTheNextAsAFinishedOneDoes() {
    WriteOrder order = new WriteOrder(context);
    send(order, Kind.BALLOTS, "ballot");
    send(order, Kind.WRITE, "recuse");
    settle();
    Awaitility.await().until(() -> running.containsKey("ballot"));
    context.runOnContext(v -> running.get("ballot").fail(new IllegalStateException("refused")));
    settle();
    assertThat(started).containsExactly("ballot", "recuse");
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
    settle();
    assertThat(started).containsExactlyInAnyOrder("authenticate", "subscribe", "post");
  }
}
