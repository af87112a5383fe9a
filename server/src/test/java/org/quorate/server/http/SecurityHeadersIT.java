package org.quorate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.RawHttp;
import org.quorate.server.testing.TestServer;

/** Every response tells the browser to run only our own code, never frame us, sniff or leak referrers. */
@DemoServer
class SecurityHeadersIT {
  static TestServer server;
  static String token;

  @BeforeAll
  static void signIn() {
    token = server.as("alice").token();
  }

  static RawHttp.Response get(String path) {
    return RawHttp.get(server.port(), path, Map.of("Authorization", "Bearer " + token));
  }

  static void assertHardened(RawHttp.Response r) {
    assertThat(r.header("Content-Security-Policy")).as(r.toString())
        .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
    assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/api/me", "/api/parties", "/", "/index.html", "/js/main.js", "/css/quorate.css", "/health",
      "/openapi.yaml", "/no-such-page.html", "/api/no-such-route", "/api/parties/not-a-number"})
  void apiStaticAndErrorResponsesAllCarryTheSecurityHeaders(String path) {
    assertHardened(get(path));
  }

  @Test
  void anUnauthenticatedRefusalCarriesThemToo() {
    RawHttp.Response r = RawHttp.get(server.port(), "/api/me", Map.of());
    assertThat(r.status()).isEqualTo(401);
    assertHardened(r);
  }

  @Test
  void theSignInAnswerWithItsTokenIsNeverStoredByACache() {
    RawHttp.Response r = RawHttp.send(server.port(), "POST", "/api/login", Map.of("Content-Type", "application/json"),
        ("{\"username\":\"kate\",\"password\":\"" + TestServer.DEMO_PASSWORD + "\"}").getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("\"token\"");
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    assertHardened(r);
    assertThat(get("/api/me").header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void noOtherSiteIsAllowedToCallTheApiUnlessAnOperatorConfiguresOrigins() {
    RawHttp.Response simple = RawHttp.get(server.port(), "/api/me",
        Map.of("Authorization", "Bearer " + token, "Origin", "https://evil.example"));
    assertThat(simple.header("Access-Control-Allow-Origin")).isNull();
    RawHttp.Response preflight = RawHttp.send(server.port(), "OPTIONS", "/api/parties",
        Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST",
            "Access-Control-Request-Headers", "authorization,content-type"), null);
    assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    assertThat(preflight.header("Access-Control-Allow-Methods")).isNull();
  }

  @Test
  void anOriginTheOperatorConfiguredMayCallTheApi() {
    try (TestServer withOrigin = TestServer.start(c -> c.withAllowedOrigins(java.util.List.of("https://intranet.example")))) {
      RawHttp.Response preflight = RawHttp.send(withOrigin.port(), "OPTIONS", "/api/parties",
          Map.of("Origin", "https://intranet.example", "Access-Control-Request-Method", "POST",
              "Access-Control-Request-Headers", "authorization,content-type"), null);
      assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://intranet.example");
      RawHttp.Response foreign = RawHttp.get(withOrigin.port(), "/api/parties", Map.of("Origin", "https://evil.example"));
      assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
    }
  }
}
