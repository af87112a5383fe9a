package org.quorate.server.admin;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command such as {@code users} that only groups subcommands: run on its own, it asks for one. */
abstract class CommandGroup implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    AdminCommand.requireSubcommand(spec);
  }
}
