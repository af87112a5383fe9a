package org.quorate.server.rooms;

import static org.quorate.server.http.Requests.body;
import static org.quorate.server.http.Requests.longParam;
import static org.quorate.server.http.Requests.principal;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.quorate.server.domain.Checks;
import org.quorate.server.domain.DomainException;
import org.quorate.server.http.ApiRoutes;
import org.quorate.server.http.Responses;
import org.quorate.server.notifications.NotificationService;
import org.quorate.server.threads.ThreadService;

/** REST for rooms, history, threads, search, unread state and notifications (the reads of {@code /ws}). */
public final class RoomRoutes implements ApiRoutes {
  private final RoomService rooms;
  private final ThreadService threads;
  private final NotificationService notifications;

  public RoomRoutes(RoomService rooms, ThreadService threads, NotificationService notifications) {
    this.rooms = rooms;
    this.threads = threads;
    this.notifications = notifications;
  }

  public record AdhocRoomInput(String name, Classification classification, List<Long> memberIds) {
    public AdhocRoomInput {
      name = Checks.text(name, "name", 200);
      Checks.required(classification, "classification");
      memberIds = memberIds == null ? List.of() : List.copyOf(memberIds);
    }
  }

  public record DirectRoomInput(List<Long> userIds) {
    public DirectRoomInput {
      Checks.nonEmpty(userIds, "user_ids");
      userIds = List.copyOf(userIds);
    }
  }

  public record MemberInput(Boolean moderator) {}

  public record FollowInput(Boolean following) {
    public FollowInput {
      Checks.required(following, "following");
    }
  }

  public record ReadInput(Long seq) {
    public ReadInput {
      Checks.required(seq, "seq");
    }
  }

  public record Unread(long room, long seq, long unread) {}

  @Override
  public void mount(Router api) {
    api.get("/rooms").handler(Responses.ok(ctx -> rooms.list(principal(ctx))));
    api.post("/rooms").handler(Responses.created(ctx -> {
      AdhocRoomInput in = body(ctx, AdhocRoomInput.class);
      return rooms.createAdhoc(principal(ctx), in.name(), in.classification(), in.memberIds());
    }));
    api.post("/rooms/direct").handler(Responses.created(ctx -> rooms.createDirect(principal(ctx), body(ctx, DirectRoomInput.class).userIds())));
    api.get("/rooms/:id").handler(Responses.ok(ctx -> rooms.summary(principal(ctx), longParam(ctx, "id"))));
    api.get("/rooms/:id/events").handler(Responses.ok(ctx -> rooms.history(principal(ctx), longParam(ctx, "id"),
        optionalLong(ctx, "before"), limit(ctx, 50, 200))));
    api.get("/rooms/:id/threads").handler(Responses.ok(ctx -> threads.threads(principal(ctx), longParam(ctx, "id"), limit(ctx, 50, 200))));
    api.get("/rooms/:id/messages/:messageId").handler(Responses.ok(ctx -> threads.message(principal(ctx), longParam(ctx, "id"),
        longParam(ctx, "messageId"))));
    api.put("/rooms/:id/members/:userId").handler(Responses.ok(ctx -> rooms.setMember(principal(ctx), longParam(ctx, "id"),
        longParam(ctx, "userId"), true, Boolean.TRUE.equals(optionalBody(ctx).moderator()))));
    api.delete("/rooms/:id/members/:userId").handler(Responses.ok(ctx -> rooms.setMember(principal(ctx), longParam(ctx, "id"),
        longParam(ctx, "userId"), false, false)));
    api.put("/rooms/:id/follow").handler(Responses.ok(ctx -> {
      long id = longParam(ctx, "id");
      return rooms.follow(principal(ctx), id, body(ctx, FollowInput.class).following()).compose(v -> rooms.summary(principal(ctx), id));
    }));
    api.post("/rooms/:id/read").handler(Responses.ok(ctx -> {
      long id = longParam(ctx, "id");
      return rooms.markRead(principal(ctx), id, body(ctx, ReadInput.class).seq()).map(m -> new Unread(id, m[0], m[1]));
    }));
    api.get("/search").handler(Responses.ok(ctx -> threads.search(principal(ctx), ctx.queryParams().get("q"),
        optionalLong(ctx, "room"), optionalLong(ctx, "author"), limit(ctx, 20, 100))));
    api.get("/notifications").handler(Responses.ok(ctx -> notifications.recent(principal(ctx), limit(ctx, 50, 200))));
    api.post("/notifications/read").handler(ctx -> Responses.noContent(ctx, notifications.markAllRead(principal(ctx))));
  }

  private static MemberInput optionalBody(RoutingContext ctx) {
    return ctx.body() == null || ctx.body().length() == 0 ? new MemberInput(false) : body(ctx, MemberInput.class);
  }

  static Long optionalLong(RoutingContext ctx, String name) {
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

  static int limit(RoutingContext ctx, int fallback, int max) {
    Long raw = optionalLong(ctx, "limit");
    if (raw == null) {
      return fallback;
    }
    if (raw < 1 || raw > max) {
      throw DomainException.invalid("limit", "must be between 1 and " + max);
    }
    return raw.intValue();
  }
}
