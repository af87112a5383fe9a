package org.quorate.server.gateway;

import io.vertx.core.Future;
import org.quorate.protocol.ClientCommand;
import org.quorate.protocol.ErrorCode;
import org.quorate.protocol.Protocol;
import org.quorate.protocol.ProtocolCodec;
import org.quorate.protocol.ProtocolViolation;
import org.quorate.protocol.ServerEvent;
import org.quorate.server.domain.DomainException;
import org.quorate.server.http.ErrorResponses;
import org.quorate.server.http.NulCharacters;

/**
 * Decodes a frame, enforces sign-in, and runs the command's handler; every failure becomes a typed
 * {@code error} echoing the command id. Connection-level commands (authenticate, subscribe,
 * unsubscribe, typing) are handled here; feature commands come from {@link CommandHandlers}.
 */
public final class CommandDispatcher {
  private final CommandHandlers features;

  public CommandDispatcher(CommandHandlers features) {
    this.features = features;
    features
        .on(ClientCommand.Authenticate.class, (c, cmd) -> Future.failedFuture(new IllegalStateException("handled by the session")))
        .on(ClientCommand.Subscribe.class, (c, cmd) -> subscribe((Session) c, cmd))
        .on(ClientCommand.Unsubscribe.class, (c, cmd) -> unsubscribe((Session) c, cmd))
        .on(ClientCommand.Typing.class, (c, cmd) -> typing((Session) c, cmd));
  }

  public CommandHandlers handlers() {
    return features;
  }

  void handle(Session session, String text) {
    String nul = NulCharacters.fieldWithNul(text);
    if (nul != null) {
      // PostgreSQL cannot store NUL in text: refused here, naming the field, not as an internal error later.
      session.send(new ServerEvent.Error(ProtocolCodec.peekId(text), ErrorCode.INVALID, nul + ": must not contain NUL characters", nul));
      return;
    }
    ClientCommand command;
    try {
      command = ProtocolCodec.decodeCommand(text);
    } catch (ProtocolViolation v) {
      ErrorResponses.ErrorBody e = ErrorResponses.body(new DomainException(ErrorCode.INVALID, v.getMessage(), v.field()));
      session.send(new ServerEvent.Error(ProtocolCodec.peekId(text), e.error(), e.message(), e.field()));
      return;
    }
    Future<?> done;
    try {
      if (command instanceof ClientCommand.Authenticate auth) {
        done = session.writes().signIn(() -> authenticate(session, auth));
      } else {
        // Judged when its turn comes: by then a sign-in sent before it has been answered.
        ClientCommand c = command;
        done = session.writes().submit(WriteOrder.of(command), () -> session.principal() == null
            ? Future.failedFuture(DomainException.notAuthenticated("authenticate first")) : features.handle(session, c));
      }
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    done.onFailure(e -> session.sendError(command.id(), e));
  }

  private Future<?> authenticate(Session s, ClientCommand.Authenticate c) {
    if (s.principal() != null) {
      return Future.failedFuture(DomainException.conflict("this connection is already signed in"));
    }
    if (c.protocolVersion() != Protocol.VERSION) {
      return Future.failedFuture(DomainException.invalid("protocol_version", "this server speaks protocol version " + Protocol.VERSION));
    }
    return s.signInOnce(c.token()).onSuccess(p -> {
      s.token(c.token());
      s.send(new ServerEvent.Ack(c.id(), null, null, null, false));
      s.signedIn(p);
    });
  }

  private Future<?> subscribe(Session s, ClientCommand.Subscribe c) {
    s.subscribe(c.id(), c.room(), c.sinceSeq());
    return Future.succeededFuture();
  }

  private Future<?> unsubscribe(Session s, ClientCommand.Unsubscribe c) {
    s.unsubscribe(c.room());
    s.send(new ServerEvent.Ack(c.id(), c.room(), null, null, false));
    return Future.succeededFuture();
  }

  private Future<?> typing(Session s, ClientCommand.Typing c) {
    if (!s.isSubscribed(c.room())) {
      return Future.failedFuture(DomainException.invalid("room", "subscribe to the room first"));
    }
    s.typing(c.room());
    return Future.succeededFuture();
  }
}
