package org.quorate.server.decisions;

import static org.quorate.server.http.Requests.body;
import static org.quorate.server.http.Requests.longParam;
import static org.quorate.server.http.Requests.principal;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.quorate.protocol.DecisionCommand;
import org.quorate.server.http.ApiRoutes;
import org.quorate.server.http.Jackson;
import org.quorate.server.http.Responses;
import org.quorate.server.rooms.RoomEventLog;

/**
 * REST for decisions: the same commands as the WebSocket (a REST write's command id comes from an
 * {@code Idempotency-Key} header when the client sends one), the reads, and the Modification Register.
 */
public final class DecisionRoutes implements ApiRoutes {
  private final DecisionService decisions;
  private final DecisionModeration moderation;
  private final ModificationRegister register;
  private final ProxyService proxies;

  public DecisionRoutes(DecisionService decisions, DecisionModeration moderation, ModificationRegister register, ProxyService proxies) {
    this.decisions = decisions;
    this.moderation = moderation;
    this.register = register;
    this.proxies = proxies;
  }

  @Override
  public void mount(Router api) {
    api.post("/decisions").handler(Responses.created(ctx -> afterWrite(ctx, decisions.open(principal(ctx),
        command(ctx, DecisionCommand.OpenDecision.class)))));
    api.get("/decisions/:id").handler(Responses.ok(ctx -> decisions.view(principal(ctx), longParam(ctx, "id"))));
    api.post("/decisions/:id/ballots").handler(Responses.ok(ctx -> afterWrite(ctx, decisions.cast(principal(ctx),
        command(ctx, DecisionCommand.CastBallot.class)))));
    api.post("/decisions/:id/withdrawals").handler(Responses.ok(ctx -> afterWrite(ctx, decisions.withdraw(principal(ctx),
        command(ctx, DecisionCommand.WithdrawBallot.class)))));
    api.post("/decisions/:id/changes").handler(Responses.ok(ctx -> afterWrite(ctx, moderation.change(principal(ctx),
        command(ctx, DecisionCommand.ChangeDecision.class)))));
    api.post("/decisions/:id/recusals").handler(Responses.ok(ctx -> afterWrite(ctx, moderation.recuse(principal(ctx),
        command(ctx, DecisionCommand.Recuse.class)))));
    api.post("/decisions/:id/casting-vote").handler(Responses.ok(ctx -> afterWrite(ctx, moderation.castingVote(principal(ctx),
        command(ctx, DecisionCommand.CastingVote.class)))));
    api.get("/rooms/:id/decisions").handler(Responses.ok(ctx -> decisions.inRoom(principal(ctx), longParam(ctx, "id"))));
    api.get("/modifications/:id/register").handler(Responses.ok(ctx -> register.entry(principal(ctx), ctx.pathParam("id"))));
    api.get("/modifications/:id/register.csv").handler(ctx -> register.csv(principal(ctx), ctx.pathParam("id"))
        .onSuccess(csv -> ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"" + ctx.pathParam("id").toUpperCase() + "-register.csv\"")
            .end(csv))
        .onFailure(ctx::fail));
    api.put("/modifications/:id/track").handler(Responses.ok(ctx -> register.setTrack(principal(ctx), ctx.pathParam("id"),
        body(ctx, ModificationRegister.TrackInput.class))));
    api.get("/bodies/:id/proxies").handler(Responses.ok(ctx -> proxies.list(principal(ctx), longParam(ctx, "id"))));
    api.post("/bodies/:id/proxies").handler(Responses.created(ctx -> proxies.appoint(principal(ctx), longParam(ctx, "id"),
        body(ctx, ProxyService.AppointmentInput.class))));
    api.delete("/proxies/:id").handler(Responses.ok(ctx -> proxies.revoke(principal(ctx), longParam(ctx, "id"))));
  }

  /**
   * REST bodies are the protocol commands without {@code type}; {@code id} (the command id) comes
   * from the Idempotency-Key header, and the path's decision id is authoritative.
   */
  private static <T> T command(RoutingContext ctx, Class<T> type) {
    com.fasterxml.jackson.databind.node.ObjectNode node;
    try {
      // No body at all reads as {}: the command's own checks then name what is missing.
      boolean empty = ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() <= 0;
      com.fasterxml.jackson.databind.JsonNode read = empty ? Jackson.JSON.createObjectNode()
          : org.quorate.protocol.ProtocolCodec.mapper().readTree(ctx.body().buffer().getBytes());
      node = (com.fasterxml.jackson.databind.node.ObjectNode) java.util.Objects.requireNonNull(read);
    } catch (java.io.IOException | ClassCastException | NullPointerException e) {
      throw org.quorate.server.domain.DomainException.invalid("body", "a JSON object is required");
    }
    String key = ctx.request().getHeader("Idempotency-Key");
    // The protocol decodes commands by their type id, which a REST body does not carry: the route names it.
    node.put("type", wireName(type));
    node.put("id", key == null || key.isBlank() ? "rest-" + UUID.randomUUID() : key);
    if (ctx.pathParam("id") != null && type != DecisionCommand.OpenDecision.class) {
      node.put("decision_id", longParam(ctx, "id"));
    }
    try {
      return org.quorate.protocol.ProtocolCodec.mapper().treeToValue(node, type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      Throwable cause = e.getCause();
      if (cause instanceof org.quorate.protocol.ProtocolViolation v) {
        throw org.quorate.server.domain.DomainException.invalid(v.field() == null ? "body" : v.field(), v.getMessage());
      }
      String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
          ? m.getPath().get(0).getFieldName() : "body";
      throw org.quorate.server.domain.DomainException.invalid(field == null ? "body" : field, "has the wrong type or value");
    }
  }

  private static String wireName(Class<?> type) {
    for (com.fasterxml.jackson.annotation.JsonSubTypes.Type t
        : org.quorate.protocol.ClientCommand.class.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class).value()) {
      if (t.value() == type) {
        return t.name();
      }
    }
    throw new IllegalStateException(type + " is not a ClientCommand with a wire name");
  }

  public record WriteReply(long room, Long seq, Long decisionId, boolean duplicate) {}

  private static Future<WriteReply> afterWrite(RoutingContext ctx, Future<RoomEventLog.Outcome> write) {
    return write.map(o -> new WriteReply(o.room(), o.seq(), o.messageId(), o.duplicate()));
  }
}
