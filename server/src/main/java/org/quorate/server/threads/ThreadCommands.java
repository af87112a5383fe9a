package org.quorate.server.threads;

import io.vertx.core.Future;
import org.quorate.protocol.ClientCommand;
import org.quorate.protocol.ServerEvent;
import org.quorate.protocol.UserRef;
import org.quorate.server.gateway.CommandHandlers;
import org.quorate.server.gateway.Connection;
import org.quorate.server.rooms.RoomEventLog.Outcome;
import org.quorate.server.rooms.RoomService;

/** The WebSocket commands of rooms and threads, each acknowledged only after its commit. */
public final class ThreadCommands {
  private ThreadCommands() {}

  public static void register(CommandHandlers handlers, RoomService rooms, ThreadService threads) {
    handlers
        .on(ClientCommand.PostMessage.class, (c, cmd) -> acked(c, cmd.id(), threads.post(c.principal(), cmd)))
        .on(ClientCommand.EditMessage.class, (c, cmd) -> acked(c, cmd.id(), threads.edit(c.principal(), cmd)))
        .on(ClientCommand.DeleteMessage.class, (c, cmd) -> acked(c, cmd.id(), threads.delete(c.principal(), cmd)))
        .on(ClientCommand.PinMessage.class, (c, cmd) -> acked(c, cmd.id(), threads.pin(c.principal(), cmd)))
        .on(ClientCommand.MarkRead.class, (c, cmd) -> rooms.markRead(c.principal(), cmd.room(), cmd.seq())
            .onSuccess(m -> c.send(new ServerEvent.Ack(cmd.id(), cmd.room(), m[0], null, false))))
        .on(ClientCommand.FetchHistory.class, (c, cmd) -> rooms.history(c.principal(), cmd.room(), cmd.beforeSeq(),
                cmd.limit() == null ? 50 : cmd.limit())
            .onSuccess(p -> c.send(new ServerEvent.History(cmd.id(), cmd.room(), p.events(), p.hasMore()))))
        .on(ClientCommand.Search.class, (c, cmd) -> threads.search(c.principal(), cmd.query(), cmd.room(), cmd.author(),
                cmd.limit() == null ? 20 : Math.min(Math.max(cmd.limit(), 1), 100))
            .onSuccess(hits -> c.send(new ServerEvent.SearchResults(cmd.id(), hits.stream().map(h -> new ServerEvent.SearchHit(
                h.roomId(), h.roomName(), h.messageId(), h.seq(), new UserRef(h.authorId(), h.authorName()), h.excerpt(),
                h.createdAt().toInstant())).toList()))))
        .on(ClientCommand.Follow.class, (c, cmd) -> rooms.follow(c.principal(), cmd.room(), cmd.following())
            .onSuccess(v -> c.send(new ServerEvent.Ack(cmd.id(), cmd.room(), null, null, false))));
  }

  public static Future<Outcome> acked(Connection c, String id, Future<Outcome> write) {
    return write.onSuccess(o -> c.send(new ServerEvent.Ack(id, o.room(), o.seq(), o.messageId(), o.duplicate(), o.receipt())));
  }
}
