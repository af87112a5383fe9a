package org.quorate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generator against a stand-in that keeps the protocol's idempotency rule as Quorate does: a
 * command id is unique per user, and a resend of one already written is acked with
 * {@code "duplicate": true} and writes and delivers nothing. Every benchmark run posts as the same
 * 1,000 users, so ids reused from an earlier run turn into posts the generator waits for forever.
 */
class LoadTest {
  static final long ROOM = 7;

  Vertx vertx;
  HttpServer server;
  /** "user/command id" of every post written; touched on the server's event loop only. */
  final Set<String> written = new HashSet<>();
  final Map<String, List<ServerWebSocket>> rooms = new HashMap<>();
  boolean everyPostIsAResend;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    server = vertx.createHttpServer().webSocketHandler(ws -> {
      String user = ws.headers().get("Authorization");
      ws.textMessageHandler(t -> onFrame(user, ws, t));
    }).listen(0, "127.0.0.1").await();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  void onFrame(String user, ServerWebSocket ws, String t) {
    String type = Load.field(t, "type");
    String id = Load.field(t, "id");
    String room = Load.field(t, "room");
    if ("subscribe".equals(type)) {
      rooms.computeIfAbsent(room, k -> new ArrayList<>()).add(ws);
      ws.writeTextMessage("{\"type\":\"subscribed\",\"id\":\"" + id + "\",\"room\":" + room + ",\"last_seq\":0}");
    } else if ("post_message".equals(type)) {
      boolean resend = everyPostIsAResend || !written.add(user + "/" + id);
      ws.writeTextMessage("{\"type\":\"ack\",\"id\":\"" + id + "\",\"room\":" + room + ",\"duplicate\":" + resend + "}");
      if (!resend) {
        rooms.getOrDefault(room, List.of()).forEach(peer -> peer.writeTextMessage(t));
      }
    }
  }

  /** One generator run as a benchmark run makes it: its own Load, the same users, the same room. */
  Load.Result oneRun() {
    Load load = new Load(Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1)), "127.0.0.1", server.actualPort(), 1);
    try {
      List<Load.Conn> conns = load.connect(List.of(new long[] {0, ROOM}, new long[] {1, ROOM}, new long[] {2, ROOM}),
          Map.of(0, "user-0", 1, "user-1", 2, "user-2"), 3, Load.now() + 30_000_000_000L, null);
      assertThat(conns).hasSize(3);
      // One poster, as in a benchmark run where a user's k-th post of each run would carry the same id.
      List<Load.Conn> poster = conns.stream().filter(c -> c.index == 0).toList();
      Load.Result r = load.run(poster, conns, new Load.RunSpec(0, 4, false, 0, 0.3, 5, 0, null),
          new long[] {ProcessHandle.current().pid()});
      load.close(conns);
      return r;
    } finally {
      load.vertx.close().await();
    }
  }

  @Test
  void aLaterRunPostsNewCommandsRatherThanResendingTheIdsOfAnEarlierRun() {
    Load.Result first = oneRun();
    Load.Result second = oneRun();

    assertThat(first.sent()).isPositive();
    assertThat(second.sent()).isPositive();
    assertThat(second.errors()).isEmpty();
    assertThat(second.missing()).isZero();
    assertThat(second.deliveries()).isPositive();
  }

  @Test
  void aPostTheServerAnswersAsTheResendOfAnEarlierCommandIsAnErrorNotDeliveriesOwedForever() {
    everyPostIsAResend = true;

    Load.Result r = oneRun();

    assertThat(r.errors()).containsKey("duplicate_ack");
    assertThat(r.missing()).isZero();
    assertThat(r.socketsClosed()).isZero();
  }
}
