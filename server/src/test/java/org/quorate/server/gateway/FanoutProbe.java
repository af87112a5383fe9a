package org.quorate.server.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: a measuring aid run by hand against a server in another process. Subscribes
 * {@code subscribers} sockets to one room, then {@code writers} sockets post 100-byte messages as
 * fast as their acks come back for {@code seconds}, and prints posts and deliveries per second.
 *
 * <p>{@code java -cp <jar>:<test-classes> org.quorate.server.gateway.FanoutProbe PORT TOKEN ROOM SUBSCRIBERS WRITERS SECONDS}
 */
public final class FanoutProbe {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String token = args[1];
    long room = Long.parseLong(args[2]);
    int subscribers = Integer.parseInt(args[3]);
    int writers = Integer.parseInt(args[4]);
    int seconds = Integer.parseInt(args[5]);
    Vertx vertx = Vertx.vertx();
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(subscribers + writers + 10));
    AtomicLong delivered = new AtomicLong();
    AtomicLong acked = new AtomicLong();
    List<Future<WebSocket>> subs = new ArrayList<>();
    for (int i = 0; i < subscribers; i++) {
      subs.add(open(client, port, token, room, true, text -> {
        if (text.startsWith("{\"type\":\"message_posted\"")) {
          delivered.incrementAndGet();
        }
      }));
    }
    Future.all(subs).await();
    String body = "x".repeat(100);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Future<WebSocket>> ws = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      WebSocket[] self = new WebSocket[1];
      long[] n = {0};
      Future<WebSocket> w = open(client, port, token, room, false, text -> {
        if (text.startsWith("{\"type\":\"ack\"") || text.startsWith("{\"type\":\"error\"")) {
          if (text.startsWith("{\"type\":\"ack\"")) {
            acked.incrementAndGet();
          }
          if (System.nanoTime() < end) {
            post(self[0], room, body, n[0]++);
          }
        }
      });
      ws.add(w);
      w.onSuccess(s -> self[0] = s);
    }
    Future.all(ws).await();
    System.out.println("measuring");
    long d0 = delivered.get();
    long t0 = System.nanoTime();
    for (Future<WebSocket> w : ws) {
      post(w.result(), room, body, -1);
    }
    Thread.sleep(seconds * 1000L);
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.printf("done: %.0f posts/s, %.0f deliveries/s over %.1f s%n", acked.get() / secs, (delivered.get() - d0) / secs, secs);
    System.exit(0);
  }

  private static void post(WebSocket ws, long room, String body, long n) {
    ws.writeTextMessage("{\"type\":\"post_message\",\"id\":\"p" + System.nanoTime() + "-" + n + "\",\"room\":" + room + ",\"body\":\"" + body + "\"}");
  }

  private static Future<WebSocket> open(WebSocketClient client, int port, String token, long room, boolean subscribe,
      java.util.function.Consumer<String> onText) {
    Promise<WebSocket> ready = Promise.promise();
    client.connect(new WebSocketConnectOptions().setPort(port).setHost("127.0.0.1").setURI("/ws")
            .addHeader("Authorization", "Bearer " + token))
        .onSuccess(ws -> ws.textMessageHandler(text -> {
          if (text.startsWith("{\"type\":\"welcome\"")) {
            if (subscribe) {
              ws.writeTextMessage("{\"type\":\"subscribe\",\"id\":\"s" + System.nanoTime() + "\",\"room\":" + room + "}");
            } else {
              ready.tryComplete(ws);
            }
          } else if (text.startsWith("{\"type\":\"subscribed\"")) {
            ready.tryComplete(ws);
          } else {
            onText.accept(text);
          }
        }))
        .onFailure(ready::tryFail);
    return ready.future();
  }
}
