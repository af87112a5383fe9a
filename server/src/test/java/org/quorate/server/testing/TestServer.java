package org.quorate.server.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.quorate.server.QuorateServer;
import org.quorate.server.config.DatabaseUrl;
import org.quorate.server.config.ServerConfig;
import org.quorate.server.config.SmtpUrl;

/**
 * A real Quorate server on a free port, over a fresh database loaded with the demo data set
 * (every demo user's password is {@link #DEMO_PASSWORD}).
 */
public final class TestServer implements AutoCloseable {
  public static final String DEMO_PASSWORD = "quorate-demo";

  private final DatabaseUrl database;
  private final Path dataDir;
  private final Duration tokenLifetime;
  private final UnaryOperator<ServerConfig> adjust;
  private QuorateServer server;

  private TestServer(DatabaseUrl database, Path dataDir, Duration tokenLifetime, UnaryOperator<ServerConfig> adjust) {
    this.database = database;
    this.dataDir = dataDir;
    this.tokenLifetime = tokenLifetime;
    this.adjust = adjust;
  }

  public static TestServer startWithDemoData() {
    return start(Duration.ofHours(1));
  }

  public static TestServer start(Duration tokenLifetime) {
    return start(tokenLifetime, UnaryOperator.identity());
  }

  /** A demo server that sends email through the given SMTP server ({@code smtp://host:port?...}). */
  public static TestServer startWithEmail(String smtpUrl) {
    SmtpUrl smtp = SmtpUrl.parse(smtpUrl);
    return start(Duration.ofHours(1), c -> c.withSmtp(smtp));
  }

  /** A demo server whose configuration the test adjusts (login limits, allowed origins, ...). */
  public static TestServer start(UnaryOperator<ServerConfig> adjust) {
    return start(Duration.ofHours(1), adjust);
  }

  private static TestServer start(Duration tokenLifetime, UnaryOperator<ServerConfig> adjust) {
    try {
      TestServer s = new TestServer(TestDatabase.freshDatabase(), Files.createTempDirectory("quorate-test"), tokenLifetime, adjust);
      s.server = QuorateServer.start(s.config(0));
      return s;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Stops and starts again on the same database and port, as an operator's restart would. */
  public void restart() {
    restart(() -> { });
  }

  /** Like {@link #restart()}, running {@code whileDown} after the server stopped and before it starts again. */
  public void restart(Runnable whileDown) {
    int port = server.port();
    server.close();
    try {
      whileDown.run();
    } finally {
      server = QuorateServer.start(config(port));
    }
  }

  private ServerConfig config(int port) {
    return adjust.apply(new ServerConfig(port, "127.0.0.1", dataDir, Optional.of(database), true, List.of(), 1_000, tokenLifetime));
  }

  public QuorateServer server() {
    return server;
  }

  public int port() {
    return server.port();
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  public DatabaseUrl database() {
    return database;
  }

  public ApiClient api() {
    return new ApiClient(baseUrl());
  }

  /** A client already signed in as the given demo user. */
  public ApiClient as(String username) {
    ApiClient client = api();
    client.login(username, DEMO_PASSWORD);
    return client;
  }

  /** The id of a user, by username (looked up as the demo administrator). */
  public long userId(String username) {
    for (com.fasterxml.jackson.databind.JsonNode u : as("admin").get("/api/users").json()) {
      if (u.get("username").asText().equals(username)) {
        return u.get("id").asLong();
      }
    }
    throw new AssertionError("no user " + username);
  }

  @Override
  public void close() {
    server.close();
  }
}
