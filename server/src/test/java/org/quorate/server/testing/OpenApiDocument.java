package org.quorate.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The server's {@code openapi.yaml}, read from the classpath, with a strict check of JSON values
 * against its schemas: the subset of OpenAPI 3.0 the document uses ({@code $ref}, {@code allOf},
 * {@code type}, {@code required}, {@code properties}, {@code items}, {@code enum}, {@code nullable},
 * {@code pattern}, {@code format: date-time}). A property the schema does not list is a problem
 * too, so the document cannot fall behind what the server sends, unless the schema explicitly says
 * {@code additionalProperties: true} (room events, whose fields asyncapi.yaml specifies).
 */
public final class OpenApiDocument {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

  private final JsonNode root;

  private OpenApiDocument(JsonNode root) {
    this.root = root;
  }

  public static OpenApiDocument load() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream("/openapi.yaml")) {
      if (in == null) {
        throw new AssertionError("openapi.yaml is not on the classpath");
      }
      return new OpenApiDocument(new ObjectMapper(new YAMLFactory()).readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public JsonNode root() {
    return root;
  }

  public record Operation(String method, String path, JsonNode node, List<JsonNode> parameters) {
    public String key() {
      return method + " " + path;
    }
  }

  public List<Operation> operations() {
    List<Operation> out = new ArrayList<>();
    root.path("paths").fields().forEachRemaining(path -> {
      List<JsonNode> shared = new ArrayList<>();
      path.getValue().path("parameters").forEach(p -> shared.add(resolve(p)));
      path.getValue().fields().forEachRemaining(op -> {
        if (METHODS.contains(op.getKey())) {
          List<JsonNode> parameters = new ArrayList<>(shared);
          op.getValue().path("parameters").forEach(p -> parameters.add(resolve(p)));
          out.add(new Operation(op.getKey().toUpperCase(), path.getKey(), op.getValue(), parameters));
        }
      });
    });
    return out;
  }

  public Operation operation(String method, String path) {
    return operations().stream().filter(o -> o.method().equals(method) && o.path().equals(path)).findFirst()
        .orElseThrow(() -> new AssertionError("openapi.yaml does not document " + method + " " + path));
  }

  public Set<Integer> statuses(Operation op) {
    Set<Integer> out = new LinkedHashSet<>();
    op.node().path("responses").fieldNames().forEachRemaining(s -> out.add(Integer.parseInt(s)));
    return out;
  }

  /** The content types documented for a response (empty when it has no body). */
  public Set<String> contentTypes(Operation op, int status) {
    Set<String> out = new LinkedHashSet<>();
    resolve(op.node().path("responses").path(String.valueOf(status))).path("content").fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** The documented JSON schema of a response, or null when the response has no JSON body. */
  public JsonNode responseSchema(Operation op, int status) {
    JsonNode response = resolve(op.node().path("responses").path(String.valueOf(status)));
    JsonNode schema = response.path("content").path("application/json").path("schema");
    return schema.isMissingNode() ? null : schema;
  }

  public JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    while (current.has("$ref")) {
      String ref = current.get("$ref").asText();
      if (!ref.startsWith("#/")) {
        throw new AssertionError("only local references are supported: " + ref);
      }
      JsonNode target = root.at(ref.substring(1));
      if (target.isMissingNode()) {
        throw new AssertionError("unresolved reference " + ref);
      }
      current = target;
    }
    return current;
  }

  /** Every way {@code value} departs from {@code schema}; empty when it conforms. */
  public List<String> problems(JsonNode value, JsonNode schema) {
    List<String> out = new ArrayList<>();
    check(value, schema, "$", out);
    return out;
  }

  private void check(JsonNode value, JsonNode schemaOrRef, String at, List<String> out) {
    JsonNode schema = resolve(schemaOrRef);
    if (value.isNull()) {
      if (!schema.path("nullable").asBoolean(false)) {
        out.add(at + " is null but not nullable");
      }
      return;
    }
    schema.path("allOf").forEach(part -> check(value, part, at, out));
    if (schema.has("enum")) {
      boolean listed = false;
      for (JsonNode allowed : schema.get("enum")) {
        listed |= allowed.equals(value);
      }
      if (!listed) {
        out.add(at + " = " + value + " is not one of " + schema.get("enum"));
      }
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "object" -> checkObject(value, schema, at, out);
      case "array" -> {
        if (!value.isArray()) {
          out.add(at + " should be an array: " + value);
        } else {
          for (int i = 0; i < value.size(); i++) {
            check(value.get(i), schema.path("items"), at + "[" + i + "]", out);
          }
        }
      }
      case "string" -> checkString(value, schema, at, out);
      case "integer" -> expect(value.isIntegralNumber(), at, "an integer", value, out);
      case "number" -> expect(value.isNumber(), at, "a number", value, out);
      case "boolean" -> expect(value.isBoolean(), at, "a boolean", value, out);
      case "" -> { }
      default -> out.add(at + ": the schema has an unknown type " + type);
    }
  }

  private void checkObject(JsonNode value, JsonNode schema, String at, List<String> out) {
    if (!value.isObject()) {
      out.add(at + " should be an object: " + value);
      return;
    }
    schema.path("required").forEach(r -> {
      if (!value.has(r.asText())) {
        out.add(at + "." + r.asText() + " is required but missing");
      }
    });
    JsonNode properties = schema.path("properties");
    boolean open = schema.path("additionalProperties").asBoolean(false);
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!properties.has(field.getKey())) {
        if (!open) {
          out.add(at + "." + field.getKey() + " is not documented");
        }
      } else {
        check(field.getValue(), properties.get(field.getKey()), at + "." + field.getKey(), out);
      }
    }
  }

  private static void checkString(JsonNode value, JsonNode schema, String at, List<String> out) {
    if (!value.isTextual()) {
      out.add(at + " should be a string: " + value);
      return;
    }
    if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
      out.add(at + " = " + value + " does not match " + schema.get("pattern").asText());
    }
    if ("date-time".equals(schema.path("format").asText())) {
      try {
        OffsetDateTime.parse(value.asText());
      } catch (DateTimeParseException e) {
        out.add(at + " = " + value + " is not an ISO-8601 date-time");
      }
    }
  }

  private static void expect(boolean ok, String at, String what, JsonNode value, List<String> out) {
    if (!ok) {
      out.add(at + " should be " + what + ": " + value);
    }
  }

  /**
   * Asserts that a real response is one the document promises for the operation (status, content
   * type, and a JSON body matching its schema strictly); returns the JSON body, if any.
   */
  public JsonNode check(String method, String template, ApiClient.Response r) {
    Operation op = operation(method, template);
    org.assertj.core.api.Assertions.assertThat(statuses(op)).as(method + " " + template + " answered " + r).contains(r.status());
    org.assertj.core.api.Assertions.assertThat(conforms(op, r)).as(method + " " + template + " " + r.status() + " " + r.body()).isEmpty();
    return r.body().isEmpty() || !r.contentType().startsWith("application/json") ? null : r.json();
  }

  /** What a real response breaks of the document (status aside): content type and schema. */
  public List<String> conforms(Operation op, ApiClient.Response r) {
    JsonNode schema = responseSchema(op, r.status());
    if (schema == null) {
      if (r.contentType().startsWith("application/json")) {
        return List.of("answered JSON where the document promises none");
      }
      java.util.Set<String> documented = contentTypes(op, r.status());
      return documented.isEmpty() || documented.stream().anyMatch(r.contentType()::startsWith)
          ? List.of()
          : List.of("answered " + r.contentType() + " where the document promises " + documented);
    }
    if (!r.contentType().startsWith("application/json")) {
      return List.of("answered " + r.contentType() + " where the document promises JSON");
    }
    return problems(r.json(), schema);
  }
}
