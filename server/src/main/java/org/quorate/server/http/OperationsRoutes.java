package org.quorate.server.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.quorate.server.store.Pools;

/**
 * {@code /health}, {@code /metrics}, {@code /openapi.yaml} and {@code /asyncapi.yaml} (the REST and
 * WebSocket contracts, so a client can be written from what the server itself publishes):
 * unauthenticated by design. The metrics endpoint is meant for an internal network (see README).
 */
final class OperationsRoutes {
  private static final Duration DB_PROBE_TIMEOUT = Duration.ofSeconds(2);
  private final Pool pool;
  private final PrometheusMeterRegistry metrics;
  private final LongSupplier databaseRestarts;
  /** 1 when the database answered the last probe (a health check or a scrape), 0 when it did not. */
  /**
   * One gauge value per server (per registry), shared by every event loop's instance of these routes:
   * the gauge binds to the first instance's value, while /health may be served by any of them.
   */
  private static final java.util.Map<Object, AtomicInteger> UP_BY_REGISTRY =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
  private final AtomicInteger databaseUp;
  private final Buffer openApi = readDocument("/openapi.yaml");
  /** The protocol module ships its asyncapi.yaml at the root of its jar. */
  private final Buffer asyncApi = readDocument("/asyncapi.yaml");

  OperationsRoutes(Pool pool, PrometheusMeterRegistry metrics, LongSupplier databaseRestarts) {
    this.pool = pool;
    this.metrics = metrics;
    this.databaseUp = UP_BY_REGISTRY.computeIfAbsent(metrics, m -> new AtomicInteger());
    this.databaseRestarts = databaseRestarts;
    Gauge.builder("quorate.database.up", databaseUp, AtomicInteger::get)
        .description("1 when the database answered Quorate's last probe, 0 when it did not").register(metrics);
    FunctionCounter.builder("quorate.database.restarts", databaseRestarts, LongSupplier::getAsLong)
        .description("Automatic restarts of the embedded PostgreSQL after it stopped unexpectedly").register(metrics);
  }

  void mount(Router root) {
    root.get("/health").handler(this::health);
    root.get("/metrics").handler(this::metrics);
    root.get("/openapi.yaml").handler(ctx -> yaml(ctx, openApi));
    root.get("/asyncapi.yaml").handler(ctx -> yaml(ctx, asyncApi));
  }

  private static void yaml(RoutingContext ctx, Buffer document) {
    ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(document);
  }

  /**
   * Read from the classpath once: {@code sendFile} would prefer a same-named file in the working
   * directory, and it left the request hanging when the file was missing.
   */
  private static Buffer readDocument(String resource) {
    try (InputStream in = OperationsRoutes.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void health(RoutingContext ctx) {
    probe().onComplete(up -> reply(ctx, up.result() ? 200 : 503, up.result() ? "UP" : "DOWN"));
  }

  private Future<Boolean> probe() {
    return Pools.ping(pool)
        .timeout(DB_PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .map(true)
        .otherwise(false)
        .onSuccess(up -> databaseUp.set(up ? 1 : 0));
  }

  private void reply(RoutingContext ctx, int status, String state) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("status", state)
            .put("checks", new JsonObject().put("database", state))
            .put("database_restarts", databaseRestarts.getAsLong()).encode());
  }

  private void metrics(RoutingContext ctx) {
    probe().onComplete(up -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(metrics.scrape()));
  }
}
