package org.quorate.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;

@DemoServer
class AuthenticationIT {
  static TestServer server;

  @Test
  void aDemoUserSignsInAndSeesWhoTheyAre() {
    ApiClient alice = server.as("alice");
    ApiClient.Response me = alice.get("/api/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("username").asText()).isEqualTo("alice");
    assertThat(me.json().get("roles").toString()).contains("member");
  }

  @Test
  void aWrongPasswordIs401WithAJsonErrorAndNoToken() {
    ApiClient.Response r = server.api().login("alice", "not-her-password");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.error()).isEqualTo("not_authenticated");
    assertThat(r.body()).doesNotContain("token").doesNotContain("Exception");
  }

  @Test
  void anUnknownUserGetsTheSameAnswerAsAWrongPassword() {
    ApiClient.Response r = server.api().login("nobody", "whatever-password");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("message").asText()).isEqualTo("wrong username or password");
  }

  @Test
  void everyApiCallWithoutATokenIs401() {
    assertThat(server.api().get("/api/parties").status()).isEqualTo(401);
    assertThat(server.api().withToken("forged").get("/api/me").status()).isEqualTo(401);
  }

  @Test
  void healthAndTheWebClientNeedNoToken() {
    assertThat(server.api().get("/health").json().get("status").asText()).isEqualTo("UP");
    assertThat(server.api().get("/").status()).isEqualTo(200);
    assertThat(server.api().get("/metrics").body()).contains("vertx_http_server");
  }

  @Test
  void logoutRevokesTheToken() {
    ApiClient kate = server.as("kate");
    assertThat(kate.get("/api/me").status()).isEqualTo(200);
    assertThat(kate.post("/api/logout", "{}").status()).isEqualTo(204);
    ApiClient.Response after = kate.get("/api/me");
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.error()).isEqualTo("not_authenticated");
  }

  @Test
  void anExpiredTokenIsRefused() {
    try (TestServer shortLived = TestServer.start(Duration.ofMinutes(1))) {
      ApiClient eric = shortLived.as("eric");
      assertThat(eric.get("/api/me").status()).isEqualTo(200);
      // Age the token in the store rather than waiting a minute: expiry is judged by the database clock.
      try (var c = java.sql.DriverManager.getConnection(shortLived.database().jdbcUrl(), "postgres", "");
          var s = c.createStatement()) {
        s.execute("UPDATE auth_token SET expires_at = now() - interval '1 second'");
      } catch (java.sql.SQLException e) {
        throw new AssertionError(e);
      }
      assertThat(eric.get("/api/me").status()).isEqualTo(401);
    }
  }

  @Test
  void passwordsAreStoredAsSaltedPbkdf2NeverInPlain() throws Exception {
    try (var c = java.sql.DriverManager.getConnection(server.database().jdbcUrl(), "postgres", "");
        var s = c.createStatement();
        var rs = s.executeQuery("SELECT password_hash FROM app_user")) {
      java.util.Set<String> hashes = new java.util.HashSet<>();
      while (rs.next()) {
        String h = rs.getString(1);
        assertThat(h).startsWith("pbkdf2-sha256$").doesNotContain(TestServer.DEMO_PASSWORD);
        hashes.add(h);
      }
      assertThat(hashes).hasSizeGreaterThan(10); // same password, different salts
    }
  }
}
