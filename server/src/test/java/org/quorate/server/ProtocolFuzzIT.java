package org.quorate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quorate.protocol.ClientCommand;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.Malformed;
import org.quorate.server.testing.RawWebSocket;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * A seeded, deterministic fuzzer: thousands of malformed WebSocket commands (every command type of
 * the protocol) and REST bodies (every route that takes one) must each get a typed answer — never
 * a 5xx or {@code internal} — and the server must be healthy afterwards. Run another seed with
 * {@code -Dquorate.fuzz.seed=N}.
 */
@DemoServer
class ProtocolFuzzIT {
  static final long SEED = Long.getLong("quorate.fuzz.seed", 20_261_204L);
  static final int WS_CASES = 2_000;
  static final int INVALID_UTF8_CASES = 40;
  static final int REST_CASES = 2_000;
  /** Below the gateway's command burst, so cases test decoding and handling rather than the rate limit. */
  static final int CASES_PER_CONNECTION = 100;
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  static final Pattern PATH_PARAM = Pattern.compile("\\{[^}]+}");

  static TestServer server;

  @Test
  void malformedCommandsAndBodiesAllGetTypedAnswersAndTheServerStaysHealthy() {
    System.out.println("ProtocolFuzzIT seed " + SEED + " (rerun with -Dquorate.fuzz.seed=" + SEED + ")");
    Random random = new Random(SEED);
    Malformed gen = new Malformed(random);
    String adminToken = server.as("admin").token();
    String kateToken = server.as("kate").token();
    long target = server.as("admin").post("/api/rooms", Map.of("name", "fuzz target", "classification", "white")).json()
        .get("id").asLong();
    long untouched = server.as("admin").post("/api/rooms", Map.of("name", "after the fuzz", "classification", "white")).json()
        .get("id").asLong();
    long started = System.nanoTime();

    Map<String, Integer> wsOutcomes = fuzzWebSocket(gen, adminToken, target);
    double wsSeconds = (System.nanoTime() - started) / 1e9;
    Map<String, Integer> utf8Outcomes = fuzzInvalidUtf8(gen, adminToken, target);
    Map<String, Integer> restOutcomes = fuzzRest(gen, adminToken, target);

    System.out.printf("ProtocolFuzzIT: %d WebSocket commands %s in %.1f s, %d invalid UTF-8 frames %s, %d REST bodies %s; %.1f s in all%n",
        WS_CASES, wsOutcomes, wsSeconds, INVALID_UTF8_CASES, utf8Outcomes, REST_CASES, restOutcomes,
        (System.nanoTime() - started) / 1e9);
    assertThat(wsOutcomes.keySet()).noneMatch(k -> k.contains("internal"));
    assertThat(restOutcomes.keySet()).noneMatch(k -> k.startsWith("5") || k.contains("internal"));
    assertThat(utf8Outcomes).containsOnlyKeys("close 1007");

    // Healthy afterwards: health is green and an ordinary user posts as usual.
    assertThat(server.api().get("/health").status()).isEqualTo(200);
    try (WsClient kate = WsClient.connect(server.port(), kateToken)) {
      assertThat(WsClient.type(kate.post(untouched, "business as usual"))).isEqualTo("ack");
    }
  }

  // ---- WebSocket ----

  static Map<String, Integer> fuzzWebSocket(Malformed gen, String token, long room) {
    List<String> types = new ArrayList<>();
    Map<String, Class<?>> classes = new TreeMap<>();
    for (JsonSubTypes.Type t : ClientCommand.class.getAnnotation(JsonSubTypes.class).value()) {
      types.add(t.name());
      classes.put(t.name(), t.value());
    }
    Map<String, Integer> outcomes = new TreeMap<>();
    WsClient ws = null;
    try {
      for (int i = 0; i < WS_CASES; i++) {
        if (ws == null || i % CASES_PER_CONNECTION == 0 || ws.isClosed()) {
          if (ws != null) {
            ws.close();
          }
          ws = WsClient.connect(server.port(), token);
        }
        // Every command type in turn, so each is covered about equally; one in ten an unknown type.
        String type = i % 10 == 9 ? "no_such_" + i : types.get(i % types.size());
        String id = "fz" + i;
        String text = command(gen, type, classes.get(type), id, room);
        outcomes.merge(send(ws, text, id, type), 1, Integer::sum);
      }
    } finally {
      if (ws != null) {
        ws.close();
      }
    }
    return outcomes;
  }

  static String command(Malformed gen, String type, Class<?> record, String id, long room) {
    List<String[]> fields = new ArrayList<>();
    fields.add(new String[] {"type", Malformed.quote(type)});
    fields.add(new String[] {"id", Malformed.quote(id)});
    if (record != null && record.isRecord()) {
      for (var component : record.getRecordComponents()) {
        String name = snake(component.getName());
        if (!name.equals("id")) {
          fields.add(new String[] {name, plausible(name, component.getType(), room)});
        }
      }
    }
    String text = gen.object(fields);
    if (gen.chance(0.12)) {
      text = gen.spoil(text);
    }
    return text.length() > Malformed.MAX_MESSAGE_CHARS ? text.substring(0, Malformed.MAX_MESSAGE_CHARS) : text;
  }

  /** A value a well-formed command might carry in this field. */
  static String plausible(String field, Class<?> type, long room) {
    return switch (field) {
      case "room" -> Long.toString(room);
      case "protocol_version" -> "1";
      case "choice" -> "\"for\"";
      case "mode" -> "\"remote\"";
      case "options" -> "[\"for\",\"against\"]";
      case "mentions" -> "[]";
      case "token" -> "\"not-a-token\"";
      default -> type == Long.class || type == Integer.class || type == int.class || type == long.class ? "1"
          : type == Boolean.class ? "true" : type == String.class ? "\"fuzzed text\"" : null;
    };
  }

  /** Sends one command and waits for its answer; returns the outcome ("error invalid", "ack", ...). */
  static String send(WsClient ws, String text, String id, String type) {
    int from = ws.received().size();
    ws.sendRaw(text);
    // Answers (ack, error, subscribed, history, ...) carry an id field, possibly null; room events do not.
    // Cases run one at a time, so the first answer after sending is this case's.
    try {
      JsonNode reply = ws.awaitAfter(from, n -> n.has("id"),
          type.equals("typing") ? Duration.ofMillis(300) : Duration.ofSeconds(10));
      return WsClient.type(reply).equals("error") ? "error " + reply.path("code").asText() : WsClient.type(reply);
    } catch (AssertionError silent) {
      if (ws.isClosed()) {
        return "closed";
      }
      // Some valid commands (typing in a subscribed room) have no answer by design.
      assertThat(type).as("no answer to: " + Malformed.quote(text.length() > 300 ? text.substring(0, 300) : text))
          .isEqualTo("typing");
      return "no answer";
    }
  }

  static Map<String, Integer> fuzzInvalidUtf8(Malformed gen, String token, long room) {
    Map<String, Integer> outcomes = new TreeMap<>();
    for (int i = 0; i < INVALID_UTF8_CASES; i++) {
      byte[] bytes;
      do {
        bytes = gen.invalidUtf8("{\"type\":\"post_message\",\"id\":\"u" + i + "\",\"room\":" + room + ",\"body\":\"café\"}");
      } while (isValidUtf8(bytes));
      try (RawWebSocket raw = RawWebSocket.connect(server.port(), token)) {
        raw.send(RawWebSocket.TEXT, bytes);
        outcomes.merge("close " + raw.awaitCloseCode(), 1, Integer::sum);
      }
    }
    return outcomes;
  }

  static boolean isValidUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  // ---- REST ----

  /** A route that takes a body, with (name, plausible value) pairs for its fields. */
  record Route(String method, String path, List<String[]> fields) {}

  static Map<String, Integer> fuzzRest(Malformed gen, String token, long room) {
    List<Route> routes = restRoutesWithBodies();
    assertThat(routes).hasSizeGreaterThan(10);
    Map<String, Integer> outcomes = new TreeMap<>();
    List<String> ids = List.of("1", "2", "3", "4", "999999", "0", "-1", "abc", "MP001", "MP501", "9223372036854775808", "%00",
        "%F0%9F%92%A5", Long.toString(room));
    for (int i = 0; i < REST_CASES; i++) {
      Route route = routes.get(i % routes.size()); // every route in turn
      Matcher m = PATH_PARAM.matcher(route.path());
      StringBuilder target = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(target, Matcher.quoteReplacement(gen.pick(ids)));
      }
      m.appendTail(target);
      List<String[]> fields = route.fields();
      String json = gen.object(fields);
      if (gen.chance(0.15)) {
        json = gen.spoil(json);
      }
      byte[] body = gen.chance(0.05) ? gen.invalidUtf8(json) : json.getBytes(StandardCharsets.UTF_8);
      if (gen.chance(0.05)) {
        body = null;
      }
      String contentType = gen.chance(0.9) ? "application/json" : gen.pick(List.of("text/csv", "text/plain", "application/xml"));
      HttpResponse<String> r = send(route.method(), target.toString(), token, contentType, body);
      String error = r.body().startsWith("{") ? errorOf(r.body()) : "";
      String outcome = r.statusCode() + (error.isEmpty() ? "" : " " + error);
      if (r.statusCode() >= 500 || error.equals("internal")) {
        System.out.println("ProtocolFuzzIT: " + route.method() + " " + target + " -> " + r.statusCode() + " " + r.body()
            + " for " + (body == null ? "no body" : new String(body, StandardCharsets.UTF_8).substring(0, Math.min(300, body.length))));
      }
      outcomes.merge(outcome, 1, Integer::sum);
    }
    return outcomes;
  }

  /** One kept-alive client for every REST case: connection set-up would otherwise dominate the run time. */
  static HttpResponse<String> send(String method, String target, String token, String contentType, byte[] body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + target)).timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String errorOf(String body) {
    try {
      return JSON.readTree(body).path("error").asText("");
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Every mounted route that takes a body, with its field names from the OpenAPI document. Sign-out
   * is left out: fuzzing it would only revoke the fuzzer's own token.
   */
  static List<Route> restRoutesWithBodies() {
    JsonNode doc = openApi();
    List<Route> routes = new ArrayList<>();
    for (String entry : server.server().routeTable()) {
      String method = entry.substring(0, entry.indexOf(' '));
      String path = entry.substring(entry.indexOf(' ') + 1);
      if (!List.of("POST", "PUT", "PATCH").contains(method) || !path.startsWith("/api/") || path.equals("/api/logout")) {
        continue;
      }
      routes.add(new Route(method, path, fieldsOf(doc, doc.path("paths").path(path).path(method.toLowerCase()))));
    }
    return routes;
  }

  static List<String[]> fieldsOf(JsonNode doc, JsonNode operation) {
    JsonNode schema = resolve(doc, operation.path("requestBody").path("content").path("application/json").path("schema"));
    List<String[]> fields = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      fields.add(new String[] {property.getKey(), plausible(resolve(doc, property.getValue()))});
    }
    if (fields.isEmpty()) {
      for (String name : List.of("name", "body", "reason", "user_id", "room", "choice")) {
        fields.add(new String[] {name, null});
      }
    }
    return fields;
  }

  static JsonNode resolve(JsonNode doc, JsonNode schema) {
    return schema.has("$ref") ? doc.at(schema.get("$ref").asText().substring(1)) : schema;
  }

  /** A value that fits the schema: its example, its first enum value, or one of its type. */
  static String plausible(JsonNode schema) {
    if (schema.has("example")) {
      return schema.get("example").toString();
    }
    if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
      return schema.path("enum").get(0).toString();
    }
    return switch (schema.path("type").asText()) {
      case "integer", "number" -> "1";
      case "boolean" -> "true";
      case "string" -> "\"fuzzed text\"";
      case "array" -> "[]";
      case "object" -> "{}";
      default -> null;
    };
  }

  static JsonNode openApi() {
    try (InputStream in = ProtocolFuzzIT.class.getResourceAsStream("/openapi.yaml")) {
      return new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
  }
}
