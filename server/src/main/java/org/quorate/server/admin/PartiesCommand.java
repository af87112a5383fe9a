package org.quorate.server.admin;

import java.time.Duration;
import org.quorate.server.registry.RegistryService.ImportResult;
import picocli.CommandLine.Command;

@Command(name = "parties", mixinStandardHelpOptions = true, versionProvider = AdminCommand.Version.class, synopsisSubcommandLabel = "COMMAND",
    description = "Import Parties.", subcommands = PartiesCommand.Import.class)
final class PartiesCommand extends CommandGroup {
  @Command(name = "import", mixinStandardHelpOptions = true, versionProvider = AdminCommand.Version.class,
      description = {"Creates the Parties in a CSV file, all or none, as POST /api/parties/import does.",
          "Header: name,category,voting_group (an empty voting_group gives the Party a group of its own)."})
  static final class Import extends CsvImport {
    @Override
    public Integer call() throws Exception {
      String csv = csv();
      ImportResult result = store.run(Duration.ofMinutes(5), session -> session.registry().importParties(AdminSession.OPERATOR, csv));
      spec.commandLine().getOut().println("Imported " + result.imported() + (result.imported() == 1 ? " Party." : " Parties."));
      return 0;
    }
  }
}
