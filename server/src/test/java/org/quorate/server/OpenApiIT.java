package org.quorate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.protocol.ProtocolCodec;
import org.quorate.protocol.RoomEvent;
import org.quorate.protocol.ServerEvent;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.OpenApiDocument;
import org.quorate.server.testing.OpenApiDocument.Operation;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** Holds {@code openapi.yaml} and the running server to each other, in both directions. */
@DemoServer
class OpenApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  static TestServer server;
  static OpenApiDocument document;

  @BeforeAll
  static void start() {
    document = OpenApiDocument.load();
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
      document.conforms(op, r).forEach(p -> problems.add(op.key() + " " + r.status() + ": " + p));
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
        Map.of("code", "WG_SCHEMA", "name", "Schema Working Group", "kind", "working_group", "rules", "WORKING_GROUP")))
        .get("id").asLong();
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

  /**
   * The room, thread, search, notification and decision reads with real content (messages, an
   * edit, open and sealed decisions, ballots, a close, a track, a proxy) match their schemas, and
   * every room event in a page is exactly a protocol room event as asyncapi.yaml specifies it.
   */
  @Test
  void realRoomAndDecisionReadsMatchTheDocumentedSchemas() throws Exception {
    ApiClient alice = server.as("alice");
    ApiClient secas = server.as("secas");
    long room = 0;
    for (JsonNode r : check("GET", "/api/rooms", alice.get("/api/rooms"))) {
      if ("MP210".equals(r.path("modification_id").asText())) {
        room = r.get("id").asLong();
      }
    }
    check("PUT", "/api/rooms/{id}/follow", alice.put("/api/rooms/" + room + "/follow", Map.of("following", true)));
    long root;
    try (WsClient kate = WsClient.connect(server.port(), server.as("kate").token());
        WsClient eric = WsClient.connect(server.port(), server.as("eric").token())) {
      root = kate.post(room, "Small suppliers support the enduring firmware approach.").get("message_id").asLong();
      kate.request(Map.of("type", "edit_message", "room", room, "message_id", root,
          "body", "Small suppliers support the enduring firmware approach, with a six-week rollout window."));
      eric.request(Map.of("type", "post_message", "room", room, "body", "Networks agree on the firmware window.", "thread_root", root));
    }

    ApiClient.Response opened = secas.post("/api/decisions", Map.of("body", "PANEL", "modification_id", "MP210",
        "question", "Should the Panel recommend MP210 to the Authority?", "kind", "asynchronous", "closes_in_working_days", 5));
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    long decision = check("POST", "/api/decisions", opened).get("decision_id").asLong();
    check("POST", "/api/decisions/{id}/ballots", server.as("kate").post("/api/decisions/" + decision + "/ballots",
        Map.of("choice", "approve", "reason", "A predictable firmware window", "objectives", List.of("a", "d"))));
    check("POST", "/api/decisions/{id}/ballots", server.as("arthur").post("/api/decisions/" + decision + "/ballots",
        Map.of("choice", "reject", "reason", "Costs not yet assessed")));
    check("POST", "/api/decisions/{id}/ballots", server.as("eric").post("/api/decisions/" + decision + "/ballots",
        Map.of("choice", "approve", "reason", "Network impact is manageable", "objectives", List.of("a"))));
    check("POST", "/api/decisions/{id}/recusals", server.as("gary").post("/api/decisions/" + decision + "/recusals",
        Map.of("user_id", server.userId("gary"), "reason", "Southern Gas is the firmware supplier's contractor")));
    check("GET", "/api/decisions/{id}", alice.get("/api/decisions/" + decision));
    check("POST", "/api/decisions/{id}/changes", secas.post("/api/decisions/" + decision + "/changes",
        Map.of("change", "close", "reason", "The Panel asked for an early result")));
    ApiClient.Response late = server.as("alice").post("/api/decisions/" + decision + "/ballots",
        Map.of("choice", "approve", "reason", "too late"));
    check("POST", "/api/decisions/{id}/ballots", late);
    assertThat(late.error()).isEqualTo("decision_closed");
    JsonNode closed = check("GET", "/api/decisions/{id}", alice.get("/api/decisions/" + decision));
    assertThat(closed.get("outcome").asText()).isEqualTo("carried");

    long sealed = check("POST", "/api/decisions", secas.post("/api/decisions", Map.of("body", "PANEL", "modification_id", "MP210",
        "question", "Should MP210 be treated as Self-Governance?", "kind", "asynchronous", "visibility", "sealed",
        "closes_in_working_days", 5))).get("decision_id").asLong();
    check("POST", "/api/decisions/{id}/ballots", server.as("kate").post("/api/decisions/" + sealed + "/ballots",
        Map.of("choice", "reject", "reason", "Consumers are affected")));
    JsonNode sealedView = check("GET", "/api/decisions/{id}", server.as("kate").get("/api/decisions/" + sealed));
    assertThat(sealedView.get("tally").isNull()).isTrue();
    assertThat(sealedView.at("/my_ballot/choice").asText()).isEqualTo("reject");
    check("GET", "/api/rooms/{id}/decisions", alice.get("/api/rooms/" + room + "/decisions"));
    check("PUT", "/api/modifications/{id}/track", secas.put("/api/modifications/MP210/track",
        Map.of("track", "asynchronous", "reason", "Low complexity")));
    JsonNode register = check("GET", "/api/modifications/{id}/register", server.as("rep").get("/api/modifications/MP210/register"));
    assertThat(register.get("decisions").size()).isGreaterThanOrEqualTo(2);
    ApiClient.Response csv = server.as("rep").get("/api/modifications/MP210/register.csv");
    check("GET", "/api/modifications/{id}/register.csv", csv);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.body()).startsWith("decision_id,item,body,question").contains("A predictable firmware window");

    check("GET", "/api/rooms/{id}", alice.get("/api/rooms/" + room));
    JsonNode page = check("GET", "/api/rooms/{id}/events", alice.get("/api/rooms/" + room + "/events?limit=200"));
    assertThat(page.get("events")).extracting(e -> e.get("type").asText())
        .contains("message_posted", "message_edited", "decision_opened", "ballot_cast", "ballot_received", "decision_changed",
            "decision_closed", "system_notice");
    for (JsonNode event : page.get("events")) {
      ServerEvent decoded = ProtocolCodec.decodeEvent(event.toString());
      assertThat(decoded).as(event.toString()).isInstanceOf(RoomEvent.class);
      assertThat(JSON.readTree(ProtocolCodec.encode(decoded))).as("the protocol's shape of " + event).isEqualTo(event);
    }
    check("GET", "/api/rooms/{id}/events", alice.get("/api/rooms/" + room + "/events?before=2&limit=1"));
    check("GET", "/api/rooms/{id}/threads", alice.get("/api/rooms/" + room + "/threads"));
    JsonNode message = check("GET", "/api/rooms/{id}/messages/{messageId}", alice.get("/api/rooms/" + room + "/messages/" + root));
    assertThat(message.get("revisions")).hasSize(1);
    assertThat(message.get("replies")).hasSize(1);
    JsonNode hits = check("GET", "/api/search", alice.get("/api/search?q=firmware&room=" + room));
    assertThat(hits).isNotEmpty();
    check("GET", "/api/search", alice.get("/api/search"));
    JsonNode notifications = check("GET", "/api/notifications", alice.get("/api/notifications"));
    assertThat(notifications).extracting(n -> n.get("kind").asText()).contains("new_thread", "decision_opened");
    check("POST", "/api/notifications/read", alice.post("/api/notifications/read", "{}"));
    check("POST", "/api/rooms/{id}/read", alice.post("/api/rooms/" + room + "/read", Map.of("seq", 1)));

    long adhoc = check("POST", "/api/rooms", secas.post("/api/rooms", Map.of("name", "MP210 legal text drafting",
        "classification", "amber", "member_ids", List.of(server.userId("alice"))))).get("id").asLong();
    check("PUT", "/api/rooms/{id}/members/{userId}", secas.put("/api/rooms/" + adhoc + "/members/" + server.userId("eric"),
        Map.of("moderator", true)));
    check("DELETE", "/api/rooms/{id}/members/{userId}", secas.delete("/api/rooms/" + adhoc + "/members/" + server.userId("eric")));
    check("POST", "/api/rooms/direct", alice.post("/api/rooms/direct", Map.of("user_ids", List.of(server.userId("eric")))));

    long panel = 0;
    for (JsonNode b : alice.get("/api/bodies").json()) {
      if ("PANEL".equals(b.get("code").asText())) {
        panel = b.get("id").asLong();
      }
    }
    long appointment = check("POST", "/api/bodies/{id}/proxies", server.as("oscar").post("/api/bodies/" + panel + "/proxies",
        Map.of("principal_id", server.userId("oscar"), "proxy_id", server.userId("bella"), "scope", "decision", "scope_id", sealed)))
        .get("id").asLong();
    check("GET", "/api/bodies/{id}/proxies", alice.get("/api/bodies/" + panel + "/proxies"));
    check("DELETE", "/api/proxies/{id}", server.as("oscar").delete("/api/proxies/" + appointment));
  }

  private static JsonNode check(String method, String template, ApiClient.Response r) {
    return document.check(method, template, r);
  }

  private static void walkReferences(JsonNode node) {
    if (node.has("$ref")) {
      document.resolve(node);
    }
    node.forEach(OpenApiIT::walkReferences);
  }
}
