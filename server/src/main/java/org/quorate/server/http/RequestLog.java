package org.quorate.server.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One debug line per request: method, path, status, milliseconds. Never the body or the token. */
final class RequestLog implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger("quorate.http");

  @Override
  public void handle(RoutingContext ctx) {
    if (LOG.isDebugEnabled()) {
      long start = System.nanoTime();
      ctx.addEndHandler(done -> LOG.debug("{} {} {} {}ms", ctx.request().method(),
          // A calendar feed's address is its credential.
          ctx.request().path().replaceFirst("^/api/calendar/[^/]+", "/api/calendar/{token}"),
          ctx.response().getStatusCode(), (System.nanoTime() - start) / 1_000_000));
    }
    ctx.next();
  }
}
