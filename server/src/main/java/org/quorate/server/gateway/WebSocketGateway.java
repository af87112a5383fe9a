package org.quorate.server.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.quorate.protocol.ServerEvent;
import org.quorate.server.auth.AuthService;
import org.quorate.server.http.AuthenticationHandler;
import org.quorate.server.http.ErrorResponses;
import org.quorate.server.rooms.RoomBus;
import org.quorate.server.rooms.RoomService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /ws}: refuses foreign Origins and bad tokens at the handshake, then runs one
 * {@link Session} per connection. One instance per HTTP verticle (event loop).
 */
public final class WebSocketGateway {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketGateway.class);
  public static final String PATH = "/ws";
  private static final java.time.Duration SWEEP = java.time.Duration.ofSeconds(1);

  private final Vertx vertx;
  private final AuthService auth;
  private final RoomService rooms;
  private final RoomBus bus;
  private final ClusterPresence presence;
  private final CommandDispatcher dispatcher;
  private final List<String> allowedOrigins;
  private final GatewayLimits limits;
  private final LocalFanout fanout;
  private final Set<Session> sessions = new HashSet<>();
  private io.vertx.core.Context context;

  public WebSocketGateway(Vertx vertx, AuthService auth, RoomService rooms, RoomBus bus, ClusterPresence presence,
      CommandDispatcher dispatcher, List<String> allowedOrigins, GatewayLimits limits) {
    this.vertx = vertx;
    this.auth = auth;
    this.rooms = rooms;
    this.bus = bus;
    this.presence = presence;
    this.dispatcher = dispatcher;
    this.allowedOrigins = allowedOrigins;
    this.limits = limits;
    // The high-water check every four gap waits: a lost last event is repaired within about a second.
    this.fanout = new LocalFanout(vertx, rooms, limits.gapWait().multipliedBy(4));
  }

  /** Server options the gateway depends on: size limits and no compression (its inflated size is unbounded). */
  public static HttpServerOptions harden(HttpServerOptions options, GatewayLimits limits) {
    return options
        .setMaxWebSocketFrameSize(limits.maxFrameBytes())
        .setMaxWebSocketMessageSize(limits.maxMessageBytes())
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false)
        // Not strict thread mode (it would save a 4 KiB write queue per connection): a database
        // callback may complete on another event loop than the connection's, and strict mode then
        // refuses the response ("Only the context thread can write a message") and the request hangs.
        .setRegisterWebSocketWriteHandlers(false);
  }

  public void attach(HttpServer server) {
    this.context = vertx.getOrCreateContext();
    server.webSocketHandshakeHandler(this::handshake);
    server.webSocketHandler(ws -> { });
    fanout.start();
    // One timer per event loop for every session's heartbeat and expiry, not one per session.
    vertx.setPeriodic(SWEEP.toMillis(), t -> {
      long nanos = System.nanoTime();
      long millis = System.currentTimeMillis();
      List.copyOf(sessions).forEach(s -> s.tick(nanos, millis));
    });
  }

  private void handshake(ServerWebSocketHandshake hs) {
    if (!PATH.equals(hs.path())) {
      hs.reject(404);
      return;
    }
    String origin = hs.headers().get("Origin");
    if (origin != null && !originAllowed(origin, hs.headers().get("Host"))) {
      LOG.debug("refused WebSocket from foreign origin {}", origin);
      hs.reject(403);
      return;
    }
    String token = AuthenticationHandler.bearer(hs.headers().get("Authorization"));
    long forgets = auth.tokenForgets();
    Future<AuthService.Authenticated> who = token == null ? Future.succeededFuture(null) : auth.checkCached(token);
    who.onSuccess(checked -> hs.accept().onSuccess(ws -> {
          UpgradeLeftovers.release(ws);
          Session session = new Session(vertx, ws, this, limits);
          session.token(token);
          sessions.add(session);
          session.start(checked == null ? null : session.tokenChecked(checked));
          // A sign-out heard between the check and the session listening for it would pass it by: ask the store again.
          if (checked != null && auth.tokenForgets() != forgets) {
            session.recheckToken();
          }
        }))
        // 401 only for a token the store says is no good; 503 while the store cannot be asked.
        .onFailure(e -> hs.reject(ErrorResponses.status(ErrorResponses.classify(e, "ws handshake").code())));
  }

  /** Same-origin pages (Origin host equals Host) and configured origins only. */
  boolean originAllowed(String origin, String host) {
    if (allowedOrigins.contains(origin)) {
      return true;
    }
    try {
      URI uri = URI.create(origin);
      String originHost = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      return host != null && host.equalsIgnoreCase(originHost);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  CommandDispatcher dispatcher() {
    return dispatcher;
  }

  LocalFanout fanout() {
    return fanout;
  }

  RoomService rooms() {
    return rooms;
  }

  Future<AuthService.Authenticated> authenticate(String token) {
    return auth.check(token);
  }

  /** The subscriber alone gets who is online; the room hears only that someone joined (presence_changed). */
  void presenceJoined(long room, Session session) {
    session.send(new ServerEvent.Presence(room, presence.join(room, session.ref())));
  }

  void presenceLeft(long room, Session session) {
    presence.leave(room, session.ref());
  }

  void typing(long room, Session session) {
    bus.publishEphemeral(room, new ServerEvent.TypingIndicator(room, session.ref()), session.principal().userId());
  }

  void closed(Session session) {
    sessions.remove(session);
  }

  public int connections() {
    return sessions.size();
  }

  /** Server shutdown: every client is told we are going away, so it reconnects elsewhere or later. */
  public Future<Void> closeAll() {
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    context.runOnContext(v -> {
      List.copyOf(sessions).forEach(s -> s.close(Session.GOING_AWAY, "server shutting down"));
      done.complete();
    });
    return done.future();
  }
}
