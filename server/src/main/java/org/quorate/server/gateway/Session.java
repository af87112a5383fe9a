package org.quorate.server.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayDeque;
import io.vertx.core.internal.http.WebSocketInternal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.quorate.protocol.ErrorCode;
import org.quorate.protocol.ProtocolCodec;
import org.quorate.protocol.ServerEvent;
import org.quorate.protocol.UserRef;
import org.quorate.server.auth.AuthService;
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
  static final short TRY_AGAIN_LATER = 1013;
  static final java.time.Duration CLOSE_HANDSHAKE_WAIT = java.time.Duration.ofSeconds(2);
  private static final Buffer PING = Buffer.buffer("q");

  private final Vertx vertx;
  private final ServerWebSocket ws;
  private final WebSocketGateway gateway;
  private final GatewayLimits limits;
  private final RateLimiter rate;
  /** Null only when the socket is not Vert.x's own (then frames are encoded again per socket). */
  private final FrameSocket socket;
  private final Map<Long, RoomCursor<Frame>> rooms = new HashMap<>(4);
  private Principal principal;
  private String token;
  private String tokenId;
  /** When the token expires (epoch millis), as read with it; 0 while signed out. */
  private long expiresAt;
  private UserRef signedInAs;
  private boolean signingIn;
  /** Set while the user's roles are re-read after a change; commands wait for the answer, in order. */
  private Future<Principal> reauthorising;
  /** Created only while commands wait for a re-read, which is rare. */
  private ArrayDeque<String> waitingCommands;
  private final WriteOrder writes;
  private MessageConsumer<String> userConsumer;
  private long lastHeard = System.nanoTime();
  private long nextPing;
  private long slowTimer = -1;
  private long queuedBytes;
  private boolean closed;

  Session(Vertx vertx, ServerWebSocket ws, WebSocketGateway gateway, GatewayLimits limits) {
    this.vertx = vertx;
    this.writes = new WriteOrder(vertx.getOrCreateContext());
    this.ws = ws;
    this.gateway = gateway;
    this.limits = limits;
    this.rate = new RateLimiter(limits.commandsPerSecond(), limits.commandBurst());
    ws.setWriteQueueMaxSize(limits.writeQueueBytes());
    this.socket = FrameSocket.of(ws);
  }

  void start(Principal alreadyAuthenticated) {
    IncomingMessages messages = new IncomingMessages(limits.maxMessageBytes(), this::onText,
        () -> sendError(null, DomainException.invalid("message", "binary messages are not part of the protocol")), this::close);
    ws.pongHandler(p -> lastHeard = System.nanoTime());
    ws.frameHandler(f -> {
      lastHeard = System.nanoTime();
      messages.handle(f);
    });
    ws.exceptionHandler(this::onFailure);
    ws.closeHandler(v -> cleanUp());
    nextPing = lastHeard + limits.heartbeat().toNanos();
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

  /** Keeps this connection's writes in the order they were sent. */
  WriteOrder writes() {
    return writes;
  }

  void signedIn(Principal p) {
    if (closed || principal != null) {
      return;
    }
    principal = p;
    signedInAs = new UserRef(p.userId(), p.displayName());
    // local: the node's relay of RoomBus.USERS_ADDRESS, registered cluster-wide at start-up, hands it on
    userConsumer = vertx.eventBus().localConsumer(RoomBus.userAddress(p.userId()), this::onUserMessage);
    send(new ServerEvent.Welcome(org.quorate.protocol.Protocol.VERSION, ref(), java.time.Instant.now()));
  }

  /** As signed in: presence counts the user under one name for the connection's lifetime. */
  UserRef ref() {
    return signedInAs;
  }

  private void onText(String text) {
    if (closed) {
      // Frames still arriving while our close handshake is under way (after sign-out) are not commands.
      return;
    }
    lastHeard = System.nanoTime();
    if (!rate.tryAcquire()) {
      sendError(ProtocolCodec.peekId(text), new DomainException(ErrorCode.RATE_LIMITED, "too many commands; slow down", null));
      return;
    }
    dispatchWhenCurrent(text);
  }

  private void onFailure(Throwable t) {
    if (t instanceof io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException bad) {
      // The frame decoder says which rule was broken: 1002 for a protocol error (such as a control
      // frame over 125 bytes), 1009 for a frame over the size limit.
      LOG.debug("closing {}: {}", who(), t.toString());
      close((short) bad.closeStatus().code(), bad.closeStatus().code() == TOO_BIG ? "message too big" : "protocol error");
      return;
    }
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

  /**
   * A connection signs in once: another {@code authenticate}, even one sent while the first is
   * still being checked, is refused, so the user's events are never delivered twice.
   */
  Future<Principal> signInOnce(String candidate) {
    if (principal != null || signingIn) {
      return Future.failedFuture(DomainException.conflict("this connection is already signed in"));
    }
    signingIn = true;
    return gateway.authenticate(candidate).andThen(ar -> signingIn = false).map(this::tokenChecked);
  }

  /** Who the token names and until when: kept, since sign-outs are pushed and expiry is a time. */
  Principal tokenChecked(org.quorate.server.auth.AuthService.Authenticated checked) {
    expiresAt = checked.expiresAt().toEpochMilli();
    return checked.principal();
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
    RoomCursor<Frame> cursor = new RoomCursor<>(sinceSeq == null ? 0 : sinceSeq);
    rooms.put(room, cursor);
    gateway.fanout().join(room, this, cursor).compose(v -> service.replay(principal, room, sinceSeq)).onComplete(ar -> {
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
            write(Frame.of(e.json()));
          }
        }
      } else if (replay instanceof RoomService.Resync resync) {
        send(new ServerEvent.ResyncRequired(commandId, room, resync.reason(), last, resync.recent()));
      }
      // Everything up to the room's last sequence was sent (or replaced by the snapshot); release live ones.
      cursor.replayed(last).forEach(this::write);
      send(new ServerEvent.Subscribed(commandId, room, cursor.delivered()));
      watchGap(room, cursor);
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
    RoomCursor<Frame> cursor = rooms.get(room);
    if (cursor == null || principal == null) {
      return;
    }
    cursor.hold();
    recheck(room, cursor);
  }

  // ---- losing access and signing out take effect at once ----

  private void onUserMessage(Message<String> msg) {
    String signal = msg.headers().get(RoomBus.ACCESS_HEADER);
    if (signal == null) {
      write(Frame.of(msg.body()));
    } else if (signal.equals(RoomBus.SIGNED_OUT)) {
      signedOut(msg.body());
    } else {
      reauthorise();
    }
  }

  private void signedOut(String revokedTokenId) {
    if (revokedTokenId.isEmpty() || revokedTokenId.equals(tokenId)) {
      close(POLICY, "signed out");
    }
  }

  /**
   * The user's roles or Party changed: every followed room is held (nothing more is delivered)
   * and commands wait until who they are has been re-read; then each room is re-checked with the
   * new principal. If they cannot be re-read the connection closes rather than guess: as signed
   * out when the store rejects the token, or with 1013 (try again later) when the store cannot be
   * reached, so the client keeps its credentials, reconnects and resumes.
   */
  void recheckToken() {
    reauthorise();
  }

  private void reauthorise() {
    Map<Long, RoomCursor<Frame>> held = Map.copyOf(rooms);
    held.values().forEach(RoomCursor::hold);
    Future<Principal> reread = gateway.authenticate(token).map(this::tokenChecked);
    reauthorising = reread;
    reread.onComplete(ar -> {
      if (closed) {
        return;
      }
      if (ar.failed()) {
        boolean rejected = ar.cause() instanceof DomainException d && d.code() == ErrorCode.NOT_AUTHENTICATED;
        close(rejected ? POLICY : TRY_AGAIN_LATER, rejected ? "session expired or signed out" : "store unavailable; reconnect and resume");
        return;
      }
      // A newer change may be re-read meanwhile: it holds the rooms too and has the last word.
      boolean latest = reauthorising == reread;
      if (latest) {
        principal = ar.result();
        reauthorising = null;
      }
      held.forEach(this::recheck);
      while (latest && reauthorising == null && !closed && waitingCommands != null && !waitingCommands.isEmpty()) {
        gateway.dispatcher().handle(this, waitingCommands.poll());
      }
      if (reauthorising == null) {
        waitingCommands = null;
      }
    });
  }

  /** Releases a held room if the user may still read it; else ends the subscription and says so. */
  private void recheck(long room, RoomCursor<Frame> cursor) {
    gateway.rooms().openForRead(principal, room).onComplete(ar -> {
      if (closed || rooms.get(room) != cursor) {
        return;
      }
      if (ar.succeeded()) {
        cursor.release().forEach(this::write);
        watchGap(room, cursor);
        return;
      }
      unsubscribe(room);
      boolean refused = ar.cause() instanceof DomainException e
          && (e.code() == ErrorCode.NOT_AUTHORISED || e.code() == ErrorCode.NOT_FOUND);
      send(new ServerEvent.AccessLost(room, refused ? "you may no longer read room " + room
          : "your access to room " + room + " could not be confirmed; subscribe again"));
    });
  }

  /** A command that arrives while the user's roles are being re-read is judged on the new ones. */
  private void dispatchWhenCurrent(String text) {
    if (reauthorising == null) {
      gateway.dispatcher().handle(this, text);
    } else {
      if (waitingCommands == null) {
        waitingCommands = new ArrayDeque<>();
      }
      waitingCommands.add(text);
    }
  }

  void unsubscribe(long room) {
    if (rooms.remove(room) != null) {
      gateway.fanout().leave(room, this);
      gateway.presenceLeft(room, this);
    }
  }

  /**
   * A committed event from the bus, encoded once for every session of this event loop; the loop's
   * fan-out hands over the session's current cursor in the room, so delivery looks nothing up.
   */
  void onRoomEvent(long room, RoomCursor<Frame> cursor, long seq, Frame frame) {
    if (closed) {
      // Closed during this very fan-out (cut off as a slow consumer): the snapshot still lists it.
      return;
    }
    if (cursor.next(seq)) {
      write(frame);
      return;
    }
    cursor.offer(seq, frame).forEach(this::write);
    watchGap(room, cursor);
  }

  /**
   * Events that arrived during a replay or an access re-check may sit behind a gap once delivery
   * resumes; nothing later may come to reveal it, so the check is made whenever delivery resumes too.
   */
  private void watchGap(long room, RoomCursor<Frame> cursor) {
    if (!cursor.replaying() && cursor.hasGap()) {
      vertx.setTimer(limits.gapWait().toMillis(), t -> fillGap(room, cursor));
    }
  }

  /**
   * Publication can overtake commit order; if the gap is still open, read it from the store. A busy
   * store must not strand the events waiting behind the gap, so a failed read is tried again shortly.
   */
  private void fillGap(long room, RoomCursor<Frame> cursor) {
    if (closed || rooms.get(room) != cursor || !cursor.hasGap()) {
      return;
    }
    gateway.rooms().gap(room, cursor.delivered(), cursor.firstWaiting() - 1).onSuccess(events -> {
      if (rooms.get(room) == cursor) {
        events.forEach(e -> cursor.offer(e.seq(), Frame.of(e.json())).forEach(this::write));
      }
    }).onFailure(busy -> vertx.setTimer(limits.gapWait().toMillis(), t -> fillGap(room, cursor)));
  }

  /** Called only while the session follows the room: the loop's fan-out lists it from subscribe to unsubscribe. */
  void onEphemeral(Frame frame, long exceptUser) {
    if (principal == null || principal.userId() != exceptUser) {
      write(frame);
    }
  }

  // ---- output ----

  @Override
  public void send(ServerEvent event) {
    write(Frame.of(ProtocolCodec.encode(event)));
  }

  void sendError(String commandId, Throwable failure) {
    ErrorResponses.ErrorBody e = ErrorResponses.body(ErrorResponses.classify(failure, "ws " + who()));
    send(new ServerEvent.Error(commandId, e.error(), e.message(), e.field()));
  }

  /**
   * Writes one frame, unless the session has closed (a socket that has just gone is skipped, never
   * an error). Each frame's bytes count against the session's outbound budget until Netty has
   * written them. A client that stops reading is cut off at the TCP level as soon as it goes over
   * that budget, or once it has stayed unwritable past the grace period, rather than growing our
   * memory; it can reconnect and resume. A close frame would queue behind the very backlog it is
   * meant to end, so none is sent.
   */
  void write(Frame frame) {
    if (closed) {
      return;
    }
    if (ws.isClosed()) {
      cleanUp();
      return;
    }
    int bytes = frame.bytes();
    if (queuedBytes + bytes > limits.outboundBudgetBytes()) {
      cutOff("over its outbound budget of " + limits.outboundBudgetBytes() + " bytes");
      return;
    }
    queuedBytes += bytes;
    try {
      boolean full;
      if (socket != null) {
        socket.write(frame, written -> queuedBytes -= bytes);
        full = socket.writeQueueFull();
      } else {
        ws.writeFrame(frame.forOneSocket()).onComplete(ar -> queuedBytes -= bytes);
        full = ws.writeQueueFull();
      }
      if (slowTimer < 0 && full) {
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

  /**
   * Called about once a second by the gateway's sweep, never per session timer: pings when one is
   * due, closes a connection whose peer stopped answering, and ends one whose token has expired.
   * The token is not looked up again: sign-outs and revocations are pushed to the session.
   */
  void tick(long nowNanos, long nowMillis) {
    if (closed) {
      return;
    }
    if (ws.isClosed()) {
      cleanUp();
      return;
    }
    if (expiresAt != 0 && nowMillis >= expiresAt) {
      close(POLICY, "session expired or signed out");
      return;
    }
    if (nowNanos - nextPing < 0) {
      return;
    }
    nextPing = nowNanos + limits.heartbeat().toNanos();
    if (nowNanos - lastHeard > limits.silenceTimeout().toNanos()) {
      close(POLICY, "no answer to pings");
      return;
    }
    ws.writePing(PING);
  }

  void token(String value) {
    this.token = value;
    this.tokenId = value == null ? null : AuthService.tokenId(value);
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
