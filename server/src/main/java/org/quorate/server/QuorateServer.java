package org.quorate.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.quorate.server.auth.AuthRoutes;
import org.quorate.server.auth.AuthService;
import org.quorate.server.cluster.HazelcastCluster;
import org.quorate.server.config.ClusterSettings;
import org.quorate.server.config.ConfigException;
import org.quorate.server.config.ServerConfig;
import org.quorate.server.demo.DemoData;
import org.quorate.server.http.AuthenticationHandler;
import org.quorate.server.http.HttpVerticle;
import org.quorate.server.store.DatabaseServer;
import org.quorate.server.store.Migrations;
import org.quorate.server.store.Pools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: starts the store, migrates it, wires every feature and deploys the HTTP
 * verticle. Used by {@link Main} and, in-process, by the integration tests.
 */
public final class QuorateServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QuorateServer.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final ServerConfig config;
  private final DatabaseServer database;
  private final Vertx vertx;
  private final Pool pool;
  private final HttpVerticle http;
  private final Features features;
  private final ShutdownHook hook;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private QuorateServer(ServerConfig config, DatabaseServer database, Vertx vertx, Pool pool, HttpVerticle http,
      Features features, ShutdownHook hook) {
    this.config = config;
    this.database = database;
    this.vertx = vertx;
    this.pool = pool;
    this.http = http;
    this.features = features;
    this.hook = hook;
  }

  /**
   * Blocking start; throws {@link ConfigException} with a one-line reason on any failure. From the
   * moment a store exists, a JVM shutdown hook (SIGTERM) stops whatever has started, in order.
   */
  public static QuorateServer start(ServerConfig config) {
    DatabaseServer database = config.databaseUrl().map(DatabaseServer::external)
        .orElseGet(() -> DatabaseServer.embedded(config.dataDir()));
    ShutdownHook hook = ShutdownHook.install(database::close);
    Vertx vertx = null;
    try {
      Migrations.apply(database.url());
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      // Heap figures (jvm_memory_used_bytes), so an operator sees memory pressure (slow clients, bursts) before it bites.
      new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(metrics);
      vertx = startVertx(config, metrics);
      logTransport(vertx, config.eventLoopCount());
      Pool pool = Pools.create(vertx, database.url(), 16);
      Features features = Features.wire(vertx, pool, config);
      if (config.demo()) {
        await(new DemoData(pool, features.registry(), features.auth()).loadIfEmpty(), "load demo data");
      }
      AuthService auth = features.auth();
      // /health probes the database on a connection of its own: a saturated main pool is busy, not down.
      Pool healthProbe = Pools.create(vertx, database.url(), 1);
      // One HTTP verticle per event loop, sharing the port: the kernel's accepted connections are
      // handed out in turn, and each loop serves its sockets with its own gateway (see LocalFanout).
      int loops = config.eventLoopCount();
      List<HttpVerticle> instances = new java.util.concurrent.CopyOnWriteArrayList<>();
      java.util.function.Supplier<HttpVerticle> oneLoop = () -> {
        HttpVerticle instance = new HttpVerticle(config.bind(), config.port(), healthProbe, metrics, database::restarts,
            new AuthenticationHandler(auth), new AuthRoutes(auth), features.routes(), features.httpOptions(),
            features::attachWebSockets, config.allowedOrigins());
        instances.add(instance);
        return instance;
      };
      await(features.startRoomRelay(), "join the room relay");
      await(vertx.deployVerticle(oneLoop, new DeploymentOptions().setThreadingModel(ThreadingModel.EVENT_LOOP).setInstances(loops)),
          "start HTTP on " + config.bind() + ":" + config.port());
      HttpVerticle http = instances.get(0);
      QuorateServer server = new QuorateServer(config, database, vertx, pool, http, features, hook);
      await(features.startBackground(server.baseUrl(), database.url()), "start background work");
      hook.replaceAction(server::stop);
      return server;
    } catch (RuntimeException e) {
      if (vertx != null) {
        try {
          vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception closeFailure) {
          LOG.warn("Vert.x did not close after a failed start: {}", closeFailure.toString());
        }
      }
      database.close();
      hook.uninstall();
      throw e instanceof ConfigException ? e : new ConfigException(e.getMessage());
    }
  }

  /**
   * A single node's Vert.x, or with {@code --cluster} one whose event bus spans every node: room events,
   * access signals, presence and typing published here reach subscribers everywhere.
   */
  private static Vertx startVertx(ServerConfig config, PrometheusMeterRegistry metrics) {
    VertxOptions options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true))
        // epoll when its native library loads (Linux x86-64), else NIO; either way it is logged at start.
        .setPreferNativeTransport(true)
        .setEventLoopPoolSize(Math.max(config.eventLoopCount(), VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE));
    if (config.cluster().isEmpty()) {
      return Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(metrics)).build();
    }
    ClusterSettings cluster = config.cluster().get();
    options.getEventBusOptions().setHost(cluster.host()).setPort(cluster.busPort());
    io.vertx.spi.cluster.hazelcast.HazelcastClusterManager manager = HazelcastCluster.manager(cluster);
    Vertx clustered = await(Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(metrics))
        .withClusterManager(manager).buildClustered(), "join the cluster '" + cluster.name() + "'");
    HazelcastCluster.logMembership(manager, cluster);
    return clustered;
  }

  private static void logTransport(Vertx vertx, int loops) {
    if (vertx.isNativeTransportEnabled()) {
      LOG.info("{} event loops for HTTP and WebSockets, native epoll transport", loops);
    } else {
      Throwable why = vertx.unavailableNativeTransportCause();
      LOG.info("{} event loops for HTTP and WebSockets, NIO transport (native transport unavailable: {})", loops,
          why == null ? "not on the class path" : why.toString());
    }
  }

  public int port() {
    return http.actualPort();
  }

  public String baseUrl() {
    return "http://" + config.bind() + ":" + port();
  }

  public Vertx vertx() {
    return vertx;
  }

  public Pool pool() {
    return pool;
  }

  public Features features() {
    return features;
  }

  /** What the HTTP router serves ({@code "GET /api/parties/{id}"}); the OpenAPI test compares it. */
  List<String> routeTable() {
    return http.routeTable();
  }

  /** Stops the server now (tests, embedding); SIGTERM does the same through the shutdown hook. */
  @Override
  public void close() {
    stop();
    hook.uninstall();
  }

  /**
   * Stops accepting, lets in-flight requests finish and WebSocket clients know we are going away,
   * then stops the store. Idempotent: the shutdown hook and {@link #close()} may both call it.
   */
  private void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    LOG.info("Quorate shutting down");
    try {
      features.shutdown().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("features did not shut down cleanly: {}", e.toString());
    }
    try {
      vertx.close().await(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("Vert.x did not close cleanly: {}", e.toString());
    }
    database.close();
    LOG.info("Quorate stopped");
  }

  private static <T> T await(Future<T> future, String what) {
    try {
      return future.await(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e;
      while (cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
      }
      throw new ConfigException("cannot " + what + ": " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
    }
  }
}
