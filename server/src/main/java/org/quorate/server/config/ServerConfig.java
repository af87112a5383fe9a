package org.quorate.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validated start-up configuration. Every option can also come from a {@code QUORATE_*} environment
 * variable; a command-line option wins over the environment.
 */
public record ServerConfig(
    int port,
    String bind,
    Path dataDir,
    Optional<DatabaseUrl> databaseUrl,
    boolean demo,
    List<String> allowedOrigins,
    int passwordIterations,
    java.time.Duration tokenLifetime,
    Optional<SmtpUrl> smtp,
    Optional<String> publicUrl) {

  /** Without email: the shape tests and older callers build. */
  public ServerConfig(int port, String bind, Path dataDir, Optional<DatabaseUrl> databaseUrl, boolean demo,
      List<String> allowedOrigins, int passwordIterations, java.time.Duration tokenLifetime) {
    this(port, bind, dataDir, databaseUrl, demo, allowedOrigins, passwordIterations, tokenLifetime, Optional.empty(),
        Optional.empty());
  }

  public static final int DEFAULT_PBKDF2_ITERATIONS = 210_000;

  /** Parses arguments and environment; throws {@link ConfigException} with a one-line message. */
  public static ServerConfig parse(String[] args, Map<String, String> env) {
    return new ConfigParser(args, env).parse();
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(newPort, bind, dataDir, databaseUrl, demo, allowedOrigins, passwordIterations, tokenLifetime,
        smtp, publicUrl);
  }

  public ServerConfig withSmtp(SmtpUrl newSmtp) {
    return new ServerConfig(port, bind, dataDir, databaseUrl, demo, allowedOrigins, passwordIterations, tokenLifetime,
        Optional.ofNullable(newSmtp), publicUrl);
  }
}
