package org.quorate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;

/** Every refusal is JSON that names what is wrong, and a refused write changes nothing. */
@DemoServer
class RequestValidationIT {
  static TestServer server;
  static ApiClient admin;

  @BeforeAll
  static void start() {
    admin = server.as("admin");
  }

  static Stream<Arguments> invalidBodies() {
    return Stream.of(
        Arguments.of("missing field", "/api/parties", "{\"category\":\"small_supplier\"}", "name", "is required"),
        Arguments.of("blank field", "/api/parties", "{\"name\":\"  \",\"category\":\"small_supplier\"}", "name", "blank"),
        Arguments.of("number for text", "/api/parties", "{\"name\":5,\"category\":\"small_supplier\"}", "name", "wrong type"),
        Arguments.of("object for text", "/api/parties", "{\"name\":{\"x\":1},\"category\":\"dcc\"}", "name", "wrong type"),
        Arguments.of("text for number", "/api/users",
            "{\"username\":\"tx\",\"display_name\":\"T\",\"password\":\"long-enough-secret\",\"party_id\":\"one\"}",
            "party_id", "wrong type"),
        Arguments.of("text for boolean", "/api/modifications",
            "{\"id\":\"MP501\",\"title\":\"T\",\"path\":\"fast_track\",\"urgent\":\"yes\"}", "urgent", "wrong type"),
        Arguments.of("unknown field", "/api/parties",
            "{\"name\":\"Extra Ltd\",\"category\":\"dcc\",\"colour\":\"red\"}", "colour", "unknown field"),
        Arguments.of("bad enum value", "/api/parties", "{\"name\":\"Enum Ltd\",\"category\":\"tiny_supplier\"}",
            "category", "must be one of"),
        Arguments.of("bad role in a list", "/api/users",
            "{\"username\":\"rl\",\"display_name\":\"R\",\"password\":\"long-enough-secret\",\"roles\":[\"member\",\"king\"]}",
            "roles", "unknown role"),
        Arguments.of("malformed JSON", "/api/parties", "{\"name\": \"Half", "body", "malformed JSON"),
        Arguments.of("not an object", "/api/parties", "[1,2]", "body", ""),
        Arguments.of("null body", "/api/parties", "null", "body", ""),
        Arguments.of("empty body", "/api/parties", "", "body", "required"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidBodies")
  void anInvalidBodyIs400NamingTheFieldAndChangesNothing(String why, String path, String json, String field, String message) {
    String partiesBefore = admin.get("/api/parties").body();
    String usersBefore = admin.get("/api/users").body();

    ApiClient.Response r = admin.post(path, json);

    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/json");
    assertThat(r.error()).isEqualTo("invalid");
    assertThat(r.json().get("field").asText()).startsWith(field);
    assertThat(r.json().get("message").asText()).contains(message);
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("at org.");
    assertThat(admin.get("/api/parties").body()).isEqualTo(partiesBefore);
    assertThat(admin.get("/api/users").body()).isEqualTo(usersBefore);
  }

  @Test
  void aMemberWithoutUserOrVotingFlagIsRefusedNamingTheField() {
    ApiClient.Response noUser = admin.post("/api/bodies/1/members", "{\"seat\":\"S\",\"voting\":true}");
    assertThat(noUser.status()).isEqualTo(400);
    assertThat(noUser.json().get("field").asText()).isEqualTo("user_id");
    ApiClient.Response noVoting = admin.post("/api/bodies/1/members", "{\"user_id\":1,\"seat\":\"S\"}");
    assertThat(noVoting.status()).isEqualTo(400);
    assertThat(noVoting.json().get("field").asText()).isEqualTo("voting");
  }

  @Test
  void aPathIdThatIsNotANumberIs400NamingIt() {
    ApiClient.Response r = admin.get("/api/parties/first");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("field").asText()).isEqualTo("id");
  }

  @Test
  void anUnknownApiRouteIsAJson404SayingSo() {
    ApiClient.Response r = admin.get("/api/ballots");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.error()).isEqualTo("not_found");
    assertThat(r.json().get("message").asText()).isEqualTo("no such API route: GET /api/ballots");

    ApiClient.Response wrongMethod = admin.delete("/api/parties");
    assertThat(wrongMethod.status()).isEqualTo(404);
    assertThat(wrongMethod.json().get("message").asText()).startsWith("no such API route");
  }

  @Test
  void anUnknownPathOutsideTheApiIsAJson404Too() {
    ApiClient.Response r = server.api().get("/no-such-page.html");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.contentType()).startsWith("application/json");
    assertThat(r.error()).isEqualTo("not_found");
  }

  @Test
  void anUnknownApiRouteWithoutATokenRevealsNothingButAsksForSignIn() {
    ApiClient.Response r = server.api().get("/api/ballots");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.error()).isEqualTo("not_authenticated");
  }
}
