package org.quorate.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.config.LoginLimits;
import org.quorate.server.testing.RawHttp;
import org.quorate.server.testing.TestServer;

/**
 * Password guessing is slowed down per account and per address, answering 429 with Retry-After,
 * and never tells which account names exist. This server locks an account after 3 failures for
 * 3 seconds (an address after 15), so the test can watch a lock expire.
 */
class LoginThrottleIT {
  static final Duration LOCK = Duration.ofSeconds(3);
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(c -> c.withLoginLimits(new LoginLimits(3, Duration.ofSeconds(1), 3, LOCK)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static RawHttp.Response login(String username, String password) {
    return RawHttp.send(server.port(), "POST", "/api/login", Map.of("Content-Type", "application/json"),
        ("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  static long retryAfter(RawHttp.Response r) {
    return Long.parseLong(r.header("Retry-After"));
  }

  @Test
  void afterThreeWrongPasswordsEvenTheRightOneIsRefusedWith429AndRetryAfter() {
    for (int i = 0; i < 3; i++) {
      assertThat(login("alice", "guess-" + i).status()).isEqualTo(401);
    }
    RawHttp.Response refused = login("alice", TestServer.DEMO_PASSWORD);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.error()).isEqualTo("rate_limited");
    assertThat(refused.body()).doesNotContain("token");
    assertThat(retryAfter(refused)).isBetween(1L, LOCK.toSeconds());
  }

  @Test
  void aNameThatIsNoAccountGetsExactlyTheSameAnswersAsOneThatIs() {
    List<String> real = new ArrayList<>();
    List<String> unreal = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      RawHttp.Response a = login("eric", "guess-" + i);
      RawHttp.Response b = login("nobody-at-all", "guess-" + i);
      real.add(a.status() + " " + a.body() + " retry:" + (a.header("Retry-After") != null));
      unreal.add(b.status() + " " + b.body() + " retry:" + (b.header("Retry-After") != null));
    }
    assertThat(unreal).isEqualTo(real);
    assertThat(real.get(3)).startsWith("429 ").endsWith("retry:true");
  }

  @Test
  void theLockExpiresAndTheRightPasswordWorksAgain() {
    for (int i = 0; i < 3; i++) {
      login("kate", "guess-" + i);
    }
    assertThat(login("kate", TestServer.DEMO_PASSWORD).status()).isEqualTo(429);
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
        .until(() -> login("kate", TestServer.DEMO_PASSWORD).status() == 200);
  }

  @Test
  void oneAddressGuessingAcrossManyAccountsIsThrottledToo() {
    int attempts = 0;
    RawHttp.Response r;
    do {
      r = login("sprayed-" + attempts, "guess");
      attempts++;
    } while (r.status() == 401 && attempts < 40);
    assertThat(r.status()).as("each name failed once; the address is what is throttled").isEqualTo(429);
    assertThat(attempts).isLessThanOrEqualTo(3 * LoginLimits.ADDRESS_FACTOR + 1);
    assertThat(login("penny", TestServer.DEMO_PASSWORD).status()).isEqualTo(429);
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
        .until(() -> login("penny", TestServer.DEMO_PASSWORD).status() == 200);
  }

  @Test
  void aHashMadeWithAnOlderWorkFactorIsUpgradedAtTheNextSignIn() throws Exception {
    String old = new PasswordHasher(500).hash(TestServer.DEMO_PASSWORD);
    try (Connection c = DriverManager.getConnection(server.database().jdbcUrl(), "postgres", "");
        PreparedStatement set = c.prepareStatement("UPDATE app_user SET password_hash = ? WHERE username = 'gary'")) {
      set.setString(1, old);
      set.executeUpdate();
    }
    assertThat(login("gary", TestServer.DEMO_PASSWORD).status()).isEqualTo(200);
    try (Connection c = DriverManager.getConnection(server.database().jdbcUrl(), "postgres", "");
        PreparedStatement read = c.prepareStatement("SELECT password_hash FROM app_user WHERE username = 'gary'");
        ResultSet rs = read.executeQuery()) {
      rs.next();
      assertThat(rs.getString(1)).startsWith("pbkdf2-sha256$1000$").isNotEqualTo(old);
    }
    assertThat(login("gary", TestServer.DEMO_PASSWORD).status()).isEqualTo(200);
  }
}
