package org.quorate.server.decisions;

import org.quorate.protocol.DecisionCommand;
import org.quorate.server.gateway.CommandHandlers;
import org.quorate.server.threads.ThreadCommands;

/** The WebSocket commands of decisions, each acknowledged only after its commit. */
public final class DecisionCommands {
  private DecisionCommands() {}

  public static void register(CommandHandlers handlers, DecisionService decisions, DecisionModeration moderation) {
    handlers
        .on(DecisionCommand.OpenDecision.class, (c, cmd) -> ThreadCommands.acked(c, cmd.id(), decisions.open(c.principal(), cmd)))
        .on(DecisionCommand.CastBallot.class, (c, cmd) -> ThreadCommands.acked(c, cmd.id(), decisions.cast(c.principal(), cmd)))
        .on(DecisionCommand.WithdrawBallot.class, (c, cmd) -> ThreadCommands.acked(c, cmd.id(), decisions.withdraw(c.principal(), cmd)))
        .on(DecisionCommand.ChangeDecision.class, (c, cmd) -> ThreadCommands.acked(c, cmd.id(), moderation.change(c.principal(), cmd)))
        .on(DecisionCommand.Recuse.class, (c, cmd) -> ThreadCommands.acked(c, cmd.id(), moderation.recuse(c.principal(), cmd)))
        .on(DecisionCommand.CastingVote.class, (c, cmd) -> ThreadCommands.acked(c, cmd.id(), moderation.castingVote(c.principal(), cmd)));
  }
}
