package org.quorate.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.quorate.server.auth.AuthService;
import org.quorate.server.auth.PasswordHasher;
import org.quorate.server.auth.RevocationNotices;
import org.quorate.server.calendar.WorkingDayCalendar;
import org.quorate.server.decisions.ClosingScheduler;
import org.quorate.server.decisions.DecisionCommands;
import org.quorate.server.decisions.DecisionMeetingVotes;
import org.quorate.server.decisions.DecisionModeration;
import org.quorate.server.decisions.DecisionRoutes;
import org.quorate.server.decisions.DecisionService;
import org.quorate.server.decisions.DecisionStore;
import org.quorate.server.decisions.MeetingAttendanceStore;
import org.quorate.server.decisions.ModificationRegister;
import org.quorate.server.decisions.ProxyService;
import org.quorate.server.decisions.RulesQuoracyProbe;
import org.quorate.server.decisions.rules.RulesCatalogue;
import org.quorate.server.config.DatabaseUrl;
import org.quorate.server.config.ServerConfig;
import org.quorate.server.feeds.CalendarFeedRoutes;
import org.quorate.server.feeds.CalendarFeedService;
import org.quorate.server.feeds.CalendarFeedStore;
import org.quorate.server.gateway.CommandDispatcher;
import org.quorate.server.gateway.CommandHandlers;
import org.quorate.server.gateway.GatewayLimits;
import org.quorate.server.cluster.LoginThrottleSharing;
import org.quorate.server.cluster.ScheduledWorkLease;
import org.quorate.server.gateway.ClusterPresence;
import org.quorate.server.gateway.WebSocketGateway;
import org.quorate.server.http.ApiRoutes;
import org.quorate.server.meetings.DelegateRoomMembership;
import org.quorate.server.meetings.MeetingCommands;
import org.quorate.server.meetings.MeetingPostingGate;
import org.quorate.server.meetings.MeetingRoutes;
import org.quorate.server.meetings.Meetings;
import org.quorate.server.meetings.CalendarWorkingDays;
import org.quorate.server.notifications.NotificationService;
import org.quorate.server.email.EmailRoutes;
import org.quorate.server.email.EmailService;
import org.quorate.server.registry.RegistryRoutes;
import org.quorate.server.registry.RegistryService;
import org.quorate.server.rooms.RoomBus;
import org.quorate.server.rooms.RoomEventLog;
import org.quorate.server.rooms.RoomEventStore;
import org.quorate.server.rooms.RoomRegistryHooks;
import org.quorate.server.rooms.RoomRoutes;
import org.quorate.server.rooms.RoomService;
import org.quorate.server.rooms.RoomStore;
import org.quorate.server.threads.MessageStore;
import org.quorate.server.threads.ThreadCommands;
import org.quorate.server.threads.ThreadService;

/**
 * Every feature's services, built once and shared by all verticles. Adding a feature means adding
 * its service, routes and command handlers here, nowhere else.
 */
public final class Features {
  private final Vertx vertx;
  private final ServerConfig config;
  private final AuthService auth;
  private final RegistryService registry;
  private final RoomService rooms;
  private final RoomEventLog eventLog;
  private final ThreadService threads;
  private final RoomBus bus;
  private final ClusterPresence presence;
  private final CommandHandlers commands = new CommandHandlers();
  private final CommandDispatcher dispatcher;
  private final List<ApiRoutes> routes = new ArrayList<>();
  private final GatewayLimits limits = GatewayLimits.defaults();
  private final List<WebSocketGateway> gateways = new CopyOnWriteArrayList<>();
  private final ClosingScheduler closing;
  private final DecisionService decisions;
  private final EmailService email;
  private volatile RevocationNotices revocations;
  private volatile ScheduledWorkLease lease;
  private final org.quorate.server.store.RetentionPurge retention;
  /** Eligible voters who have not voted are reminded this many Working Days before the close. */
  static final int REMINDER_WORKING_DAYS = 2;

  private Features(Vertx vertx, Pool pool, ServerConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.bus = new RoomBus(vertx);
    // Heartbeat every second; a node silent for five is taken for dead and its users leave their rooms.
    this.presence = new ClusterPresence(vertx, bus, java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(5));
    this.auth = new AuthService(vertx, pool, new PasswordHasher(config.passwordIterations()), config.tokenLifetime(),
        config.loginLimits(), bus, config.cluster().isEmpty());
    RoomStore roomStore = new RoomStore();
    RoomEventStore eventStore = new RoomEventStore();
    RulesCatalogue rules = RulesCatalogue.loadDefaults();
    this.registry = new RegistryService(pool, auth, new DelegateRoomMembership(new RoomRegistryHooks(roomStore, pool, bus)), rules);
    this.rooms = new RoomService(pool, roomStore, eventStore, bus);
    this.eventLog = new RoomEventLog(pool, bus, config.ledgerOff() ? org.quorate.server.ledger.LedgerChain.offForBenchmark() : org.quorate.server.ledger.LedgerChain.chained());
    this.email = new EmailService(vertx, pool, rooms, config.smtp());
    NotificationService notifications = new NotificationService(pool, bus, rooms, email);
    this.threads = new ThreadService(vertx, pool, rooms, eventLog, eventStore, new MessageStore(), notifications, new MeetingPostingGate());
    WorkingDayCalendar calendar = WorkingDayCalendar.englandAndWales();
    // Decisions first: meetings count their quoracy and votes with its rules engine, and decisions
    // counted at a meeting read the meeting's attendance register.
    DecisionStore decisionStore = new DecisionStore();
    this.decisions = new DecisionService(vertx, pool, rooms, eventLog, decisionStore, rules, calendar, notifications,
        new MeetingAttendanceStore());
    DecisionModeration moderation = new DecisionModeration(pool, eventLog, decisionStore, decisions, calendar, roomStore);
    this.retention = new org.quorate.server.store.RetentionPurge(vertx, pool, 1_000);
    this.closing = new ClosingScheduler(vertx, pool, decisionStore, decisions, moderation, eventLog, notifications, calendar,
        REMINDER_WORKING_DAYS);
    Meetings meetings = new Meetings(pool, rooms, eventLog, notifications, Clock.systemUTC(), new CalendarWorkingDays(calendar),
        new RulesQuoracyProbe(rules), new DecisionMeetingVotes(decisions, moderation, decisionStore));

    routes.add(new RegistryRoutes(registry));
    routes.add(new RoomRoutes(rooms, threads, notifications));
    routes.add(new DecisionRoutes(decisions, moderation,
        new ModificationRegister(pool, decisionStore, decisions, registry, eventLog, roomStore), new ProxyService(pool, rules, eventLog, notifications)));
    routes.add(new MeetingRoutes(meetings));
    routes.add(new CalendarFeedRoutes(new CalendarFeedService(vertx, pool, auth, rooms, new CalendarFeedStore(),
        new CalendarWorkingDays(calendar))));
    routes.add(new EmailRoutes(email));
    ThreadCommands.register(commands, rooms, threads);
    DecisionCommands.register(commands, decisions, moderation);
    MeetingCommands.register(commands, meetings);
    this.dispatcher = new CommandDispatcher(commands);
  }

  /** Also used by the admin command line, which then calls services directly and starts nothing. */
  public static Features wire(Vertx vertx, Pool pool, ServerConfig config) {
    return new Features(vertx, pool, config);
  }

  /** Room traffic reaches this node's connections through this consumer: registered before any connection. */
  Future<Void> startRoomRelay() {
    return bus.relay();
  }

  /**
   * Background work that needs a running server: closing decisions on time, reminders, email, and
   * hearing of revocations the admin command line commits.
   */
  Future<Void> startBackground(String baseUrl, DatabaseUrl store) {
    lease = new ScheduledWorkLease(vertx, store, java.time.Duration.ofSeconds(2));
    closing.start(java.time.Duration.ofSeconds(1), lease::held);
    email.start(config.publicUrl().orElse(baseUrl), java.time.Duration.ofSeconds(1), lease::held);
    retention.start(lease::held);
    return lease.start().compose(v -> presence.start()).compose(v -> LoginThrottleSharing.share(vertx, auth.throttle())).compose(v -> RevocationNotices.listen(vertx, store, bus, auth).onSuccess(r -> revocations = r)).mapEmpty();
  }

  public EmailService email() {
    return email;
  }

  public org.quorate.server.store.RetentionPurge retention() {
    return retention;
  }

  public DecisionService decisions() {
    return decisions;
  }

  public ClosingScheduler closing() {
    return closing;
  }

  public AuthService auth() {
    return auth;
  }

  public RegistryService registry() {
    return registry;
  }

  public RoomService rooms() {
    return rooms;
  }

  public RoomEventLog eventLog() {
    return eventLog;
  }

  public CommandHandlers commands() {
    return commands;
  }

  List<ApiRoutes> routes() {
    return List.copyOf(routes);
  }

  HttpServerOptions httpOptions() {
    return WebSocketGateway.harden(new HttpServerOptions().setCompressionSupported(true), limits);
  }

  /** Called on each HTTP verticle's event loop: one gateway per verticle. */
  void attachWebSockets(HttpServer server) {
    WebSocketGateway gateway = new WebSocketGateway(vertx, auth, rooms, bus, presence, dispatcher,
        config.allowedOrigins(), limits);
    gateway.attach(server);
    gateways.add(gateway);
  }

  public int connections() {
    return gateways.stream().mapToInt(WebSocketGateway::connections).sum();
  }

  /** Open WebSocket connections on each event loop that serves them. */
  public List<Integer> connectionsPerEventLoop() {
    return gateways.stream().map(WebSocketGateway::connections).toList();
  }

  /** Tells every WebSocket client we are going away (1001) before the server stops. */
  Future<Void> shutdown() {
    closing.stop();
    retention.stop();
    presence.stop();
    Future<Void> released = lease == null ? Future.succeededFuture() : lease.stop();
    Future<Void> listening = revocations == null ? Future.succeededFuture() : revocations.close();
    return Future.all(email.close(), Future.all(gateways.stream().map(WebSocketGateway::closeAll).toList()))
        .compose(v -> listening).compose(v -> released);
  }

  /** Whether this node runs the scheduled work (one node of a cluster does); null before start. */
  public ScheduledWorkLease lease() {
    return lease;
  }
}
