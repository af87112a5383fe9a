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
    LoginLimits loginLimits,
    Optional<SmtpUrl> smtp,
    Optional<String> publicUrl,
    Optional<ClusterSettings> cluster,
    int eventLoops,
    boolean ledgerOff) {

  /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256; older hashes are upgraded at their next sign-in. */
  public static final int DEFAULT_PBKDF2_ITERATIONS = 600_000;

  /**
   * {@code ledgerOff} ({@code --ledger off}): decisions are not chained into the ledger. A benchmark
   * baseline only, which leaves the record unverifiable; never for a real store.
   */
  public ServerConfig(int port, String bind, Path dataDir, Optional<DatabaseUrl> databaseUrl, boolean demo,
      List<String> allowedOrigins, int passwordIterations, java.time.Duration tokenLifetime, LoginLimits loginLimits,
      Optional<SmtpUrl> smtp, Optional<String> publicUrl, Optional<ClusterSettings> cluster, int eventLoops) {
    this(port, bind, dataDir, databaseUrl, demo, allowedOrigins, passwordIterations, tokenLifetime, loginLimits, smtp, publicUrl,
        cluster, eventLoops, false);
  }

  /** A single node (no {@code --cluster}). */
  public ServerConfig(int port, String bind, Path dataDir, Optional<DatabaseUrl> databaseUrl, boolean demo,
      List<String> allowedOrigins, int passwordIterations, java.time.Duration tokenLifetime, LoginLimits loginLimits,
      Optional<SmtpUrl> smtp, Optional<String> publicUrl) {
    this(port, bind, dataDir, databaseUrl, demo, allowedOrigins, passwordIterations, tokenLifetime, loginLimits, smtp, publicUrl,
        Optional.empty(), 0);
  }

  public ServerConfig(int port, String bind, Path dataDir, Optional<DatabaseUrl> databaseUrl, boolean demo,
      List<String> allowedOrigins, int passwordIterations, java.time.Duration tokenLifetime) {
    this(port, bind, dataDir, databaseUrl, demo, allowedOrigins, passwordIterations, tokenLifetime, LoginLimits.defaults());
  }

  /** Without email (no SMTP server, links to the listening address). */
  public ServerConfig(int port, String bind, Path dataDir, Optional<DatabaseUrl> databaseUrl, boolean demo,
      List<String> allowedOrigins, int passwordIterations, java.time.Duration tokenLifetime, LoginLimits loginLimits) {
    this(port, bind, dataDir, databaseUrl, demo, allowedOrigins, passwordIterations, tokenLifetime, loginLimits, Optional.empty(),
        Optional.empty());
  }

  /** Event loops serving HTTP and WebSockets: the configured number, or one per processor. */
  public int eventLoopCount() {
    return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
  }

  public ServerConfig withEventLoops(int loops) {
    return new ServerConfig(port, bind, dataDir, databaseUrl, demo, allowedOrigins, passwordIterations, tokenLifetime, loginLimits,
        smtp, publicUrl, cluster, loops, ledgerOff);
  }

  /** Parses arguments and environment; throws {@link ConfigException} with a one-line message. */
  public static ServerConfig parse(String[] args, Map<String, String> env) {
    return new ConfigParser(args, env).parse();
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(newPort, bind, dataDir, databaseUrl, demo, allowedOrigins, passwordIterations, tokenLifetime,
        loginLimits, smtp, publicUrl, cluster, eventLoops, ledgerOff);
  }

  public ServerConfig withAllowedOrigins(List<String> origins) {
    return new ServerConfig(port, bind, dataDir, databaseUrl, demo, origins, passwordIterations, tokenLifetime, loginLimits,
        smtp, publicUrl, cluster, eventLoops, ledgerOff);
  }

  public ServerConfig withLoginLimits(LoginLimits limits) {
    return new ServerConfig(port, bind, dataDir, databaseUrl, demo, allowedOrigins, passwordIterations, tokenLifetime, limits,
        smtp, publicUrl, cluster, eventLoops, ledgerOff);
  }

  public ServerConfig withSmtp(SmtpUrl newSmtp) {
    return new ServerConfig(port, bind, dataDir, databaseUrl, demo, allowedOrigins, passwordIterations, tokenLifetime, loginLimits,
        Optional.ofNullable(newSmtp), publicUrl, cluster, eventLoops, ledgerOff);
  }

  /** The benchmark baseline without the ledger (see {@code ledgerOff}). */
  public ServerConfig withLedgerOff() {
    return new ServerConfig(port, bind, dataDir, databaseUrl, demo, allowedOrigins, passwordIterations, tokenLifetime, loginLimits,
        smtp, publicUrl, cluster, eventLoops, true);
  }

  public ServerConfig withCluster(ClusterSettings settings) {
    return new ServerConfig(port, bind, dataDir, databaseUrl, demo, allowedOrigins, passwordIterations, tokenLifetime, loginLimits,
        smtp, publicUrl, Optional.of(settings), eventLoops, ledgerOff);
  }
}
