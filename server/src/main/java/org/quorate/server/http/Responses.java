package org.quorate.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/** Writes JSON replies; route handlers end with one of these. */
public final class Responses {
  private Responses() {}

  public static void json(RoutingContext ctx, int status, Object body) {
    try {
      byte[] bytes = Jackson.JSON.writeValueAsBytes(body);
      ctx.response()
          .setStatusCode(status)
          .putHeader("Content-Type", "application/json; charset=utf-8")
          .end(Buffer.buffer(bytes));
    } catch (JsonProcessingException e) {
      ctx.fail(e);
    }
  }

  /** Replies 200 with the future's value, or hands its failure to the error mapper. */
  public static <T> void ok(RoutingContext ctx, Future<T> result) {
    reply(ctx, 200, result);
  }

  public static <T> void created(RoutingContext ctx, Future<T> result) {
    reply(ctx, 201, result);
  }

  public static void noContent(RoutingContext ctx, Future<?> result) {
    result.onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private static <T> void reply(RoutingContext ctx, int status, Future<T> result) {
    result.onSuccess(value -> json(ctx, status, value)).onFailure(ctx::fail);
  }

  /** Adapts a service call taking the request context into a route handler. */
  public static <T> io.vertx.core.Handler<RoutingContext> ok(Function<RoutingContext, Future<T>> call) {
    return ctx -> {
      Future<T> f;
      try {
        f = call.apply(ctx);
      } catch (RuntimeException e) {
        ctx.fail(e);
        return;
      }
      ok(ctx, f);
    };
  }

  public static <T> io.vertx.core.Handler<RoutingContext> created(Function<RoutingContext, Future<T>> call) {
    return ctx -> {
      Future<T> f;
      try {
        f = call.apply(ctx);
      } catch (RuntimeException e) {
        ctx.fail(e);
        return;
      }
      created(ctx, f);
    };
  }
}
