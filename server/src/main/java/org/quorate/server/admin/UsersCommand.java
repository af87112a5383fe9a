package org.quorate.server.admin;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.quorate.server.auth.GeneratedPasswords;
import org.quorate.server.domain.DomainException;
import org.quorate.server.registry.UserCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "users", mixinStandardHelpOptions = true, versionProvider = AdminCommand.Version.class, synopsisSubcommandLabel = "COMMAND",
    description = "Import users, reset a password, end a user's sessions.",
    subcommands = {UsersCommand.Import.class, UsersCommand.ResetPassword.class, UsersCommand.RevokeTokens.class})
final class UsersCommand extends CommandGroup {
  /** Hashing each password is deliberately slow. */
  private static final Duration IMPORT = Duration.ofMinutes(30);
  private static final Duration ONE_USER = Duration.ofMinutes(1);

  @Command(name = "import", mixinStandardHelpOptions = true, versionProvider = AdminCommand.Version.class,
      description = {"Creates the users in a CSV file, all or none.",
          "Header: username,display_name,roles,party,password. Roles are separated by ';' "
              + "(administrator, moderator, chair, member, party_representative, observer); party is a Party's name "
              + "or empty; an empty password is generated and printed once."})
  static final class Import extends CsvImport {
    @Override
    public Integer call() throws Exception {
      List<UserCsv.Line> lines = UserCsv.parse(csv(), GeneratedPasswords::create);
      PrintWriter out = spec.commandLine().getOut();
      store.run(IMPORT, session -> session.registry().importUsers(AdminSession.OPERATOR, lines));
      out.println("Imported " + lines.size() + (lines.size() == 1 ? " user." : " users."));
      List<UserCsv.Line> generated = lines.stream().filter(UserCsv.Line::passwordGenerated).toList();
      if (!generated.isEmpty()) {
        out.println("Generated passwords, shown only now; give each to its user, who should change it after signing in:");
        int width = generated.stream().mapToInt(l -> l.user().username().length()).max().orElse(0);
        generated.forEach(l -> out.printf("  %-" + width + "s  %s%n", l.user().username(), l.user().password()));
      }
      return 0;
    }
  }

  @Command(name = "reset-password", mixinStandardHelpOptions = true, versionProvider = AdminCommand.Version.class,
      description = "Sets a new password (generated and printed, or read from standard input) and ends every session "
          + "of the user; their open connections close.")
  static final class ResetPassword implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "The username.") String username;
    @Option(names = "--stdin", description = "Read the new password from the first line of standard input.") boolean stdin;
    @Mixin StoreOptions store;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      String password = stdin ? firstLineOfStdin() : GeneratedPasswords.create();
      int ended = store.run(ONE_USER, session -> session.accounts().resetPassword(username, password));
      PrintWriter out = spec.commandLine().getOut();
      out.println("Password of " + normalised(username) + " reset; " + sessions(ended) + " ended.");
      if (!stdin) {
        out.println("New password, shown only now: " + password);
      }
      return 0;
    }

    private static String firstLineOfStdin() throws java.io.IOException {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null) {
        throw DomainException.invalid("password", "standard input is empty (--stdin reads the new password from it)");
      }
      return line;
    }
  }

  @Command(name = "revoke-tokens", mixinStandardHelpOptions = true, versionProvider = AdminCommand.Version.class,
      description = "Ends every session of the user: their tokens stop working and their open connections close.")
  static final class RevokeTokens implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "The username.") String username;
    @Mixin StoreOptions store;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      int ended = store.run(ONE_USER, session -> session.accounts().revokeTokens(username));
      spec.commandLine().getOut().println("Signed " + normalised(username) + " out: " + sessions(ended) + " ended.");
      return 0;
    }
  }

  /** Usernames are stored in lower case; say which account was changed. */
  static String normalised(String username) {
    return username.strip().toLowerCase(java.util.Locale.ROOT);
  }

  static String sessions(int n) {
    return n + (n == 1 ? " session" : " sessions");
  }
}
