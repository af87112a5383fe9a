package org.quorate.server.meetings;

import static org.quorate.server.http.Requests.body;
import static org.quorate.server.http.Requests.longParam;
import static org.quorate.server.http.Requests.principal;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import org.quorate.server.domain.DomainException;
import org.quorate.server.http.ApiRoutes;
import org.quorate.server.http.Responses;
import org.quorate.server.meetings.MeetingRequests.ActionUpdateInput;
import org.quorate.server.meetings.MeetingRequests.AgendaInput;
import org.quorate.server.meetings.MeetingRequests.DelegateInput;
import org.quorate.server.meetings.MeetingRequests.MeetingInput;
import org.quorate.server.meetings.MeetingRequests.MeetingUpdate;
import org.quorate.server.meetings.MeetingRequests.MinutesInput;
import org.quorate.server.meetings.MeetingRequests.PaperInput;
import org.quorate.server.meetings.MeetingRequests.RoleInput;

/** REST routes of meetings, actions and minutes; see {@code /openapi.yaml}. */
public final class MeetingRoutes implements ApiRoutes {
  private final Meetings m;

  public MeetingRoutes(Meetings meetings) {
    this.m = meetings;
  }

  @Override
  public void mountUploads(Router api) {
    new PaperRoutes(m).mountUploads(api);
  }

  @Override
  public void mount(Router api) {
    api.get("/meetings").handler(Responses.ok(ctx -> m.service().list(principal(ctx), optionalLong(ctx, "body"))));
    api.post("/meetings").handler(Responses.created(ctx -> m.service().create(principal(ctx), body(ctx, MeetingInput.class))));
    api.get("/meetings/:id").handler(Responses.ok(ctx -> m.service().view(principal(ctx), id(ctx))));
    api.put("/meetings/:id").handler(Responses.ok(ctx -> m.service().update(principal(ctx), id(ctx), body(ctx, MeetingUpdate.class))));
    api.delete("/meetings/:id").handler(Responses.ok(ctx -> m.service().cancel(principal(ctx), id(ctx))));

    api.post("/meetings/:id/agenda").handler(Responses.created(ctx -> m.service().addItem(principal(ctx), id(ctx), body(ctx, AgendaInput.class))));
    api.put("/meetings/:id/agenda/:itemId").handler(Responses.ok(ctx -> m.service().updateItem(principal(ctx), id(ctx),
        longParam(ctx, "itemId"), body(ctx, AgendaInput.class))));
    api.delete("/meetings/:id/agenda/:itemId").handler(Responses.ok(ctx -> m.service().deleteItem(principal(ctx), id(ctx),
        longParam(ctx, "itemId"))));

    api.get("/meetings/:id/papers").handler(Responses.ok(ctx -> m.service().papers(principal(ctx), id(ctx))));
    api.post("/meetings/:id/papers").handler(Responses.created(ctx -> m.service().addPaper(principal(ctx), id(ctx), body(ctx, PaperInput.class))));
    new PaperRoutes(m).mount(api);

    api.get("/meetings/:id/attendance").handler(Responses.ok(ctx -> m.service().attendance(principal(ctx), id(ctx))));
    api.post("/meetings/:id/delegates").handler(Responses.ok(ctx -> m.roles().appointDelegate(principal(ctx), id(ctx),
        body(ctx, DelegateInput.class))));
    api.delete("/meetings/:id/delegates/:userId").handler(Responses.ok(ctx -> m.roles().revokeDelegate(principal(ctx), id(ctx),
        longParam(ctx, "userId"))));
    api.put("/meetings/:id/roles/:userId").handler(Responses.ok(ctx -> m.roles().grantRole(principal(ctx), id(ctx),
        longParam(ctx, "userId"), body(ctx, RoleInput.class).role())));
    api.delete("/meetings/:id/roles/:userId/:role").handler(Responses.ok(ctx -> m.roles().revokeRole(principal(ctx), id(ctx),
        longParam(ctx, "userId"), new RoleInput(ctx.pathParam("role")).role())));

    api.get("/meetings/:id/rulings").handler(Responses.ok(ctx -> m.service().rulings(principal(ctx), id(ctx))));
    api.get("/meetings/:id/questions").handler(Responses.ok(ctx -> m.questions().list(principal(ctx), id(ctx))));
    api.get("/meetings/:id/actions").handler(Responses.ok(ctx -> m.actions().search(principal(ctx), new ActionLog.Filter(null, null, null,
        id(ctx), null, null, ActionLog.MAX_SEARCH))));

    api.get("/meetings/:id/minutes").handler(Responses.ok(ctx -> m.minutes().view(principal(ctx), id(ctx))));
    api.get("/meetings/:id/minutes.md").handler(text("text/markdown; charset=utf-8", "md", ctx -> m.minutes().markdown(principal(ctx), id(ctx))));
    api.get("/meetings/:id/minutes.html").handler(text("text/html; charset=utf-8", "html", ctx -> m.minutes().html(principal(ctx), id(ctx))));
    api.get("/meetings/:id/minutes/generated").handler(text("text/markdown; charset=utf-8", "generated.md",
        ctx -> m.minutes().generated(principal(ctx), id(ctx))));
    api.put("/meetings/:id/minutes").handler(Responses.ok(ctx -> m.minutes().edit(principal(ctx), id(ctx),
        body(ctx, MinutesInput.class).markdown())));
    api.post("/meetings/:id/minutes/publish").handler(Responses.ok(ctx -> m.minutes().publish(principal(ctx), id(ctx))));

    api.get("/actions").handler(Responses.ok(ctx -> m.actions().search(principal(ctx), new ActionLog.Filter(ctx.queryParams().get("q"),
        ctx.queryParams().get("status"), optionalLong(ctx, "body"), optionalLong(ctx, "meeting"), optionalLong(ctx, "owner_user"),
        optionalLong(ctx, "owner_party"), limit(ctx)))));
    api.get("/actions/:id").handler(Responses.ok(ctx -> m.actions().action(principal(ctx), id(ctx))));
    api.put("/actions/:id").handler(Responses.ok(ctx -> {
      ActionUpdateInput in = body(ctx, ActionUpdateInput.class);
      long id = id(ctx);
      return m.actions().update(principal(ctx), null, id, in.status(), in.note()).compose(o -> m.actions().action(principal(ctx), id));
    }));
  }

  private static long id(RoutingContext ctx) {
    return longParam(ctx, "id");
  }

  /** A download: the minutes as Markdown or HTML. The HTML is inert (no script may run from it). */
  private static Handler<RoutingContext> text(String contentType, String extension, Function<RoutingContext, Future<String>> call) {
    return ctx -> {
      Future<String> f;
      try {
        f = call.apply(ctx);
      } catch (RuntimeException e) {
        ctx.fail(e);
        return;
      }
      f.onSuccess(body -> ctx.response()
              .putHeader("Content-Type", contentType)
              .putHeader("Content-Disposition", "inline; filename=\"minutes-" + ctx.pathParam("id") + "." + extension + "\"")
              .putHeader("X-Content-Type-Options", "nosniff")
              .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
              .end(body))
          .onFailure(ctx::fail);
    };
  }

  private static Long optionalLong(RoutingContext ctx, String name) {
    String raw = ctx.queryParams().get(name);
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw DomainException.invalid(name, "must be a whole number");
    }
  }

  private static int limit(RoutingContext ctx) {
    Long raw = optionalLong(ctx, "limit");
    if (raw != null && (raw < 1 || raw > ActionLog.MAX_SEARCH)) {
      throw DomainException.invalid("limit", "must be between 1 and " + ActionLog.MAX_SEARCH);
    }
    return raw == null ? 50 : raw.intValue();
  }
}
