package org.quorate.server.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Not a test: a measuring aid, run by hand against a server in another process (so the server's
 * heap holds only its side of each socket). Opens {@code count} signed-in sockets, each subscribed
 * to one of the given rooms in turn, prints "ready" and holds them until killed.
 *
 * <p>{@code java -cp <test classpath> org.quorate.server.gateway.ConnectionsProbe PORT TOKEN COUNT ROOM...}
 */
public final class ConnectionsProbe {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String token = args[1];
    int count = Integer.parseInt(args[2]);
    List<Long> rooms = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      rooms.add(Long.parseLong(args[i]));
    }
    Vertx vertx = Vertx.vertx();
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(count + 10)
        .setConnectTimeout(60_000));
    CountDownLatch subscribed = new CountDownLatch(count);
    AtomicInteger failed = new AtomicInteger();
    long started = System.nanoTime();
    for (int i = 0; i < count; i += 100) {
      List<Future<Void>> batch = new ArrayList<>();
      for (int j = i; j < Math.min(count, i + 100); j++) {
        long room = rooms.get(j % rooms.size());
        Promise<Void> done = Promise.promise();
        batch.add(done.future());
        client.connect(new WebSocketConnectOptions().setPort(port).setHost("127.0.0.1").setURI("/ws")
                .addHeader("Authorization", "Bearer " + token))
            .onSuccess(ws -> {
              ws.textMessageHandler(text -> {
                if (text.contains("\"type\":\"welcome\"")) {
                  ws.writeTextMessage("{\"type\":\"subscribe\",\"id\":\"s" + room + "-" + System.nanoTime() + "\",\"room\":" + room + "}");
                } else if (text.contains("\"type\":\"subscribed\"")) {
                  subscribed.countDown();
                  done.tryComplete();
                }
              });
            })
            .onFailure(e -> {
              failed.incrementAndGet();
              subscribed.countDown();
              done.tryComplete();
            });
      }
      Future.all(batch).await();
    }
    subscribed.await();
    System.out.printf("ready: %d sockets subscribed (%d failed) in %.1f s%n", count - failed.get(), failed.get(),
        (System.nanoTime() - started) / 1e9);
    Thread.sleep(Long.MAX_VALUE);
  }
}
