package org.quorate.server.access;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quorate.server.access.AccessMatrix.Persona;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * Each persona's REST client and WebSocket, and what each cell answered. Every response body and
 * every frame a persona receives is kept, so that the markers can be looked for afterwards.
 */
final class MatrixCalls implements AutoCloseable {
  /** What a cell answered: allowed (2xx or an acknowledgement), or refused with a status and code. */
  record Answer(boolean allowed, int status, String code, String text) {
    /** Past the access check but refused for the state of things (409, e.g. already done): still allowed. */
    boolean stateRefusal() {
      return allowed && (status == 409 || "conflict".equals(code) || "decision_closed".equals(code));
    }

    JsonNode json() {
      try {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
      } catch (java.io.IOException e) {
        throw new AssertionError("not JSON: " + text, e);
      }
    }

    @Override
    public String toString() {
      String excerpt = text.length() > 160 ? text.substring(0, 160) + "..." : text;
      return (allowed ? "allowed" : "refused") + " " + (status == 0 ? "" : status + " ") + (code == null ? "" : code) + " " + excerpt;
    }
  }

  /**
   * A text a persona was shown, where it came from, and whether it came after the persona's socket
   * was told of a given redaction (every REST answer the matrix looks at does); for a frame, the
   * room it is about (0 for none, for REST answers, and for replies that only echo the command's room).
   */
  record Seen(Persona persona, String source, String text, boolean afterRedaction, long frameRoom) {}

  private final TestServer server;
  private final Map<Persona, ApiClient> rest = new EnumMap<>(Persona.class);
  private final Map<Persona, WsClient> sockets = new EnumMap<>(Persona.class);
  /** Sockets opened for one cell (signing in, signed out); their frames are looked at too. */
  private final List<Map.Entry<Persona, WsClient>> extraSockets = new ArrayList<>();
  private final List<Seen> seen = new ArrayList<>();

  MatrixCalls(TestServer server) {
    this.server = server;
    for (Persona p : Persona.values()) {
      if (p == Persona.SIGNED_OUT) {
        rest.put(p, server.api());
      } else {
        rest.put(p, server.as(p.username));
        sockets.put(p, WsClient.connect(server.port(), rest.get(p).token()));
      }
    }
  }

  ApiClient client(Persona p) {
    return rest.get(p);
  }

  WsClient socket(Persona p) {
    return sockets.get(p);
  }

  String token(Persona p) {
    return rest.get(p).token();
  }

  // ---- REST ----

  Answer get(Persona p, String path) {
    return answer(p, "GET " + path, rest.get(p).get(path));
  }

  Answer post(Persona p, String path, Object body) {
    return answer(p, "POST " + path, rest.get(p).post(path, body));
  }

  Answer put(Persona p, String path, Object body) {
    return answer(p, "PUT " + path, rest.get(p).put(path, body));
  }

  Answer delete(Persona p, String path) {
    return answer(p, "DELETE " + path, rest.get(p).delete(path));
  }

  Answer answer(Persona p, String source, ApiClient.Response r) {
    synchronized (seen) {
      seen.add(new Seen(p, source, r.body(), true, 0));
    }
    boolean allowed = r.status() / 100 == 2 || r.status() == 409;
    String code = null;
    if (r.status() >= 400 && r.contentType().startsWith("application/json")) {
      code = r.json().path("error").asText(null);
    }
    return new Answer(allowed, r.status(), code, r.body());
  }

  // ---- WebSocket ----

  /** Sends a command on the persona's socket (a fresh unauthenticated one when signed out). */
  Answer ws(Persona p, Map<String, Object> command) {
    WsClient socket = p == Persona.SIGNED_OUT ? openSignedOut() : sockets.get(p);
    JsonNode reply = socket.request(command);
    if (p == Persona.SIGNED_OUT) {
      socket.close();
    }
    return answer(reply);
  }

  static Map<String, Object> command(String type, Object... fields) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", type);
    for (int i = 0; i < fields.length; i += 2) {
      c.put((String) fields[i], fields[i + 1]);
    }
    return c;
  }

  static Answer answer(JsonNode reply) {
    String type = WsClient.type(reply);
    if (!type.equals("error")) {
      return new Answer(true, 0, null, reply.toString());
    }
    String code = reply.path("code").asText();
    boolean state = code.equals("conflict") || code.equals("decision_closed");
    return new Answer(state, 0, code, reply.toString());
  }

  /**
   * {@code typing} is never acknowledged: it is refused at once if it is refused at all, so a
   * command sent after it on the same socket, once answered, shows that no refusal came.
   */
  Answer typing(Persona p, long room) {
    WsClient socket = p == Persona.SIGNED_OUT ? openSignedOut() : sockets.get(p);
    String id = WsClient.newId();
    int from = socket.received().size();
    socket.sendJson(command("typing", "id", id, "room", room));
    socket.request(command("unsubscribe", "room", Long.MAX_VALUE / 2));
    List<JsonNode> after = socket.received();
    for (int i = from; i < after.size(); i++) {
      if (id.equals(after.get(i).path("id").asText()) && WsClient.type(after.get(i)).equals("error")) {
        return answer(after.get(i));
      }
    }
    if (p == Persona.SIGNED_OUT) {
      socket.close();
    }
    return new Answer(true, 0, null, "no refusal");
  }

  WsClient openSignedOut() {
    WsClient c = WsClient.open(server.port(), null, null);
    extraSockets.add(Map.entry(Persona.SIGNED_OUT, c));
    return c;
  }

  /** A socket that signs in with {@code authenticate} (or fails to, with a token that is not one). */
  Answer authenticate(Persona p) {
    WsClient c = WsClient.open(server.port(), null, null);
    extraSockets.add(Map.entry(p, c));
    String token = p == Persona.SIGNED_OUT ? "not-a-token" : token(p);
    Answer a = answer(c.request(command("authenticate", "token", token, "protocol_version", org.quorate.protocol.Protocol.VERSION)));
    c.close();
    return a;
  }

  /** Every text each persona was shown: REST bodies, and every frame on its sockets. */
  List<Seen> everythingSeen(long redactedMessage) {
    List<Seen> out;
    synchronized (seen) {
      out = new ArrayList<>(seen);
    }
    sockets.forEach((p, s) -> addFrames(out, p, s, redactedMessage));
    extraSockets.forEach(e -> addFrames(out, e.getKey(), e.getValue(), redactedMessage));
    return out;
  }

  private static void addFrames(List<Seen> out, Persona p, WsClient socket, long redactedMessage) {
    boolean after = false;
    for (JsonNode f : socket.received()) {
      out.add(new Seen(p, "frame " + WsClient.type(f), f.toString(), after,
          Set.of("error", "ack").contains(WsClient.type(f)) ? 0 : f.path("room").asLong()));
      after |= WsClient.type(f).equals("message_deleted") && f.path("message_id").asLong() == redactedMessage;
    }
  }

  @Override
  public void close() {
    sockets.values().forEach(WsClient::close);
    extraSockets.forEach(e -> e.getValue().close());
  }
}
