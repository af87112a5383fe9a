package org.quorate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

  @Test
  void withNothingGivenTheDefaultsAreLocalPort8080AndDataUnderTheWorkingDirectory() {
    ServerConfig c = ServerConfig.parse(new String[0], Map.of());
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.bind()).isEqualTo("127.0.0.1");
    assertThat(c.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
    assertThat(c.databaseUrl()).isEmpty();
    assertThat(c.demo()).isFalse();
    assertThat(c.allowedOrigins()).isEmpty();
    assertThat(c.passwordIterations()).isEqualTo(ServerConfig.DEFAULT_PBKDF2_ITERATIONS);
    assertThat(c.tokenLifetime()).isEqualTo(Duration.ofHours(12));
  }

  @Test
  void signInIsLockedAfterTenFailuresForFifteenMinutesUnlessTheOperatorSaysOtherwise() {
    LoginLimits defaults = ServerConfig.parse(new String[0], Map.of()).loginLimits();
    assertThat(defaults.lockAfter()).isEqualTo(10);
    assertThat(defaults.lockDuration()).isEqualTo(Duration.ofMinutes(15));
    assertThat(ServerConfig.DEFAULT_PBKDF2_ITERATIONS).isEqualTo(600_000);
    LoginLimits set = ServerConfig.parse(new String[] {"--login-lock-after", "5"}, Map.of("QUORATE_LOGIN_LOCK_SECONDS", "60"))
        .loginLimits();
    assertThat(set.lockAfter()).isEqualTo(5);
    assertThat(set.lockDuration()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void environmentVariablesApplyAndACommandLineOptionWinsOverThem() {
    Map<String, String> env = Map.of("QUORATE_PORT", "9000", "QUORATE_BIND", "0.0.0.0", "QUORATE_DEMO", "true",
        "QUORATE_ALLOWED_ORIGINS", "https://a.example, https://b.example", "QUORATE_TOKEN_LIFETIME_MINUTES", "30");
    ServerConfig c = ServerConfig.parse(new String[] {"--port=9100", "--data-dir", "/srv/quorate"}, env);
    assertThat(c.port()).isEqualTo(9100);
    assertThat(c.bind()).isEqualTo("0.0.0.0");
    assertThat(c.demo()).isTrue();
    assertThat(c.dataDir()).isEqualTo(Path.of("/srv/quorate"));
    assertThat(c.allowedOrigins()).isEqualTo(List.of("https://a.example", "https://b.example"));
    assertThat(c.tokenLifetime()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void aDatabaseUrlIsParsedWithItsCredentialsAndNeverPrintsThePassword() {
    ServerConfig c = ServerConfig.parse(new String[] {"--db-url", "postgresql://quorate:s%40cret@db.internal:6543/sec"}, Map.of());
    DatabaseUrl url = c.databaseUrl().orElseThrow();
    assertThat(url).extracting(DatabaseUrl::host, DatabaseUrl::port, DatabaseUrl::database, DatabaseUrl::user, DatabaseUrl::password)
        .containsExactly("db.internal", 6543, "sec", "quorate", "s@cret");
    assertThat(url.toString()).doesNotContain("s@cret");
  }

  @Test
  void eachBadOptionIsNamedInOneLine() {
    assertRefused(new String[] {"--port", "banana"}, "--port must be a whole number (got 'banana')");
    assertRefused(new String[] {"--port", "-1"}, "--port must be between 0 and 65535");
    assertRefused(new String[] {"--frobnicate"}, "unknown option --frobnicate");
    assertRefused(new String[] {"--port"}, "option --port needs a value");
    assertRefused(new String[] {"--port", "--demo"}, "option --port needs a value");
    assertRefused(new String[] {"serve"}, "unexpected argument 'serve'");
    assertRefused(new String[] {"--demo=maybe"}, "--demo must be true or false");
    assertRefused(new String[] {"--db-url", "postgresql://host-only"}, "--db-url has no database name");
    assertRefused(new String[] {"--password-iterations", "10"}, "--password-iterations must be between");
  }

  @Test
  void theLedgerIsOnUnlessABenchmarkBaselineTurnsItOffByOptionOrEnvironment() {
    assertThat(ServerConfig.parse(new String[0], Map.of()).ledgerOff()).isFalse();
    assertThat(ServerConfig.parse(new String[] {"--ledger", "off"}, Map.of()).ledgerOff()).isTrue();
    assertThat(ServerConfig.parse(new String[0], Map.of("QUORATE_LEDGER", "off")).ledgerOff()).isTrue();
    assertThat(ServerConfig.parse(new String[] {"--ledger=on"}, Map.of("QUORATE_LEDGER", "off")).ledgerOff()).isFalse();
    assertThat(ServerConfig.parse(new String[0], Map.of()).withEventLoops(2).withLedgerOff().withPort(1).ledgerOff())
        .as("later adjustments keep the switch").isTrue();
    assertRefused(new String[] {"--ledger", "disabled"}, "--ledger must be on or off (got 'disabled')");
  }

  private static void assertRefused(String[] args, String message) {
    assertThatThrownBy(() -> ServerConfig.parse(args, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
