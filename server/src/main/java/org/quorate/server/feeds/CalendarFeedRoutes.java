package org.quorate.server.feeds;

import static org.quorate.server.http.Requests.body;
import static org.quorate.server.http.Requests.longParam;
import static org.quorate.server.http.Requests.principal;

import io.vertx.ext.web.Router;
import org.quorate.server.http.ApiRoutes;
import org.quorate.server.http.Responses;

/**
 * Calendar feed routes; see {@code /openapi.yaml}. The feed itself is public: its secret address is
 * its credential, as calendar clients cannot send a bearer token.
 */
public final class CalendarFeedRoutes implements ApiRoutes {
  private final CalendarFeedService feeds;

  public CalendarFeedRoutes(CalendarFeedService feeds) {
    this.feeds = feeds;
  }

  /** A body feed names the body; an empty object asks for the user's own feed. */
  public record FeedInput(Long bodyId) {}

  @Override
  public void mountPublic(Router api) {
    api.get("/calendar/:token").handler(ctx -> feeds.render(ctx.pathParam("token"))
        .onSuccess(ics -> ctx.response()
            .putHeader("Content-Type", "text/calendar; charset=utf-8")
            .putHeader("Content-Disposition", "inline; filename=\"quorate.ics\"")
            .putHeader("X-Content-Type-Options", "nosniff")
            .end(ics))
        .onFailure(ctx::fail));
  }

  @Override
  public void mount(Router api) {
    api.get("/calendar-feeds").handler(Responses.ok(ctx -> feeds.list(principal(ctx))));
    api.post("/calendar-feeds").handler(Responses.created(ctx -> feeds.rotate(principal(ctx), body(ctx, FeedInput.class).bodyId())));
    api.delete("/calendar-feeds/:id").handler(ctx -> Responses.noContent(ctx, feeds.revoke(principal(ctx), longParam(ctx, "id"))));
  }
}
