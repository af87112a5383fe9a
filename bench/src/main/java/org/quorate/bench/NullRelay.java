package org.quorate.bench;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The null relay baseline: the same Vert.x and Netty as Quorate, accepting WebSockets and
 * answering just the frames the generator sends (subscribe, post_message) with no parsing beyond
 * routing, no store and no access checks. Each posted frame is written as received to every
 * subscriber of its room.
 *
 * <p>Like the server it runs {@code N} event loops (one HTTP server each, sharing the port) on the
 * native epoll transport when it loads, and fans out per loop: each loop keeps its own sockets'
 * rooms, and a post is handed once to every other loop, which writes it to its own sockets.
 * Run: {@code java -cp quorate-bench.jar org.quorate.bench.NullRelay PORT [EVENT_LOOPS]}; prints
 * {@code relay listening on PORT} and, on standard error, the loops and transport.
 */
public final class NullRelay {
  private NullRelay() {}

  /** One event loop's sockets, by room; touched only on that loop. */
  record Loop(Context context, Map<String, List<ServerWebSocket>> rooms) {
    void write(String room, String frame) {
      for (ServerWebSocket peer : rooms.getOrDefault(room, List.of())) {
        peer.writeTextMessage(frame);
      }
    }
  }

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    int loops = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(true));
    System.err.println("null relay: " + loops + " event loops, " + (vertx.isNativeTransportEnabled()
        ? "native epoll transport" : "NIO transport (" + vertx.unavailableNativeTransportCause() + ")"));
    List<Loop> all = new CopyOnWriteArrayList<>();
    // one server per event loop on one port; a negative port is Vert.x's "random port shared by the instances"
    int listen = port == 0 ? -1 : port;
    vertx.deployVerticle(() -> new Server(all, listen), new DeploymentOptions().setInstances(loops)).await();
    int actual = Server.bound;
    System.out.println("relay listening on " + actual);
  }

  /** One HTTP server on one event loop. */
  static final class Server extends VerticleBase {
    static volatile int bound;
    final List<Loop> all;
    final int port;

    Server(List<Loop> all, int port) {
      this.all = all;
      this.port = port;
    }

    @Override
    public Future<?> start() {
      Loop me = new Loop(context, new HashMap<>());
      all.add(me);
      return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setMaxWebSocketFrameSize(1 << 20))
          .webSocketHandler(ws -> ws.textMessageHandler(t -> onFrame(me, all, ws, t)))
          .listen(port)
          .onSuccess(s -> bound = s.actualPort());
    }
  }

  static void onFrame(Loop me, List<Loop> all, ServerWebSocket ws, String t) {
    String type = Load.field(t, "type");
    String id = Load.field(t, "id");
    String room = Load.field(t, "room");
    if ("subscribe".equals(type)) {
      List<ServerWebSocket> members = me.rooms().computeIfAbsent(room, k -> new ArrayList<>());
      members.add(ws);
      ws.closeHandler(v -> members.remove(ws));
      ws.writeTextMessage("{\"type\":\"subscribed\",\"id\":\"" + id + "\",\"room\":" + room + ",\"last_seq\":0}");
    } else if ("post_message".equals(type)) {
      ws.writeTextMessage("{\"type\":\"ack\",\"id\":\"" + id + "\",\"room\":" + room + "}");
      for (Loop l : all) {
        if (l == me) {
          l.write(room, t);
        } else {
          l.context().runOnContext(v -> l.write(room, t));
        }
      }
    } else if ("authenticate".equals(type)) {
      ws.writeTextMessage("{\"type\":\"ack\",\"id\":\"" + id + "\"}");
    }
  }
}
