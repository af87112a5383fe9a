package org.quorate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.RawHttp;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * Input no route can use — no body, NUL characters, broken %-escapes, huge names — is a typed
 * {@code 400 invalid} naming where it was, never {@code 500 internal}, and never echoed in full.
 */
@DemoServer
class BadInputIT {
  static TestServer server;
  static String token;
  static long room;

  @BeforeAll
  static void start() {
    token = server.as("admin").token();
    room = server.as("admin").post("/api/rooms", Map.of("name", "bad input", "classification", "white")).json().get("id").asLong();
  }

  static RawHttp.Response post(String path, String json) {
    return RawHttp.send(server.port(), "POST", path, Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"),
        json == null ? null : json.getBytes(StandardCharsets.UTF_8));
  }

  static RawHttp.Response get(String target) {
    return RawHttp.get(server.port(), target, Map.of("Authorization", "Bearer " + token));
  }

  static void assertInvalid(RawHttp.Response r, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.error()).isEqualTo("invalid");
    assertThat(r.json().get("field").asText()).isEqualTo(field);
  }

  /** Found by ProtocolFuzzIT: a null inside a list used to reach the store as a NullPointerException. */
  @Test
  void aNullAmongTheRolesOrAgendaItemsIs400NamingTheList() {
    long user = server.userId("kate");
    assertInvalid(RawHttp.send(server.port(), "PUT", "/api/users/" + user, Map.of("Authorization", "Bearer " + token,
        "Content-Type", "application/json"), "{\"display_name\":\"Kate\",\"roles\":[null]}".getBytes(StandardCharsets.UTF_8)), "roles");
    assertInvalid(post("/api/users", "{\"username\":\"nulls\",\"display_name\":\"N\",\"password\":\"long enough pw\",\"roles\":[null]}"),
        "roles");
    assertInvalid(post("/api/meetings", "{\"body_id\":1,\"title\":\"T\",\"scheduled_start\":\"2030-01-01T10:00:00Z\",\"agenda\":[null]}"),
        "agenda");
  }

  @ParameterizedTest(name = "POST {0} without a body")
  @ValueSource(strings = {"/api/decisions", "/api/decisions/1/ballots", "/api/decisions/1/changes", "/api/decisions/1/recusals",
      "/api/decisions/1/casting-vote"})
  void aDecisionPostWithoutABodyIs400NamingWhatIsMissing(String path) {
    RawHttp.Response r = post(path, null);
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.error()).isEqualTo("invalid");
    assertThat(r.json().get("field").asText()).isNotBlank();
  }

  @Test
  void aWithdrawalWithoutABodyIsReadAsAnEmptyCommandNotAnInternalError() {
    RawHttp.Response r = post("/api/decisions/999999/withdrawals", null);
    assertThat(r.status()).as(r.toString()).isBetween(400, 499);
    assertThat(r.error()).isNotEqualTo("internal");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "/api/parties | {\"name\":\"Nul\\u0000 Ltd\",\"category\":\"dcc\"} | name",
      "/api/rooms | {\"name\":\"x\",\"classification\":\"white\",\"description\":\"\\u0000\"} | description",
      "/api/login | {\"username\":\"al\\u0000ice\",\"password\":\"quorate-demo\"} | username"})
  void aNulCharacterInABodyIs400NamingTheField(String path, String json, String field) {
    assertInvalid(post(path, json), field);
  }

  @Test
  void aNulCharacterInThePathOrQueryIs400NamingWhere() {
    assertInvalid(get("/api/modifications/MP%00/register"), "path");
    assertInvalid(get("/api/search?q=a%00b"), "q");
    assertInvalid(get("/index.html%00.js"), "path");
  }

  @Test
  void aBrokenPercentEscapeIs400() {
    assertThat(get("/api/search?q=%zz").status()).isEqualTo(400);
    assertThat(get("/api/parties/%zz").status()).isEqualTo(400);
  }

  @Test
  void aNulCharacterInAWebSocketCommandIsAnInvalidErrorNamingTheField() {
    try (WsClient admin = WsClient.connect(server.port(), token)) {
      JsonNode post = admin.request(Map.of("type", "post_message", "room", room, "body", "hello\u0000world"));
      assertThat(post.get("code").asText()).isEqualTo("invalid");
      assertThat(post.get("field").asText()).isEqualTo("body");
      JsonNode search = admin.request(Map.of("type", "search", "query", "\u0000"));
      assertThat(search.get("code").asText()).isEqualTo("invalid");
      assertThat(search.get("field").asText()).isEqualTo("query");
      JsonNode question = admin.request(Map.of("type", "submit_question", "meeting", 1, "text", "why\u0000?"));
      assertThat(question.get("code").asText()).isEqualTo("invalid");
      assertThat(question.get("field").asText()).isEqualTo("text");
      assertThat(WsClient.type(admin.post(room, "still fine"))).isEqualTo("ack");
    }
  }

  @Test
  void anErrorQuotesOnlyAShortPrefixOfAHugeInput() {
    String huge = "z".repeat(5_000);
    RawHttp.Response unknownField = post("/api/parties", "{\"" + huge + "\":1}");
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.body().length()).isLessThan(500);
    RawHttp.Response badToken = post("/api/parties", "{\"name\":" + huge + "}");
    assertThat(badToken.status()).isEqualTo(400);
    assertThat(badToken.body().length()).isLessThan(500);
    RawHttp.Response longPath = get("/api/" + huge.substring(0, 3_000));
    assertThat(longPath.status()).isEqualTo(404);
    assertThat(longPath.body().length()).isLessThan(500);
    try (WsClient admin = WsClient.connect(server.port(), token)) {
      JsonNode unknownType = admin.request(Map.of("type", huge, "id", "long-type"));
      assertThat(unknownType.get("code").asText()).isEqualTo("invalid");
      assertThat(unknownType.toString().length()).isLessThan(500);
      JsonNode unknownName = admin.request(Map.of("type", "post_message", "id", "long-name", "room", room, "body", "b", huge, 1));
      assertThat(unknownName.toString().length()).isLessThan(500);
    }
  }
}
