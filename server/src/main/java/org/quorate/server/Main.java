package org.quorate.server;

import org.quorate.server.backup.BackupCommand;
import org.quorate.server.config.ConfigException;
import org.quorate.server.config.ServerConfig;

/** {@code java -jar quorate-server.jar [--port N] [--bind HOST] [--data-dir DIR] [--db-url URL] [--demo]}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (BackupCommand.handles(args)) {
      System.exit(BackupCommand.run(args, System.getenv()));
    }
    QuorateServer server;
    try {
      ServerConfig config = ServerConfig.parse(args, System.getenv());
      server = QuorateServer.start(config);
    } catch (ConfigException e) {
      System.err.println("quorate: " + e.getMessage());
      System.exit(2);
      return;
    }
    // SIGTERM stops the server through the hook QuorateServer installed; this thread is done.
    System.out.println("Quorate listening on " + server.baseUrl());
  }
}
