package org.quorate.server.email;

import static org.quorate.server.http.Requests.principal;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.quorate.server.domain.DomainException;
import org.quorate.server.http.ApiRoutes;
import org.quorate.server.http.Requests;
import org.quorate.server.http.Responses;

/**
 * The signed-in user's email preference, and the one-click unsubscribe link (public: it is signed).
 * {@code GET} on the link shows a confirmation button rather than acting, because mail scanners
 * follow links; {@code POST} (RFC 8058 one-click, or that button) unsubscribes.
 */
public final class EmailRoutes implements ApiRoutes {
  private final EmailService email;

  public EmailRoutes(EmailService email) {
    this.email = email;
  }

  @Override
  public void mountPublic(Router api) {
    api.get("/email/unsubscribe").handler(this::confirmPage);
    api.post("/email/unsubscribe").handler(this::unsubscribe);
  }

  @Override
  public void mount(Router api) {
    api.get("/me/email").handler(Responses.ok(ctx -> email.preference(principal(ctx))));
    api.put("/me/email").handler(Responses.ok(ctx -> email.setPreference(principal(ctx),
        Requests.body(ctx, EmailPreference.Input.class))));
  }

  private void confirmPage(RoutingContext ctx) {
    long user = userParam(ctx);
    String sig = ctx.request().getParam("sig", "");
    page(ctx, "Unsubscribe from Quorate email",
        "<form method=\"post\" action=\"unsubscribe?user=" + user + "&amp;sig=" + sig.replaceAll("[^A-Za-z0-9_-]", "") + "\">"
            + "<p>Stop all email from Quorate? You can turn it on again in Quorate's email settings.</p>"
            + "<button type=\"submit\">Unsubscribe</button></form>");
  }

  private void unsubscribe(RoutingContext ctx) {
    email.unsubscribe(userParam(ctx), ctx.request().getParam("sig"))
        .onSuccess(v -> page(ctx, "Unsubscribed", "<p>You will get no more email from Quorate.</p>"))
        .onFailure(ctx::fail);
  }

  private static long userParam(RoutingContext ctx) {
    try {
      return Long.parseLong(ctx.request().getParam("user", ""));
    } catch (NumberFormatException e) {
      throw DomainException.invalid("user", "must be a user id");
    }
  }

  private static void page(RoutingContext ctx, String title, String body) {
    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Content-Security-Policy", "default-src 'none'; form-action 'self'")
        .end("<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>" + title + " · Quorate</title></head>"
            + "<body><h1>" + title + "</h1>" + body + "</body></html>");
  }
}
