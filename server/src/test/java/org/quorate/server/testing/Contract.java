package org.quorate.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The published contract — {@code asyncapi.yaml} and {@code openapi.yaml}, read from the classpath
 * exactly as the server serves them — checked with a standard JSON Schema validator (networknt):
 * AsyncAPI payloads under JSON Schema draft-07 (the AsyncAPI schema format's base), OpenAPI 3.0
 * schemas under its own dialect ({@code nullable}). Strict as the documents say: a closed object
 * ({@code additionalProperties: false}) refuses unknown fields, every enum and format is enforced.
 *
 * <p>The shared test clients ({@link WsClient}, {@link ApiClient}, {@link RawHttp}) report every
 * frame and answer they see here; a mismatch is collected in {@link #violations} and fails the test
 * that saw it ({@link ContractExtension}), naming the message type or operation, the JSON path and
 * the validator's error.
 */
public final class Contract {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final String ASYNCAPI = "classpath:asyncapi.yaml";
  static final String OPENAPI = "classpath:openapi.yaml";

  private static volatile Contract instance;

  static {
    // Loading a whole document as a schema resource makes the validator warn about every
    // non-schema key (info, paths, example, …) it meets; those are not schema problems.
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.networknt.schema"))
        .setLevel(ch.qos.logback.classic.Level.ERROR);
  }

  private final JsonNode asyncApi = read("/asyncapi.yaml");
  private final JsonNode openApi = read("/openapi.yaml");
  private final SchemaRegistry asyncRegistry = registry(Dialects.getDraft7());
  private final SchemaRegistry openRegistry = registry(Dialects.getOpenApi30());
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
  private final List<Route> routes = routes(openApi);
  private final List<String> violations = new ArrayList<>();

  private Contract() {}

  public static Contract get() {
    Contract c = instance;
    if (c == null) {
      synchronized (Contract.class) {
        if (instance == null) {
          instance = new Contract();
        }
        c = instance;
      }
    }
    return c;
  }

  /** The mismatches collected since the last call; none when no client has reported anything yet. */
  static List<String> drainIfUsed() {
    Contract c = instance;
    return c == null ? List.of() : c.drain();
  }

  // ---- WebSocket ----

  /** A frame the server sent: its type must be a documented server message and match its payload schema. */
  public void serverFrame(JsonNode frame) {
    String type = frame.path("type").asText();
    String ref = asyncApi.at("/components/messages/" + type + "/payload/$ref").asText("");
    if (ref.isEmpty() || !sentByServer(type)) {
      violation("server frame of undocumented type '" + type + "': " + abbreviate(frame));
      return;
    }
    check("server frame " + type, asyncSchema(ref), frame);
  }

  /** A command the server accepted (answered other than with {@code error}): it must be one a strict client could send. */
  public void acceptedCommand(JsonNode command) {
    command("accepted", command);
  }

  /**
   * A command our own web client sent (seen in the browser's traffic): whatever the server answers,
   * the client is written from the document, so every frame it sends must be a valid command.
   */
  public void sentCommand(String sender, JsonNode command) {
    command(sender + " sent", command);
  }

  private void command(String how, JsonNode command) {
    String type = command.path("type").asText();
    String ref = asyncApi.at("/components/messages/" + type + "/payload/$ref").asText("");
    if (ref.isEmpty() || sentByServer(type)) {
      violation(how.equals("accepted") ? "the server accepted the undocumented command '" + type + "': " + abbreviate(command)
          : how + " the undocumented command '" + type + "': " + abbreviate(command));
      return;
    }
    check(how + " command " + type, asyncSchema(ref), command);
  }

  private boolean sentByServer(String type) {
    return listed("sendEvent", type);
  }

  /** Whether asyncapi.yaml lists the message type under the operation (receiveCommand or sendEvent). */
  boolean listed(String operation, String type) {
    for (JsonNode m : asyncApi.at("/operations/" + operation + "/messages")) {
      if (m.path("$ref").asText().endsWith("/" + type)) {
        return true;
      }
    }
    return false;
  }

  private Schema asyncSchema(String ref) {
    return schemas.computeIfAbsent("async" + ref, k -> asyncRegistry.getSchema(SchemaLocation.of(ASYNCAPI + ref)));
  }

  // ---- REST ----

  /**
   * An answer to {@code method path}: when the path is a documented operation, the status must be
   * documented for it and a JSON body must match the documented schema. Undocumented paths are left
   * to {@code OpenApiIT}, which holds the route table and the document to each other.
   */
  public void restAnswer(String method, String pathAndQuery, int status, String contentType, String body) {
    Route route = route(method, pathAndQuery);
    if (route == null) {
      return;
    }
    String what = method + " " + route.template + " " + status;
    JsonNode responses = openApi.at(route.pointer + "/responses");
    JsonNode response = responses.get(String.valueOf(status));
    String pointer = route.pointer + "/responses/" + escape(String.valueOf(status));
    if (response == null && responses.has("default")) {
      response = responses.get("default");
      pointer = route.pointer + "/responses/default";
    }
    if (response == null && status == 503) {
      // The document's introduction gives every operation this answer while the store is unreachable.
      response = openApi.at("/components/responses/Unavailable");
      pointer = "/components/responses/Unavailable";
      if (response.isMissingNode()) {
        response = null;
      }
    }
    if (response == null) {
      violation(what + ": the status is not documented for this operation: " + abbreviate(body));
      return;
    }
    if (response.has("$ref")) {
      pointer = response.get("$ref").asText().substring(1);
      response = openApi.at(pointer);
    }
    boolean json = contentType != null && contentType.startsWith("application/json");
    JsonNode media = response.path("content").path("application/json");
    if (media.isMissingNode()) {
      if (json && !body.isEmpty()) {
        violation(what + ": answered JSON where the document promises " + fieldNames(response.path("content")) + ": " + abbreviate(body));
      }
      return;
    }
    if (!json) {
      violation(what + ": answered '" + contentType + "' where the document promises JSON");
      return;
    }
    JsonNode value;
    try {
      value = new ObjectMapper().readTree(body);
    } catch (IOException e) {
      violation(what + ": the body is not JSON: " + abbreviate(body));
      return;
    }
    String schemaPointer = pointer + "/content/application~1json/schema";
    Schema schema = schemas.computeIfAbsent("open" + schemaPointer,
        k -> openRegistry.getSchema(SchemaLocation.of(OPENAPI + "#" + schemaPointer)));
    check(what, schema, value);
  }

  /**
   * A JSON request body the server accepted (2xx): it must match the operation's request schema,
   * or a client written from the document could not send it.
   */
  public void acceptedRequest(String method, String pathAndQuery, String body) {
    Route route = route(method, pathAndQuery);
    if (route == null || !openApi.at(route.pointer + "/requestBody/content/application~1json/schema").isObject()) {
      return;
    }
    JsonNode value;
    try {
      value = new ObjectMapper().readTree(body);
    } catch (IOException e) {
      violation(method + " " + route.template + ": the server accepted a request body that is not JSON: " + abbreviate(body));
      return;
    }
    String schemaPointer = route.pointer + "/requestBody/content/application~1json/schema";
    Schema schema = schemas.computeIfAbsent("open" + schemaPointer,
        k -> openRegistry.getSchema(SchemaLocation.of(OPENAPI + "#" + schemaPointer)));
    check("accepted request " + method + " " + route.template, schema, value);
  }

  private Route route(String method, String pathAndQuery) {
    String path = URI.create("http://x" + pathAndQuery.replace(" ", "%20").replace("|", "%7C")).getRawPath();
    return routes.stream().filter(r -> r.method.equals(method) && r.pattern.matcher(path).matches()).findFirst().orElse(null);
  }

  // ---- shared ----

  private void check(String what, Schema schema, JsonNode value) {
    List<Error> errors = schema.validate(value);
    for (Error e : errors) {
      violation(what + " at " + e.getInstanceLocation() + ": " + e.getMessage() + " (was " + abbreviate(e.getInstanceNode())
          + ") [" + e.getSchemaLocation() + "]");
    }
  }

  private void violation(String text) {
    synchronized (violations) {
      violations.add(text);
    }
  }

  /** Takes the mismatches collected since the last call. */
  public List<String> drain() {
    synchronized (violations) {
      List<String> out = List.copyOf(violations);
      violations.clear();
      return out;
    }
  }

  /** Every problem of one value against a schema of the AsyncAPI document (for tests of the checker itself). */
  public List<String> asyncProblems(String schemaName, JsonNode value) {
    return asyncSchema("#/components/schemas/" + schemaName).validate(value).stream().map(Error::toString).toList();
  }

  private static SchemaRegistry registry(Dialect dialect) {
    SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
        .pathType(com.networknt.schema.path.PathType.JSON_PATH).build();
    return SchemaRegistry.withDefaultDialect(dialect, b -> b.schemaRegistryConfig(config));
  }

  private record Route(String method, String template, String pointer, Pattern pattern, int literals) {}

  /** Documented operations, literal segments first, so {@code /api/parties/import} wins over {@code /api/parties/{id}}. */
  private static List<Route> routes(JsonNode openApi) {
    List<Route> out = new ArrayList<>();
    openApi.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(method -> {
      if (List.of("get", "put", "post", "delete", "patch").contains(method)) {
        String template = p.getKey();
        String regex = Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
        int literals = (int) java.util.Arrays.stream(template.split("/")).filter(s -> !s.startsWith("{")).count();
        out.add(new Route(method.toUpperCase(), template, "/paths/" + escape(template) + "/" + method, Pattern.compile(regex), literals));
      }
    }));
    out.sort(Comparator.comparingInt(Route::literals).reversed());
    return out;
  }

  private static String escape(String pointerToken) {
    return pointerToken.replace("~", "~0").replace("/", "~1");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static String abbreviate(Object value) {
    String s = String.valueOf(value);
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }

  private static JsonNode read(String resource) {
    try (InputStream in = Contract.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new AssertionError(resource + " is not on the classpath");
      }
      return YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
