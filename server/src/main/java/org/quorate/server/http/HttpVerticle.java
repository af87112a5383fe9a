package org.quorate.server.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.quorate.protocol.ErrorCode;
import org.quorate.server.auth.AuthRoutes;
import org.quorate.server.domain.DomainException;

/**
 * The HTTP front door: operations endpoints, the public login, the authenticated REST API, the
 * WebSocket upgrade (contributed by the gateway) and the static web client.
 */
public final class HttpVerticle extends VerticleBase {
  public static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
  private static final Set<String> CORS_HEADERS = Set.of("Authorization", "Content-Type", "Idempotency-Key");
  private static final Set<HttpMethod> CORS_METHODS =
      Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH);

  private final String bind;
  private final int port;
  private final Pool pool;
  private final PrometheusMeterRegistry metrics;
  private final LongSupplier databaseRestarts;
  private final AuthenticationHandler authentication;
  private final AuthRoutes authRoutes;
  private final List<ApiRoutes> features;
  private final Consumer<HttpServer> webSockets;
  private final HttpServerOptions serverOptions;
  private final List<String> corsOrigins;
  private HttpServer server;
  private Router root;

  public HttpVerticle(String bind, int port, Pool pool, PrometheusMeterRegistry metrics, LongSupplier databaseRestarts,
      AuthenticationHandler authentication, AuthRoutes authRoutes, List<ApiRoutes> features,
      HttpServerOptions serverOptions, Consumer<HttpServer> webSockets, List<String> corsOrigins) {
    this.bind = bind;
    this.port = port;
    this.pool = pool;
    this.metrics = metrics;
    this.databaseRestarts = databaseRestarts;
    this.authentication = authentication;
    this.authRoutes = authRoutes;
    this.features = features;
    this.serverOptions = serverOptions;
    this.webSockets = webSockets;
    this.corsOrigins = corsOrigins;
  }

  @Override
  public Future<?> start() {
    root = Router.router(vertx);
    root.route().handler(new RequestLog());
    root.route().handler(new SecurityHeaders());
    root.route().handler(InputGuard::uri);
    new OperationsRoutes(pool, metrics, databaseRestarts).mount(root);

    Router api = Router.router(vertx);
    if (!corsOrigins.isEmpty()) {
      // Only origins the operator named may call the API from a browser; without them, no CORS at all.
      api.route().handler(CorsHandler.create().addOrigins(corsOrigins).allowedHeaders(CORS_HEADERS).allowedMethods(CORS_METHODS));
    }
    features.forEach(f -> f.mountUploads(api));
    api.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    api.route().handler(InputGuard::body);
    authRoutes.mountPublic(api);
    features.forEach(f -> f.mountPublic(api));
    api.route().handler(authentication);
    authRoutes.mount(api);
    features.forEach(f -> f.mount(api));
    api.route().handler(ctx -> ctx.fail(new DomainException(
        ErrorCode.NOT_FOUND, "no such API route: " + ctx.request().method() + " " + Excerpt.of(ctx.request().path(), 80), null)));
    api.route().failureHandler(ErrorResponses::handle);
    root.route("/api/*").subRouter(api);

    root.route().handler(StaticHandler.create("webroot").setCachingEnabled(false).setIndexPage("index.html"));
    root.route().handler(ctx -> ctx.fail(new DomainException(
        ErrorCode.NOT_FOUND, "no such resource: " + ctx.request().method() + " " + Excerpt.of(ctx.request().path(), 80), null)));
    root.route().failureHandler(ErrorResponses::handle);

    // Port 0 would give each instance its own random port; Vert.x shares a random one for -1.
    server = vertx.createHttpServer(new HttpServerOptions(serverOptions).setHost(bind).setPort(port == 0 ? -1 : port));
    webSockets.accept(server);
    return server.requestHandler(root).listen();
  }

  /** Stops accepting and gives in-flight requests time to finish before connections close. */
  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
  }

  public int actualPort() {
    return server.actualPort();
  }

  /**
   * Every route the router serves, as {@code "GET /api/parties/{id}"}, so a test can hold the
   * OpenAPI document to what is really mounted.
   */
  public List<String> routeTable() {
    return RouteTable.of(root);
  }
}
