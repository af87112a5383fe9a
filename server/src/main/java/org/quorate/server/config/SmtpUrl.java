package org.quorate.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An operator-supplied mail server, {@code smtp://user:pass@host:587?starttls=required&from=...} or
 * {@code smtps://user:pass@host:465?from=...}, parsed once at start. The password never appears in
 * {@link #toString()}, which the start-up log prints.
 */
public record SmtpUrl(String host, int port, Security security, String user, String password, String from) {

  /** How the connection is protected: TLS from the first byte, STARTTLS (required or if offered), or none. */
  public enum Security { TLS, STARTTLS_REQUIRED, STARTTLS_OPTIONAL, NONE }

  public static SmtpUrl parse(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new ConfigException("--smtp-url is not a URL: " + e.getReason());
    }
    boolean tls = "smtps".equals(uri.getScheme());
    if (!tls && !"smtp".equals(uri.getScheme())) {
      throw new ConfigException("--smtp-url must start with smtp:// or smtps:// (got " + uri.getScheme() + ")");
    }
    if (uri.getHost() == null) {
      throw new ConfigException("--smtp-url has no host");
    }
    Map<String, String> query = query(uri.getRawQuery());
    String from = query.get("from");
    if (from == null || !from.contains("@")) {
      throw new ConfigException("--smtp-url needs a sender address: add ?from=quorate@example.org");
    }
    Security security = tls ? Security.TLS : switch (query.getOrDefault("starttls", "optional")) {
      case "required" -> Security.STARTTLS_REQUIRED;
      case "optional" -> Security.STARTTLS_OPTIONAL;
      case "disabled" -> Security.NONE;
      default -> throw new ConfigException("--smtp-url starttls must be required, optional or disabled (got "
          + query.get("starttls") + ")");
    };
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : "";
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 465 : 587;
    return new SmtpUrl(uri.getHost(), port, security, user, password, from);
  }

  @Override
  public String toString() {
    return (security == Security.TLS ? "smtps://" : "smtp://") + (user == null ? "" : user + "@") + host + ":" + port
        + " (" + security.name().toLowerCase().replace('_', ' ') + ", from " + from + ")";
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
