package org.quorate.server.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.quorate.server.auth.AuthService;

/** Requires a valid bearer token on every API route it guards and records the principal. */
public final class AuthenticationHandler implements Handler<RoutingContext> {
  private final AuthService auth;

  public AuthenticationHandler(AuthService auth) {
    this.auth = auth;
  }

  public static String bearer(String header) {
    if (header == null) {
      return null;
    }
    String h = header.trim();
    return h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).trim() : null;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String token = bearer(ctx.request().getHeader("Authorization"));
    auth.authenticate(token)
        .onSuccess(principal -> {
          ctx.put(Requests.PRINCIPAL, principal);
          ctx.put(Requests.TOKEN, token);
          ctx.next();
        })
        .onFailure(ctx::fail);
  }
}
