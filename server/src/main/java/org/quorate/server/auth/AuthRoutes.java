package org.quorate.server.auth;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.Set;
import org.quorate.server.domain.Checks;
import org.quorate.server.domain.Role;
import org.quorate.server.http.ApiRoutes;
import org.quorate.server.http.Requests;
import org.quorate.server.http.Responses;

/** {@code POST /api/login} (public), {@code POST /api/logout}, {@code GET /api/me}, {@code PUT /api/me/password}. */
public final class AuthRoutes implements ApiRoutes {
  private final AuthService auth;

  public AuthRoutes(AuthService auth) {
    this.auth = auth;
  }

  public record LoginRequest(String username, String password) {
    public LoginRequest {
      Checks.text(username, "username", 64);
      Checks.required(password, "password");
    }
  }

  public record PasswordChange(String currentPassword, String newPassword) {
    public PasswordChange {
      Checks.required(currentPassword, "current_password");
      Checks.required(newPassword, "new_password");
      if (newPassword.length() < 10) {
        throw org.quorate.server.domain.DomainException.invalid("new_password", "must be at least 10 characters");
      }
    }
  }

  public record LoginReply(String token, OffsetDateTime expiresAt, Me user) {}

  public record Me(long id, String username, String displayName, Long partyId, Set<Role> roles) {
    static Me of(Principal p) {
      return new Me(p.userId(), p.username(), p.displayName(), p.partyId(), p.roles());
    }
  }

  /** Login must be reachable without a token, so it is mounted on the public router. */
  public void mountPublic(Router api) {
    api.post("/login").handler(Responses.ok(this::login));
  }

  @Override
  public void mount(Router api) {
    api.post("/logout").handler(ctx -> Responses.noContent(ctx, auth.logout(Requests.token(ctx))));
    api.put("/me/password").handler(ctx -> {
      PasswordChange in = Requests.body(ctx, PasswordChange.class);
      Responses.noContent(ctx, auth.changePassword(Requests.principal(ctx), Requests.token(ctx), in.currentPassword(), in.newPassword()));
    });
    api.get("/me").handler(Responses.ok(ctx -> io.vertx.core.Future.succeededFuture(Me.of(Requests.principal(ctx)))));
  }

  /**
   * The peer's address. Behind a reverse proxy this is the proxy, so the per-address limit then
   * counts everyone together (see README, Operations); forwarded headers are not trusted.
   */
  private static String sourceAddress(RoutingContext ctx) {
    var peer = ctx.request().remoteAddress();
    return peer == null || peer.hostAddress() == null ? "unknown" : peer.hostAddress();
  }

  private io.vertx.core.Future<LoginReply> login(RoutingContext ctx) {
    LoginRequest req = Requests.body(ctx, LoginRequest.class);
    return auth.login(req.username(), req.password(), sourceAddress(ctx))
        .map(s -> new LoginReply(s.token(), s.expiresAt(), Me.of(s.principal())));
  }
}
