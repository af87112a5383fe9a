package org.quorate.server.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Body handling for routes whose body is a file kept as bytes (meeting papers): their own size
 * limit, and no text checks — a PDF or a zip legitimately holds NUL bytes, and bytea stores them.
 */
public final class BinaryBodies {
  static final String MARK = "quorate.binaryBody";

  private BinaryBodies() {}

  /** Mount before the API's general body handler, which then leaves the body alone. */
  public static Handler<RoutingContext> upTo(int limitBytes) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(limitBytes);
    return ctx -> {
      ctx.put(MARK, Boolean.TRUE);
      body.handle(ctx);
    };
  }
}
