package org.quorate.server.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * {@code /health}, {@code /metrics} and {@code /openapi.yaml}: unauthenticated by design. The
 * metrics endpoint is meant for an internal network (see README).
 */
final class OperationsRoutes {
  private static final Duration DB_PROBE_TIMEOUT = Duration.ofSeconds(2);
  private final Pool pool;
  private final PrometheusMeterRegistry metrics;
  private final Buffer openApi = readOpenApi();

  OperationsRoutes(Pool pool, PrometheusMeterRegistry metrics) {
    this.pool = pool;
    this.metrics = metrics;
  }

  void mount(Router root) {
    root.get("/health").handler(this::health);
    root.get("/metrics").handler(this::metrics);
    root.get("/openapi.yaml").handler(this::openApi);
  }

  private void openApi(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(openApi);
  }

  /**
   * Read from the classpath once: {@code sendFile} would prefer a same-named file in the working
   * directory, and it left the request hanging when the file was missing.
   */
  private static Buffer readOpenApi() {
    try (InputStream in = OperationsRoutes.class.getResourceAsStream("/openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("openapi.yaml is missing from the classpath");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void health(RoutingContext ctx) {
    pool.query("SELECT 1").execute()
        .timeout(DB_PROBE_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .onSuccess(r -> reply(ctx, 200, "UP", "UP"))
        .onFailure(e -> reply(ctx, 503, "DOWN", "DOWN"));
  }

  private static void reply(RoutingContext ctx, int status, String overall, String database) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("status", overall)
            .put("checks", new JsonObject().put("database", database)).encode());
  }

  private void metrics(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape());
  }
}
