package org.quorate.server.admin;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.quorate.server.registry.RegistryService.ImportResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "parties", mixinStandardHelpOptions = true, versionProvider = AdminCommand.Version.class, synopsisSubcommandLabel = "COMMAND",
    description = "Import Parties.", subcommands = PartiesCommand.Import.class)
final class PartiesCommand extends CommandGroup {
  @Command(name = "import", mixinStandardHelpOptions = true, versionProvider = AdminCommand.Version.class,
      description = {"Creates the Parties in a CSV file, all or none, as POST /api/parties/import does.",
          "Header: name,category,voting_group (an empty voting_group gives the Party a group of its own)."})
  static final class Import implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.csv") Path file;
    @Mixin StoreOptions store;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      String csv = Files.readString(file, StandardCharsets.UTF_8);
      ImportResult result = store.run(Duration.ofMinutes(5), session -> session.registry().importParties(AdminSession.OPERATOR, csv));
      spec.commandLine().getOut().println("Imported " + result.imported() + (result.imported() == 1 ? " Party." : " Parties."));
      return 0;
    }
  }
}
