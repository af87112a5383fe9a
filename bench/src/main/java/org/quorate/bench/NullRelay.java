package org.quorate.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The null relay baseline: the same Vert.x and Netty as Quorate, accepting WebSockets and
 * answering just the frames the generator sends (subscribe, post_message) with no parsing beyond
 * routing, no store and no access checks. Each posted frame is written as received to every
 * subscriber of its room. Run: {@code java -cp quorate-bench.jar
 * org.quorate.bench.NullRelay PORT}; prints {@code relay listening on PORT}.
 */
public final class NullRelay {
  private NullRelay() {}

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    Map<String, List<ServerWebSocket>> rooms = new HashMap<>();
    vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setMaxWebSocketFrameSize(1 << 20))
        .webSocketHandler(ws -> ws.textMessageHandler(t -> {
          String type = Load.field(t, "type");
          String id = Load.field(t, "id");
          String room = Load.field(t, "room");
          if ("subscribe".equals(type)) {
            List<ServerWebSocket> members = rooms.computeIfAbsent(room, k -> new ArrayList<>());
            members.add(ws);
            ws.closeHandler(v -> members.remove(ws));
            ws.writeTextMessage("{\"type\":\"subscribed\",\"id\":\"" + id + "\",\"room\":" + room + ",\"last_seq\":0}");
          } else if ("post_message".equals(type)) {
            ws.writeTextMessage("{\"type\":\"ack\",\"id\":\"" + id + "\",\"room\":" + room + "}");
            for (ServerWebSocket peer : rooms.getOrDefault(room, List.of())) {
              peer.writeTextMessage(t);
            }
          } else if ("authenticate".equals(type)) {
            ws.writeTextMessage("{\"type\":\"ack\",\"id\":\"" + id + "\"}");
          }
        }))
        .listen(port)
        .onSuccess(s -> System.out.println("relay listening on " + s.actualPort()))
        .onFailure(e -> {
          System.err.println("relay: " + e.getMessage());
          System.exit(2);
        });
  }
}
