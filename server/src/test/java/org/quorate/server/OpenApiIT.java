package org.quorate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.OpenApiDocument;
import org.quorate.server.testing.OpenApiDocument.Operation;
import org.quorate.server.testing.TestServer;

/** Holds {@code openapi.yaml} and the running server to each other, in both directions. */
class OpenApiIT {
  static TestServer server;
  static OpenApiDocument document;

  @BeforeAll
  static void start() {
    server = TestServer.startWithDemoData();
    document = OpenApiDocument.load();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theServedDocumentIsTheOneTheseTestsCheck() {
    ApiClient.Response served = server.api().get("/openapi.yaml");
    assertThat(served.status()).isEqualTo(200);
    assertThat(served.contentType()).startsWith("application/yaml");
    assertThat(served.body()).startsWith("openapi: 3.0.3");
    assertThat(document.root().path("openapi").asText()).isEqualTo("3.0.3");
  }

  @Test
  void everyRouteTheRouterMountsIsDocumentedAndNothingElseIs() {
    Set<String> mounted = new TreeSet<>(server.server().routeTable());
    Set<String> documented = new TreeSet<>();
    document.operations().forEach(op -> documented.add(op.key()));

    assertThat(mounted).contains("POST /api/login", "GET /api/parties/{id}", "GET /health");
    assertThat(documented).as("documented routes").isEqualTo(mounted);
  }

  @Test
  void everyReferenceResolvesAndEveryOperationIsNamedOnce() {
    Set<String> ids = new HashSet<>();
    for (Operation op : document.operations()) {
      assertThat(ids.add(op.node().path("operationId").asText())).as("unique operationId of " + op.key()).isTrue();
      assertThat(document.statuses(op)).as(op.key()).isNotEmpty();
      op.node().path("responses").forEach(document::resolve);
      op.parameters().forEach(p -> assertThat(p.path("name").asText()).isNotEmpty());
    }
    document.root().path("components").path("schemas").forEach(schema -> walkReferences(schema));
  }

  /**
   * Calls each documented operation with placeholder ids and an empty body, signed in as an
   * administrator: none may meet the "no such route" 404, each answer's status must be documented
   * for that operation, and a JSON answer must match the documented schema.
   */
  @Test
  void everyDocumentedOperationIsServedAndAnswersAsDocumented() {
    List<String> problems = new ArrayList<>();
    for (Operation op : document.operations()) {
      ApiClient admin = server.as("admin");
      String path = op.path();
      for (JsonNode parameter : op.parameters()) {
        boolean numeric = "integer".equals(parameter.path("schema").path("type").asText());
        path = path.replace("{" + parameter.path("name").asText() + "}", numeric ? "987654" : "MP99999");
      }
      boolean csv = op.node().path("requestBody").path("content").has("text/csv");
      ApiClient.Response r = switch (op.method()) {
        case "GET" -> admin.get(path);
        case "DELETE" -> admin.delete(path);
        case "PUT" -> admin.put(path, "{}");
        case "POST" -> csv ? admin.postText(path, "text/csv", "nonsense") : admin.post(path, "{}");
        default -> throw new AssertionError("unexpected method " + op.method());
      };
      if (r.status() == 404 && r.body().contains("no such")) {
        problems.add(op.key() + " is documented but not served: " + r);
        continue;
      }
      if (!document.statuses(op).contains(r.status())) {
        problems.add(op.key() + " answered " + r.status() + ", not documented: " + r);
        continue;
      }
      conforms(op, r).forEach(p -> problems.add(op.key() + " " + r.status() + ": " + p));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void realReadsMatchTheDocumentedSchemas() {
    ApiClient alice = server.api();
    check("POST", "/api/login", alice.login("alice", TestServer.DEMO_PASSWORD));
    check("GET", "/api/me", alice.get("/api/me"));
    check("GET", "/api/party-categories", alice.get("/api/party-categories"));
    check("GET", "/api/voting-groups", alice.get("/api/voting-groups"));
    JsonNode parties = check("GET", "/api/parties", alice.get("/api/parties"));
    check("GET", "/api/parties/{id}", alice.get("/api/parties/" + parties.get(0).get("id").asLong()));
    JsonNode users = check("GET", "/api/users", alice.get("/api/users"));
    check("GET", "/api/users/{id}", alice.get("/api/users/" + users.get(0).get("id").asLong()));
    JsonNode bodies = check("GET", "/api/bodies", alice.get("/api/bodies"));
    check("GET", "/api/bodies/{id}", alice.get("/api/bodies/" + bodies.get(0).get("id").asLong()));
    check("GET", "/api/modifications", alice.get("/api/modifications"));
    check("GET", "/api/modifications/{id}", alice.get("/api/modifications/MP215"));
    check("GET", "/health", alice.get("/health"));

    check("POST", "/api/login", server.api().login("alice", "wrong-password"));
    check("GET", "/api/me", server.api().get("/api/me"));
    check("POST", "/api/parties", alice.post("/api/parties", Map.of("name", "Alice's Own Ltd", "category", "dcc")));
    check("GET", "/api/parties/{id}", alice.get("/api/parties/987654"));
  }

  @Test
  void realWritesMatchTheDocumentedSchemas() {
    ApiClient admin = server.as("admin");
    long party = check("POST", "/api/parties", admin.post("/api/parties",
        Map.of("name", "Schema Check Ltd", "category", "small_supplier"))).get("id").asLong();
    check("PUT", "/api/parties/{id}", admin.put("/api/parties/" + party,
        Map.of("name", "Schema Check plc", "category", "large_supplier", "voting_group", "Schema Group")));
    check("POST", "/api/parties", admin.post("/api/parties", Map.of("name", "Schema Check plc", "category", "dcc")));
    check("POST", "/api/parties/import", admin.postText("/api/parties/import", "text/csv",
        "name,category,voting_group\nImported Schema Ltd,gas_network,\n"));
    check("POST", "/api/parties/import", admin.postText("/api/parties/import", "text/csv",
        "name,category,voting_group\nbroken line\n"));

    long user = check("POST", "/api/users", admin.post("/api/users", Map.of("username", "schema-user",
        "display_name", "Schema User", "password", "long-enough-secret", "party_id", party, "roles", List.of("member"))))
        .get("id").asLong();
    check("PUT", "/api/users/{id}", admin.put("/api/users/" + user,
        Map.of("display_name", "Schema User", "roles", List.of("member", "observer"))));

    long body = check("POST", "/api/bodies", admin.post("/api/bodies",
        Map.of("code", "WG_SCHEMA", "name", "Schema Working Group", "kind", "working_group"))).get("id").asLong();
    check("PUT", "/api/bodies/{id}", admin.put("/api/bodies/" + body,
        Map.of("code", "WG_SCHEMA", "name", "Schema Working Group", "kind", "working_group", "chair_user_id", user)));
    check("POST", "/api/bodies/{id}/members", admin.post("/api/bodies/" + body + "/members",
        Map.of("user_id", user, "seat", "Member", "voting", true, "party_id", party)));
    check("DELETE", "/api/bodies/{id}/members/{userId}", admin.delete("/api/bodies/" + body + "/members/" + user));

    check("POST", "/api/modifications", admin.post("/api/modifications",
        Map.of("id", "MP777", "title", "Schema check", "path", "fast_track", "proposer_party_id", party)));
    check("PUT", "/api/modifications/{id}", admin.put("/api/modifications/MP777",
        Map.of("title", "Schema check, revised", "path", "path_3_self_governance")));
    check("POST", "/api/modifications/{id}/stage", admin.post("/api/modifications/MP777/stage",
        Map.of("stage", "refinement", "reason", "Working Group formed")));
    check("POST", "/api/modifications/{id}/stage", admin.post("/api/modifications/MP777/stage",
        Map.of("stage", "refinement", "reason", "twice")));
    check("POST", "/api/logout", admin.post("/api/logout", "{}"));
  }

  private static JsonNode check(String method, String template, ApiClient.Response r) {
    Operation op = document.operation(method, template);
    assertThat(document.statuses(op)).as(method + " " + template + " answered " + r).contains(r.status());
    assertThat(conforms(op, r)).as(method + " " + template + " " + r.status() + " " + r.body()).isEmpty();
    return r.body().isEmpty() ? null : r.json();
  }

  private static List<String> conforms(Operation op, ApiClient.Response r) {
    JsonNode schema = document.responseSchema(op, r.status());
    if (schema == null) {
      return r.contentType().startsWith("application/json")
          ? List.of("answered JSON where the document promises none")
          : List.of();
    }
    if (!r.contentType().startsWith("application/json")) {
      return List.of("answered " + r.contentType() + " where the document promises JSON");
    }
    return document.problems(r.json(), schema);
  }

  private static void walkReferences(JsonNode node) {
    if (node.has("$ref")) {
      document.resolve(node);
    }
    node.forEach(OpenApiIT::walkReferences);
  }
}
