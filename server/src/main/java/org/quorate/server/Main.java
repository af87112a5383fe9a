package org.quorate.server;

import org.quorate.server.admin.AdminCommand;
import org.quorate.server.backup.BackupCommand;
import org.quorate.server.config.ConfigException;
import org.quorate.server.config.ServerConfig;

/**
 * {@code java -jar quorate-server.jar [--port N] [--bind HOST] [--data-dir DIR] [--db-url URL] [--demo]}
 * runs the server; {@code admin COMMAND ...} is the operator's command line, {@code verify ...} checks
 * the decision ledger, and {@code backup ...}/{@code restore ...} copy the store out and back.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("admin")) {
      System.exit(AdminCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
    }
    if (args.length > 0 && "verify".equals(args[0])) {
      System.exit(org.quorate.server.ledger.VerifyCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
    }
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
