package org.quorate.server.admin;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.vertx.pgclient.PgException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import org.quorate.server.config.ConfigException;
import org.quorate.server.domain.DomainException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar quorate-server.jar admin ...}: the operator's command line. Exit 0 on success,
 * 2 on anything the operator can fix (a bad row, an unknown user, no database), each reported in
 * one line; 1 only for a fault of Quorate's own.
 */
@Command(name = "admin", mixinStandardHelpOptions = true, versionProvider = AdminCommand.Version.class, synopsisSubcommandLabel = "COMMAND",
    description = "Administer Quorate's users, Parties and bodies, while the server runs or not.",
    subcommands = {UsersCommand.class, PartiesCommand.class, BodiesCommand.class})
public final class AdminCommand implements Runnable {
  static final int FIXABLE = 2;

  @Spec CommandSpec spec;

  /** Runs one command line (the arguments after {@code admin}) and returns its exit code. */
  public static int run(String... args) {
    quietenLogs();
    CommandLine cli = new CommandLine(new AdminCommand()).setCommandName("java -jar quorate-server.jar admin");
    cli.setExecutionExceptionHandler((e, line, parsed) -> report(e, line.getErr()));
    return cli.execute(args);
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: users, parties or bodies");
  }

  private static int report(Exception e, PrintWriter err) {
    Throwable fixable = fixable(e);
    if (fixable != null) {
      err.println("quorate admin: " + describe(fixable));
      return FIXABLE;
    }
    err.println("quorate admin: unexpected failure: " + e);
    e.printStackTrace(err);
    return 1;
  }

  private static Throwable fixable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DomainException || t instanceof ConfigException || t instanceof PgException
          || t instanceof IOException) {
        return t;
      }
    }
    return null;
  }

  private static String describe(Throwable t) {
    if (t instanceof PgException pg && "42P01".equals(pg.getSqlState())) {
      return "the database has no Quorate tables yet; start the server on it once, which creates them";
    }
    if (t instanceof ConnectException) {
      return "cannot reach the database: " + t.getMessage();
    }
    if (t instanceof java.nio.file.NoSuchFileException) {
      return "no such file: " + t.getMessage();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  /** The operator reads what the command did, not the server's start-up log. */
  private static void quietenLogs() {
    if (System.getenv("QUORATE_LOG_LEVEL") == null
        && LoggerFactory.getLogger("org.quorate") instanceof Logger quorate) {
      quorate.setLevel(Level.WARN);
    }
  }

  /** The version the jar was built as. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = AdminCommand.class.getPackage().getImplementationVersion();
      return new String[] {"Quorate " + (v == null ? "(development build)" : v)};
    }
  }

  /** For a group such as {@code users}: a subcommand is required. */
  static void requireSubcommand(CommandSpec spec) {
    throw new ParameterException(spec.commandLine(), "name a subcommand: "
        + String.join(", ", spec.subcommands().keySet()));
  }
}
