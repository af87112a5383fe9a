package org.quorate.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads {@code --name value} / {@code --name=value} options, falling back to {@code QUORATE_NAME}. */
final class ConfigParser {
  private static final Set<String> VALUED =
      Set.of("port", "bind", "data-dir", "db-url", "allowed-origins", "password-iterations", "token-lifetime-minutes",
          "login-lock-after", "login-lock-seconds", "smtp-url", "public-url", "cluster-name", "cluster-members", "cluster-host",
          "cluster-port", "cluster-bus-port", "event-loops", "ledger");
  private static final Set<String> FLAGS = Set.of("demo", "cluster", "cluster-multicast");

  private final Map<String, String> options = new HashMap<>();
  private final Map<String, String> env;

  ConfigParser(String[] args, Map<String, String> env) {
    this.env = env;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new ConfigException("unexpected argument '" + arg + "' (options start with --)");
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (FLAGS.contains(name)) {
        options.put(name, value == null ? "true" : value);
      } else if (VALUED.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new ConfigException("option --" + name + " needs a value");
          }
          value = args[++i];
        }
        options.put(name, value);
      } else {
        throw new ConfigException("unknown option --" + name + " (known: " + known() + ")");
      }
    }
  }

  ServerConfig parse() {
    int port = integer("port", 8080, 0, 65535);
    String bind = text("bind", "127.0.0.1");
    Path dataDir = Path.of(text("data-dir", "./data")).toAbsolutePath().normalize();
    Optional<DatabaseUrl> db = Optional.ofNullable(value("db-url")).filter(s -> !s.isBlank()).map(DatabaseUrl::parse);
    boolean demo = bool("demo");
    String origins = text("allowed-origins", "");
    List<String> allowed = origins.isBlank() ? List.of() : Arrays.stream(origins.split(",")).map(String::trim).toList();
    int iterations = integer("password-iterations", ServerConfig.DEFAULT_PBKDF2_ITERATIONS, 1_000, 10_000_000);
    int tokenMinutes = integer("token-lifetime-minutes", 12 * 60, 1, 60 * 24 * 30);
    LoginLimits login = LoginLimits.defaults().withLock(
        integer("login-lock-after", LoginLimits.defaults().lockAfter(), 1, 1_000),
        Duration.ofSeconds(integer("login-lock-seconds", (int) LoginLimits.defaults().lockDuration().toSeconds(), 1, 24 * 3600)));
    Optional<SmtpUrl> smtp = Optional.ofNullable(value("smtp-url")).filter(s -> !s.isBlank()).map(SmtpUrl::parse);
    Optional<String> publicUrl = Optional.ofNullable(value("public-url")).filter(s -> !s.isBlank())
        .map(s -> s.trim().replaceFirst("/+$", ""));
    publicUrl.filter(s -> !s.startsWith("http://") && !s.startsWith("https://")).ifPresent(s -> {
      throw new ConfigException("--public-url must start with http:// or https:// (got " + s + ")");
    });
    int eventLoops = integer("event-loops", 0, 0, 256);
    boolean ledgerOff = switch (text("ledger", "on").toLowerCase()) {
      case "on" -> false;
      case "off" -> true;
      default -> throw new ConfigException("--ledger must be on or off (got '" + value("ledger") + "')");
    };
    return new ServerConfig(port, bind, dataDir, db, demo, allowed, iterations, Duration.ofMinutes(tokenMinutes), login, smtp,
        publicUrl, cluster(), eventLoops, ledgerOff);
  }

  private Optional<ClusterSettings> cluster() {
    if (!bool("cluster")) {
      return Optional.empty();
    }
    String members = text("cluster-members", "");
    return Optional.of(new ClusterSettings(text("cluster-name", "quorate"),
        members.isBlank() ? List.of() : Arrays.stream(members.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
        text("cluster-host", "127.0.0.1"), integer("cluster-port", ClusterSettings.DEFAULT_PORT, 1, 65535),
        integer("cluster-bus-port", 0, 0, 65535), bool("cluster-multicast")));
  }

  private String value(String name) {
    String v = options.get(name);
    return v != null ? v : env.get("QUORATE_" + name.toUpperCase().replace('-', '_'));
  }

  private String text(String name, String fallback) {
    String v = value(name);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  private boolean bool(String name) {
    String v = value(name);
    if (v == null) {
      return false;
    }
    return switch (v.trim().toLowerCase()) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no", "" -> false;
      default -> throw new ConfigException("--" + name + " must be true or false (got '" + v + "')");
    };
  }

  private int integer(String name, int fallback, int min, int max) {
    String v = value(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < min || n > max) {
        throw new ConfigException("--" + name + " must be between " + min + " and " + max + " (got " + n + ")");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ConfigException("--" + name + " must be a whole number (got '" + v + "')");
    }
  }

  private static String known() {
    return String.join(", ", VALUED.stream().sorted().map(s -> "--" + s).toList()) + ", --demo, --cluster, --cluster-multicast";
  }
}
