package org.quorate.server.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.quorate.protocol.ErrorCode;
import org.quorate.protocol.ProtocolCodec;
import org.quorate.protocol.ServerEvent;
import org.quorate.protocol.UserRef;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.DomainException;
import org.quorate.server.http.ErrorResponses;
import org.quorate.server.rooms.RoomBus;
import org.quorate.server.rooms.RoomEventStore.StoredEvent;
import org.quorate.server.rooms.RoomService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection: who it is, which rooms it follows and how far, and a bounded outbound
 * queue. All of its state lives on the connection's event loop.
 */
final class Session implements Connection {
  private static final Logger LOG = LoggerFactory.getLogger(Session.class);
  static final short GOING_AWAY = 1001;
  static final short POLICY = 1008;
  static final short TOO_BIG = 1009;
  static final java.time.Duration CLOSE_HANDSHAKE_WAIT = java.time.Duration.ofSeconds(2);

  private final Vertx vertx;
  private final ServerWebSocket ws;
  private final WebSocketGateway gateway;
  private final GatewayLimits limits;
  private final RateLimiter rate;
  private final Map<Long, RoomCursor> rooms = new HashMap<>();
  private Principal principal;
  private String token;
  private MessageConsumer<String> userConsumer;
  private long lastHeard = System.nanoTime();
  private long heartbeatTimer = -1;
  private long slowTimer = -1;
  private long queuedBytes;
  private boolean closed;

  Session(Vertx vertx, ServerWebSocket ws, WebSocketGateway gateway, GatewayLimits limits) {
    this.vertx = vertx;
    this.ws = ws;
    this.gateway = gateway;
    this.limits = limits;
    this.rate = new RateLimiter(limits.commandsPerSecond(), limits.commandBurst());
    ws.setWriteQueueMaxSize(limits.writeQueueBytes());
  }

  void start(Principal alreadyAuthenticated) {
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(b -> sendError(null, DomainException.invalid("message", "binary messages are not part of the protocol")));
    ws.pongHandler(p -> lastHeard = System.nanoTime());
    ws.frameHandler(f -> lastHeard = System.nanoTime());
    ws.exceptionHandler(this::onFailure);
    ws.closeHandler(v -> cleanUp());
    heartbeatTimer = vertx.setPeriodic(limits.heartbeat().toMillis(), t -> heartbeat());
    if (alreadyAuthenticated != null) {
      signedIn(alreadyAuthenticated);
    } else {
      vertx.setTimer(limits.authTimeout().toMillis(), t -> {
        if (principal == null && !closed) {
          close(POLICY, "authenticate first");
        }
      });
    }
  }

  @Override
  public Principal principal() {
    return principal;
  }

  void signedIn(Principal p) {
    principal = p;
    userConsumer = vertx.eventBus().consumer(RoomBus.userAddress(p.userId()), msg -> write(msg.body()));
    send(new ServerEvent.Welcome(org.quorate.protocol.Protocol.VERSION, ref(), java.time.Instant.now()));
  }

  UserRef ref() {
    return new UserRef(principal.userId(), principal.displayName());
  }

  private void onText(String text) {
    lastHeard = System.nanoTime();
    if (!rate.tryAcquire()) {
      sendError(ProtocolCodec.peekId(text), new DomainException(ErrorCode.RATE_LIMITED, "too many commands; slow down", null));
      return;
    }
    gateway.dispatcher().handle(this, text);
  }

  private void onFailure(Throwable t) {
    String what = String.valueOf(t.getMessage()).toLowerCase();
    if (t.getClass().getSimpleName().contains("TooLong") || what.contains("too big") || what.contains("exceed")
        || what.contains("too long") || what.contains("max")) {
      LOG.debug("closing {}: oversized message ({})", who(), t.toString());
      close(TOO_BIG, "message too big");
    } else {
      LOG.debug("closing {} after a transport failure: {}", who(), t.toString());
      close((short) 1011, "transport failure");
    }
  }

  io.vertx.core.Future<Principal> gatewayAuthenticate(String token) {
    return gateway.authenticate(token);
  }

  void typing(long room) {
    gateway.typing(room, this);
  }

  // ---- rooms ----

  boolean isSubscribed(long room) {
    return rooms.containsKey(room);
  }

  /**
   * Joins live delivery first (buffered), then replays from the store: nothing committed in
   * between can fall through, and duplicates are dropped by sequence number.
   */
  void subscribe(String commandId, long room, Long sinceSeq) {
    RoomService service = gateway.rooms();
    boolean fresh = !rooms.containsKey(room);
    RoomCursor cursor = new RoomCursor(sinceSeq == null ? 0 : sinceSeq);
    rooms.put(room, cursor);
    gateway.fanout().join(room, this);
    service.replay(principal, room, sinceSeq).onComplete(ar -> {
      if (closed || rooms.get(room) != cursor) {
        return;
      }
      if (ar.failed()) {
        rooms.remove(room);
        gateway.fanout().leave(room, this);
        sendError(commandId, ar.cause());
        return;
      }
      RoomService.Replay replay = ar.result();
      long last = replay.room().lastSeq();
      if (replay instanceof RoomService.Missed missed) {
        for (StoredEvent e : missed.events()) {
          if (e.seq() > cursor.delivered()) {
            write(e.json());
          }
        }
      } else if (replay instanceof RoomService.Resync resync) {
        send(new ServerEvent.ResyncRequired(commandId, room, resync.reason(), last, resync.recent()));
      }
      // Everything up to the room's last sequence was sent (or replaced by the snapshot); release live ones.
      cursor.replayed(last).forEach(this::write);
      send(new ServerEvent.Subscribed(commandId, room, cursor.delivered()));
      if (fresh) {
        gateway.presenceJoined(room, this);
      }
    });
  }

  /**
   * Membership changed: a connection that may no longer read the room stops receiving it at once,
   * and is told why.
   */
  void recheckAccess(long room) {
    if (!rooms.containsKey(room) || principal == null) {
      return;
    }
    gateway.rooms().openForRead(principal, room).onFailure(e -> {
      unsubscribe(room);
      send(new ServerEvent.Error(null, ErrorCode.NOT_AUTHORISED, "you may no longer read room " + room, "room"));
    });
  }

  void unsubscribe(long room) {
    if (rooms.remove(room) != null) {
      gateway.fanout().leave(room, this);
      gateway.presenceLeft(room, this);
    }
  }

  /** A committed event from the bus. */
  void onRoomEvent(long room, long seq, String json) {
    RoomCursor cursor = rooms.get(room);
    if (cursor == null) {
      return;
    }
    cursor.offer(seq, json).forEach(this::write);
    if (!cursor.replaying() && cursor.hasGap()) {
      vertx.setTimer(limits.gapWait().toMillis(), t -> fillGap(room, cursor));
    }
  }

  /**
   * Publication can overtake commit order; if the gap is still open, read it from the store. A busy
   * store must not strand the events waiting behind the gap, so a failed read is tried again shortly.
   */
  private void fillGap(long room, RoomCursor cursor) {
    if (closed || rooms.get(room) != cursor || !cursor.hasGap()) {
      return;
    }
    gateway.rooms().gap(room, cursor.delivered(), cursor.firstWaiting() - 1).onSuccess(events -> {
      if (rooms.get(room) == cursor) {
        events.forEach(e -> cursor.offer(e.seq(), e.json()).forEach(this::write));
      }
    }).onFailure(busy -> vertx.setTimer(limits.gapWait().toMillis(), t -> fillGap(room, cursor)));
  }

  void onEphemeral(long room, String json, long exceptUser) {
    if (rooms.containsKey(room) && (principal == null || principal.userId() != exceptUser)) {
      write(json);
    }
  }

  // ---- output ----

  @Override
  public void send(ServerEvent event) {
    write(ProtocolCodec.encode(event));
  }

  void sendError(String commandId, Throwable failure) {
    DomainException e = ErrorResponses.classify(failure, "ws " + who());
    send(new ServerEvent.Error(commandId, e.code(), e.getMessage(), e.field()));
  }

  /**
   * Writes one frame, unless the session has closed (a socket that has just gone is skipped, never
   * an error). Each frame's bytes count against the session's outbound budget until Netty has
   * written them. A client that stops reading is cut off at the TCP level as soon as it goes over
   * that budget, or once it has stayed unwritable past the grace period, rather than growing our
   * memory; it can reconnect and resume. A close frame would queue behind the very backlog it is
   * meant to end, so none is sent.
   */
  void write(String json) {
    if (closed) {
      return;
    }
    if (ws.isClosed()) {
      cleanUp();
      return;
    }
    long bytes = utf8Length(json);
    if (queuedBytes + bytes > limits.outboundBudgetBytes()) {
      cutOff("over its outbound budget of " + limits.outboundBudgetBytes() + " bytes");
      return;
    }
    queuedBytes += bytes;
    try {
      ws.writeTextMessage(json).onComplete(ar -> queuedBytes -= bytes);
      if (slowTimer < 0 && ws.writeQueueFull()) {
        ws.drainHandler(v -> {
          vertx.cancelTimer(slowTimer);
          slowTimer = -1;
        });
        slowTimer = vertx.setTimer(limits.slowClientGrace().toMillis(),
            t -> cutOff("not writable for " + limits.slowClientGrace().toSeconds() + " s"));
      }
    } catch (IllegalStateException closedMeanwhile) {
      // Never thrown back into the room's fan-out, where it would cost the sessions after this one the event.
      cleanUp();
    }
  }

  /** Closes the TCP connection at once, discarding the backlog. */
  private void cutOff(String why) {
    if (closed) {
      return;
    }
    LOG.info("disconnecting {}: {} ({} bytes queued)", who(), why, queuedBytes);
    if (ws instanceof WebSocketInternal internal) {
      internal.channelHandlerContext().channel().close();
    } else {
      ws.close(POLICY, "not reading; reconnect and resume");
    }
    cleanUp();
  }

  private static long utf8Length(String s) {
    long n = s.length();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        n += c < 0x800 ? 1 : Character.isSurrogate(c) ? 1 : 2;
      }
    }
    return n;
  }

  private void heartbeat() {
    if (ws.isClosed()) {
      cleanUp();
      return;
    }
    if (System.nanoTime() - lastHeard > limits.silenceTimeout().toNanos()) {
      close(POLICY, "no answer to pings");
      return;
    }
    ws.writePing(Buffer.buffer("q"));
    revalidate();
  }

  /** A revoked or expired token ends the connection; changed roles take effect for later checks. */
  private void revalidate() {
    if (token == null) {
      return;
    }
    // Only a refused token ends the connection; a busy or unreachable store is asked again next heartbeat.
    gateway.authenticate(token).onSuccess(p -> principal = p).onFailure(e -> {
      if (e instanceof DomainException d && d.code() == ErrorCode.NOT_AUTHENTICATED) {
        close(POLICY, "session expired or signed out");
      }
    });
  }

  void token(String value) {
    this.token = value;
  }

  void close(short code, String reason) {
    if (closed) {
      return;
    }
    if (ws.isClosed()) {
      cleanUp();
      return;
    }
    if (ws.writeQueueFull()) {
      // The close frame could not get past the backlog.
      cutOff("closing (" + code + ") with a full write queue");
      return;
    }
    ws.close(code, reason);
    // A peer that never answers the close frame must not hold the connection, or a shutdown, open.
    if (ws instanceof WebSocketInternal internal) {
      vertx.setTimer(CLOSE_HANDSHAKE_WAIT.toMillis(), t -> {
        if (internal.channelHandlerContext().channel().isActive()) {
          internal.channelHandlerContext().channel().close();
        }
      });
    }
    cleanUp();
  }

  private void cleanUp() {
    if (closed) {
      return;
    }
    closed = true;
    vertx.cancelTimer(heartbeatTimer);
    if (slowTimer >= 0) {
      vertx.cancelTimer(slowTimer);
    }
    if (userConsumer != null) {
      userConsumer.unregister();
    }
    List.copyOf(rooms.keySet()).forEach(this::unsubscribe);
    gateway.closed(this);
  }

  private String who() {
    return principal == null ? "anonymous connection" : principal.username();
  }
}
