package org.quorate.server.registry;

import static org.quorate.server.http.Requests.body;
import static org.quorate.server.http.Requests.longParam;
import static org.quorate.server.http.Requests.principal;

import io.vertx.ext.web.Router;
import org.quorate.server.http.ApiRoutes;
import org.quorate.server.http.Responses;
import org.quorate.server.registry.RegistryRequests.BodyInput;
import org.quorate.server.registry.RegistryRequests.MemberInput;
import org.quorate.server.registry.RegistryRequests.ModificationInput;
import org.quorate.server.registry.RegistryRequests.ModificationUpdate;
import org.quorate.server.registry.RegistryRequests.PartyInput;
import org.quorate.server.registry.RegistryRequests.StageChangeInput;
import org.quorate.server.registry.RegistryRequests.UserInput;
import org.quorate.server.registry.RegistryRequests.UserUpdate;

/** REST routes of the registry; see {@code /openapi.yaml}. */
public final class RegistryRoutes implements ApiRoutes {
  private final RegistryService registry;

  public RegistryRoutes(RegistryService registry) {
    this.registry = registry;
  }

  @Override
  public void mount(Router api) {
    api.get("/party-categories").handler(Responses.ok(ctx -> registry.categories()));
    api.get("/voting-groups").handler(Responses.ok(ctx -> registry.votingGroups()));

    api.get("/parties").handler(Responses.ok(ctx -> registry.parties()));
    api.post("/parties").handler(Responses.created(ctx -> registry.createParty(principal(ctx), body(ctx, PartyInput.class))));
    api.post("/parties/import").handler(Responses.ok(ctx -> registry.importParties(principal(ctx), ctx.body().asString())));
    api.get("/parties/:id").handler(Responses.ok(ctx -> registry.party(longParam(ctx, "id"))));
    api.put("/parties/:id").handler(Responses.ok(ctx -> registry.updateParty(principal(ctx), longParam(ctx, "id"), body(ctx, PartyInput.class))));

    api.get("/users").handler(Responses.ok(ctx -> registry.users()));
    api.post("/users").handler(Responses.created(ctx -> registry.createUser(principal(ctx), body(ctx, UserInput.class))));
    api.get("/users/:id").handler(Responses.ok(ctx -> registry.user(longParam(ctx, "id"))));
    api.put("/users/:id").handler(Responses.ok(ctx -> registry.updateUser(principal(ctx), longParam(ctx, "id"), body(ctx, UserUpdate.class))));

    api.get("/rules").handler(Responses.ok(ctx -> registry.rulesSets()));
    api.get("/bodies").handler(Responses.ok(ctx -> registry.bodies()));
    api.post("/bodies").handler(Responses.created(ctx -> registry.createBody(principal(ctx), body(ctx, BodyInput.class))));
    api.get("/bodies/:id").handler(Responses.ok(ctx -> registry.body(longParam(ctx, "id"))));
    api.put("/bodies/:id").handler(Responses.ok(ctx -> registry.updateBody(principal(ctx), longParam(ctx, "id"), body(ctx, BodyInput.class))));
    api.post("/bodies/:id/members").handler(Responses.ok(ctx -> registry.putMember(principal(ctx), longParam(ctx, "id"), body(ctx, MemberInput.class))));
    api.delete("/bodies/:id/members/:userId").handler(Responses.ok(ctx -> registry.removeMember(principal(ctx), longParam(ctx, "id"), longParam(ctx, "userId"))));

    api.get("/modifications").handler(Responses.ok(ctx -> registry.modifications()));
    api.post("/modifications").handler(Responses.created(ctx -> registry.createModification(principal(ctx), body(ctx, ModificationInput.class))));
    api.get("/modifications/:id").handler(Responses.ok(ctx -> registry.modification(ctx.pathParam("id"))));
    api.put("/modifications/:id").handler(Responses.ok(ctx -> registry.updateModification(principal(ctx), ctx.pathParam("id"), body(ctx, ModificationUpdate.class))));
    api.post("/modifications/:id/stage").handler(Responses.ok(ctx -> registry.changeStage(principal(ctx), ctx.pathParam("id"), body(ctx, StageChangeInput.class))));
  }
}
