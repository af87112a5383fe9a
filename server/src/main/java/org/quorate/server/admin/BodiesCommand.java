package org.quorate.server.admin;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.quorate.server.decisions.rules.BodyRules;
import org.quorate.server.decisions.rules.RulesCatalogue;
import org.quorate.server.decisions.rules.RulesStatus;
import org.quorate.server.domain.DomainException;
import org.quorate.server.registry.RegistryRecords.Body;
import org.quorate.server.registry.RegistryRecords.BodyMember;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "bodies", mixinStandardHelpOptions = true, versionProvider = AdminCommand.Version.class, synopsisSubcommandLabel = "COMMAND",
    description = "List bodies.", subcommands = BodiesCommand.ListBodies.class)
final class BodiesCommand extends CommandGroup {
  @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = AdminCommand.Version.class,
      description = "Prints every body: code, name, kind, members (voting ones in brackets) and the rules its decisions follow.")
  static final class ListBodies implements Callable<Integer> {
    static final List<String> HEADER = List.of("CODE", "NAME", "KIND", "MEMBERS", "RULES");

    @Mixin StoreOptions store;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      List<Body> bodies = store.run(Duration.ofMinutes(1), session -> session.registry().bodies());
      RulesCatalogue rules = RulesCatalogue.loadDefaults();
      List<List<String>> rows = new ArrayList<>();
      rows.add(HEADER);
      bodies.forEach(b -> rows.add(List.of(b.code(), b.name(), b.kind(), members(b), rules(rules, b))));
      print(rows, spec.commandLine().getOut());
      return 0;
    }

    private static String members(Body b) {
      long voting = b.members().stream().filter(BodyMember::voting).count();
      return b.members().size() + " (" + voting + " voting)";
    }

    private static String rules(RulesCatalogue catalogue, Body b) {
      try {
        BodyRules r = catalogue.current(b.rules(), b.code());
        return r.reference() + (r.status() == RulesStatus.CONFIRMED ? "" : " (default, Panel to confirm)");
      } catch (DomainException none) {
        return "none";
      }
    }

    /** Columns as wide as their widest cell, two spaces apart; the last one is not padded. */
    private static void print(List<List<String>> rows, PrintWriter out) {
      int[] width = new int[HEADER.size()];
      rows.forEach(r -> {
        for (int i = 0; i < width.length; i++) {
          width[i] = Math.max(width[i], r.get(i).length());
        }
      });
      for (List<String> r : rows) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
          line.append(i == width.length - 1 ? r.get(i) : String.format("%-" + width[i] + "s  ", r.get(i)));
        }
        out.println(line.toString().stripTrailing());
      }
    }
  }
}
