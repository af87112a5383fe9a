package org.quorate.server.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers every response carries, set just before the headers go out so error and static
 * responses get them too. The policy matches the web client: its own scripts, styles, images
 * and WebSocket only, no inline code, and no framing by anyone (clickjacking).
 */
final class SecurityHeaders implements Handler<RoutingContext> {
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
      + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  @Override
  public void handle(RoutingContext ctx) {
    boolean api = ctx.request().path() != null && ctx.request().path().startsWith("/api/");
    ctx.addHeadersEndHandler(v -> {
      MultiMap headers = ctx.response().headers();
      headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      headers.set("X-Content-Type-Options", "nosniff");
      headers.set("Referrer-Policy", "no-referrer");
      if (api) {
        // API answers are private and some carry a bearer token: no cache may keep them.
        headers.set("Cache-Control", "no-store");
      }
    });
    ctx.next();
  }
}
