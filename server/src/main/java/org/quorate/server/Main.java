package org.quorate.server;

import org.quorate.server.config.ConfigException;
import org.quorate.server.config.ServerConfig;

/** {@code java -jar quorate-server.jar [--port N] [--bind HOST] [--data-dir DIR] [--db-url URL] [--demo]}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    QuorateServer server;
    try {
      ServerConfig config = ServerConfig.parse(args, System.getenv());
      server = QuorateServer.start(config);
    } catch (ConfigException e) {
      System.err.println("quorate: " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "quorate-shutdown"));
    System.out.println("Quorate listening on " + server.baseUrl());
  }
}
