package org.quorate.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real WebSocket client for tests: connects to {@code /ws}, records every frame it receives, and
 * waits (without sleeping) for the frames a test expects. Every frame received, and every command
 * sent with {@link #sendJson} that the server then accepts, is checked against asyncapi.yaml
 * ({@link Contract}); {@link #sendRaw} text is not, so deliberately broken frames stay possible.
 */
public final class WsClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final AtomicInteger IDS = new AtomicInteger();
  private static Vertx vertx;

  /** Held for as long as the socket: Vert.x closes a client (and its sockets) once it is unreachable. */
  private final WebSocketClient client;
  private final io.vertx.core.http.ClientWebSocket ws;
  private final List<JsonNode> received = new ArrayList<>();
  private volatile Short closeCode;
  private volatile String closeReason;
  private final AtomicInteger pings = new AtomicInteger();
  /** Commands sent as JSON, by id, until their reply tells whether the server accepted them. */
  private final java.util.Map<String, JsonNode> awaitingReply = new java.util.concurrent.ConcurrentHashMap<>();

  private WsClient(WebSocketClient client, io.vertx.core.http.ClientWebSocket ws) {
    this.client = client;
    this.ws = ws;
    ws.textMessageHandler(text -> {
      try {
        JsonNode node = JSON.readTree(text);
        Contract.get().serverFrame(node);
        JsonNode command = node.hasNonNull("id") ? awaitingReply.remove(node.get("id").asText()) : null;
        if (command != null && !type(node).equals("error")) {
          Contract.get().acceptedCommand(command);
        }
        synchronized (received) {
          received.add(node);
          received.notifyAll();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    ws.frameHandler(frame -> {
      if (frame.type() == io.vertx.core.http.WebSocketFrameType.PING) {
        pings.incrementAndGet();
      }
    });
    ws.closeHandler(v -> {
      // 1006: the connection dropped without a close frame (the server process died).
      Short code = ws.closeStatusCode();
      closeCode = code == null ? (short) 1006 : code;
      closeReason = ws.closeReason();
      synchronized (received) {
        received.notifyAll();
      }
    });
  }

  static synchronized Vertx vertx() {
    if (vertx == null) {
      vertx = Vertx.vertx();
    }
    return vertx;
  }

  /** Connects with the token on the upgrade request and waits for {@code welcome}. */
  public static WsClient connect(int port, String token) {
    WsClient c = open(port, token == null ? null : "Bearer " + token, null);
    if (token != null) {
      c.await(n -> type(n).equals("welcome"));
    }
    return c;
  }

  public static WsClient open(int port, String authorization, String origin) {
    WebSocketClient client = vertx().createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 22));
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws");
    if (authorization != null) {
      options.addHeader("Authorization", authorization);
    }
    if (origin != null) {
      options.addHeader("Origin", origin);
    }
    try {
      // Handlers go on before connecting: the server's first frame can arrive with the upgrade response.
      io.vertx.core.http.ClientWebSocket socket = client.webSocket();
      WsClient c = new WsClient(client, socket);
      socket.connect(options).await(10, TimeUnit.SECONDS);
      return c;
    } catch (Exception e) {
      throw new IllegalStateException("WebSocket connect failed: " + e.getMessage(), e);
    }
  }

  public static String newId() {
    return "c" + IDS.incrementAndGet() + "-" + System.nanoTime();
  }

  public void sendRaw(String text) {
    ws.writeTextMessage(text).await();
  }

  public void sendJson(Object command) {
    try {
      JsonNode tree = JSON.valueToTree(command);
      if (tree.hasNonNull("id")) {
        awaitingReply.put(tree.get("id").asText(), tree);
      }
      sendRaw(JSON.writeValueAsString(command));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends a command and waits for its ack or error. */
  public JsonNode request(java.util.Map<String, Object> command) {
    java.util.Map<String, Object> withId = new java.util.LinkedHashMap<>(command);
    withId.putIfAbsent("id", newId());
    int from = received().size();
    sendJson(withId);
    String id = (String) withId.get("id");
    return awaitAfter(from, n -> id.equals(n.path("id").asText()) && (type(n).equals("ack") || type(n).equals("error")
        || type(n).equals("history") || type(n).equals("search_results") || type(n).equals("subscribed")
        || type(n).equals("resync_required")));
  }

  /** Sends a command (alternating field names and values) that must be acknowledged. */
  public JsonNode requireAck(String type, Object... fields) {
    java.util.Map<String, Object> command = new java.util.LinkedHashMap<>();
    command.put("type", type);
    for (int i = 0; i < fields.length; i += 2) {
      command.put((String) fields[i], fields[i + 1]);
    }
    JsonNode reply = request(command);
    if (!type(reply).equals("ack")) {
      throw new AssertionError(type + " was not acknowledged: " + reply);
    }
    return reply;
  }

  /** Subscribes and waits until the subscription is live (or resync_required arrives). */
  public JsonNode subscribe(long room, Long sinceSeq) {
    java.util.Map<String, Object> cmd = new java.util.LinkedHashMap<>();
    cmd.put("type", "subscribe");
    cmd.put("room", room);
    if (sinceSeq != null) {
      cmd.put("since_seq", sinceSeq);
    }
    JsonNode reply = request(cmd);
    if (type(reply).equals("resync_required")) {
      return reply;
    }
    if (!type(reply).equals("subscribed")) {
      throw new AssertionError("subscribe refused: " + reply);
    }
    return reply;
  }

  public JsonNode post(long room, String body) {
    return request(java.util.Map.of("type", "post_message", "room", room, "body", body));
  }

  public JsonNode await(Predicate<JsonNode> match) {
    return awaitAfter(0, match);
  }

  /** Waits for a matching frame among those received after the first {@code from}. */
  public JsonNode awaitAfter(int from, Predicate<JsonNode> match) {
    return awaitAfter(from, match, WAIT);
  }

  /** Like {@link #awaitAfter(int, Predicate)}, giving up after {@code wait}. */
  public JsonNode awaitAfter(int from, Predicate<JsonNode> match, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    synchronized (received) {
      while (true) {
        for (int i = from; i < received.size(); i++) {
          if (match.test(received.get(i))) {
            return received.get(i);
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || closeCode != null) {
          throw new AssertionError("expected frame did not arrive" + (closeCode != null ? " (closed " + closeCode + ")" : "")
              + "; received: " + received);
        }
        try {
          received.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
  }

  /** Waits until at least {@code count} frames match. */
  public List<JsonNode> awaitCount(Predicate<JsonNode> match, int count) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    synchronized (received) {
      while (true) {
        List<JsonNode> hits = received.stream().filter(match).toList();
        if (hits.size() >= count) {
          return hits;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || closeCode != null) {
          throw new AssertionError("expected " + count + " frames, got " + hits.size() + (closeCode != null ? " (closed " + closeCode + ")" : ""));
        }
        try {
          received.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
  }

  public Short awaitClose() {
    long deadline = System.nanoTime() + WAIT.toNanos();
    synchronized (received) {
      while (closeCode == null) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("connection did not close");
        }
        try {
          received.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
      return closeCode;
    }
  }

  /** Stops reading from the socket, so the server's writes back up as with a stalled client. */
  public void pauseReading() {
    ws.pause();
  }

  public void resumeReading() {
    ws.resume();
  }

  /** Why the server closed the connection, if it did. */
  public String closeReason() {
    return closeReason;
  }

  /** Pings received: the server sends one per heartbeat (every 25 s). */
  public int pings() {
    return pings.get();
  }

  /** The close code (1006 when the connection dropped without one), or null while open. */
  public Short closeCode() {
    return closeCode;
  }

  public boolean isClosed() {
    return closeCode != null;
  }

  public List<JsonNode> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** Room events of one room received so far, in arrival order. */
  public List<JsonNode> roomEvents(long room) {
    return received().stream().filter(n -> n.has("seq") && n.path("room").asLong() == room && !type(n).equals("ack")
        && !type(n).equals("read_marker")).toList();
  }

  public static String type(JsonNode n) {
    return n.path("type").asText();
  }

  @Override
  public void close() {
    if (closeCode == null) {
      try {
        ws.close().await(5, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // already gone
      }
    }
    if (client != null) {
      client.close();
    }
  }
}
