package org.quorate.server.access;

import static org.quorate.server.access.MatrixCalls.command;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.quorate.server.access.AccessMatrix.Persona;
import org.quorate.server.access.AccessMatrix.Where;
import org.quorate.server.access.MatrixCalls.Answer;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.TestServer;

/**
 * How to ask each cell: for every row key, the request a persona makes in a place, with the ids of
 * that place's room, decision or meeting. A request is one that would succeed for someone allowed
 * (so a refusal is about who asks, not what is asked); where an allowed call changes what later
 * cells need (a ballot withdrawn, the chair taken, a proxy appointed), the driver puts it back.
 */
final class MatrixDrivers {
  @FunctionalInterface
  interface Driver {
    Answer ask(Persona p, Where w);
  }

  private final MatrixWorld world;
  private final MatrixCalls calls;
  private final ApiClient admin;
  private final Map<String, Driver> drivers = new HashMap<>();
  private final AtomicInteger unique = new AtomicInteger();

  MatrixDrivers(MatrixWorld world, MatrixCalls calls) {
    this.world = world;
    this.calls = calls;
    this.admin = world.admin;
    registry();
    rooms();
    decisions();
    webSocketRooms();
    webSocketDecisions();
    new MatrixMeetingDrivers(world, calls, this::on, this::next);
  }

  Map<String, Driver> all() {
    return Map.copyOf(drivers);
  }

  private void on(String key, Driver d) {
    if (drivers.put(key, d) != null) {
      throw new IllegalStateException("two drivers for " + key);
    }
  }

  private String next() {
    return String.valueOf(unique.incrementAndGet());
  }

  private long room(Where w) {
    return world.rooms.get(w);
  }

  private long decision(Where w) {
    return world.decisions.get(w);
  }

  /** The path of the signed unsubscribe link a user's emails carry. */
  private String unsubscribePath(String username) {
    String url = world.server.server().features().email().unsubscribeUrl(world.user(username)).await();
    return url.substring(url.indexOf("/api/"));
  }

  private boolean readerOf(Persona p, Where w) {
    return AccessMatrix.mayRead(p, w);
  }

  private String voterFeed;

  private String voterFeed() {
    if (voterFeed == null) {
      voterFeed = MatrixWorld.created(world.server.as(Persona.VOTER.username).post("/api/calendar-feeds", Map.of("body_id",
          world.body))).get("path").asText();
    }
    return voterFeed;
  }

  private void registry() {
    on("GET /health", (p, w) -> calls.get(p, "/health"));
    on("GET /metrics", (p, w) -> calls.answer(p, "GET /metrics", calls.client(p).get("/metrics")));
    on("GET /openapi.yaml", (p, w) -> calls.get(p, "/openapi.yaml"));
    on("GET /asyncapi.yaml", (p, w) -> calls.get(p, "/asyncapi.yaml"));
    on("POST /api/login", (p, w) -> calls.answer(p, "POST /api/login", world.server.api()
        .login(p == Persona.SIGNED_OUT ? "observer" : p.username, TestServer.DEMO_PASSWORD)));
    on("POST /api/logout", (p, w) -> {
      // A token of its own, so the persona's other calls stay signed in.
      ApiClient c = p == Persona.SIGNED_OUT ? world.server.api() : world.server.as(p.username);
      return calls.answer(p, "POST /api/logout", c.post("/api/logout", "{}"));
    });
    on("GET /api/me", (p, w) -> calls.get(p, "/api/me"));
    on("PUT /api/me/password", (p, w) -> {
      // A real change would end the persona's other sessions, the matrix's own among them; a wrong
      // current password is refused only after the access check, naming the field it checked.
      MatrixCalls.Answer a = calls.put(p, "/api/me/password", Map.of("current_password", "not-the-password",
          "new_password", "matrix-password-" + next()));
      boolean checked = a.status() == 400 && "current_password".equals(a.json().path("field").asText());
      return checked ? new MatrixCalls.Answer(true, a.status(), a.code(), a.text()) : a;
    });
    on("GET /api/calendar-feeds", (p, w) -> calls.get(p, "/api/calendar-feeds"));
    on("POST /api/calendar-feeds", (p, w) -> calls.post(p, "/api/calendar-feeds", "{}"));
    on("DELETE /api/calendar-feeds/{id}", (p, w) -> {
      long own = p == Persona.SIGNED_OUT ? 1 : MatrixWorld.created(calls.client(p).post("/api/calendar-feeds", "{}")).get("id").asLong();
      return calls.delete(p, "/api/calendar-feeds/" + own);
    });
    // The voter's own feed, fetched by everyone: the address alone grants it.
    on("GET /api/calendar/{token}", (p, w) -> calls.get(p, voterFeed()));
    on("GET /api/party-categories", (p, w) -> calls.get(p, "/api/party-categories"));
    on("GET /api/voting-groups", (p, w) -> calls.get(p, "/api/voting-groups"));
    on("GET /api/parties", (p, w) -> calls.get(p, "/api/parties"));
    on("POST /api/parties", (p, w) -> calls.post(p, "/api/parties", Map.of("name", "Matrix Party " + next(), "category", "other_sec_party")));
    on("POST /api/parties/import", (p, w) -> calls.answer(p, "POST /api/parties/import", calls.client(p).postText("/api/parties/import",
        "text/csv", "name,category,voting_group\nMatrix Import " + next() + ",gas_network,\n")));
    on("GET /api/parties/{id}", (p, w) -> calls.get(p, "/api/parties/" + world.kestrel));
    on("PUT /api/parties/{id}", (p, w) -> calls.put(p, "/api/parties/" + world.scratchParty,
        Map.of("name", "Matrix Scratch Ltd", "category", "other_sec_party")));
    on("GET /api/users", (p, w) -> calls.get(p, "/api/users"));
    on("POST /api/users", (p, w) -> calls.post(p, "/api/users", Map.of("username", "matrix-" + next(), "display_name", "Matrix User",
        "password", TestServer.DEMO_PASSWORD, "roles", List.of("member"))));
    on("GET /api/users/{id}", (p, w) -> calls.get(p, "/api/users/" + world.user("kate")));
    on("PUT /api/users/{id}", (p, w) -> calls.put(p, "/api/users/" + world.scratchUser,
        Map.of("display_name", "Matrix Target", "roles", List.of("member"))));
    on("GET /api/rules", (p, w) -> calls.get(p, "/api/rules"));
    on("GET /api/bodies", (p, w) -> calls.get(p, "/api/bodies"));
    on("POST /api/bodies", (p, w) -> calls.post(p, "/api/bodies", Map.of("code", "MX" + next(), "name", "Matrix Body " + next(),
        "kind", "working_group", "rules", "WORKING_GROUP")));
    on("GET /api/bodies/{id}", (p, w) -> calls.get(p, "/api/bodies/" + world.body));
    on("PUT /api/bodies/{id}", (p, w) -> calls.put(p, "/api/bodies/" + world.scratchBody,
        Map.of("code", "WG_MATRIX_SCRATCH", "name", "Matrix Scratch Group", "kind", "working_group")));
    Map<String, Object> seat = Map.of("user_id", world.scratchUser, "seat", "Member", "voting", true, "party_id", world.scratchParty);
    on("POST /api/bodies/{id}/members", (p, w) -> calls.post(p, "/api/bodies/" + world.scratchBody + "/members", seat));
    on("DELETE /api/bodies/{id}/members/{userId}", (p, w) -> {
      MatrixWorld.ok(admin.post("/api/bodies/" + world.scratchBody + "/members", seat));
      return calls.delete(p, "/api/bodies/" + world.scratchBody + "/members/" + world.scratchUser);
    });
    on("GET /api/modifications", (p, w) -> calls.get(p, "/api/modifications"));
    on("POST /api/modifications", (p, w) -> calls.post(p, "/api/modifications", Map.of("id", "MP" + (800 + unique.incrementAndGet()),
        "title", "Matrix Modification", "path", "fast_track", "proposer_party_id", world.scratchParty)));
    on("GET /api/modifications/{id}", (p, w) -> calls.get(p, "/api/modifications/" + MatrixWorld.MODIFICATION));
    on("PUT /api/modifications/{id}", (p, w) -> calls.put(p, "/api/modifications/" + MatrixWorld.SCRATCH_MODIFICATION,
        Map.of("title", "Matrix scratch", "path", "fast_track")));
    on("POST /api/modifications/{id}/stage", (p, w) -> calls.post(p, "/api/modifications/" + MatrixWorld.SCRATCH_MODIFICATION + "/stage",
        Map.of("stage", "refinement", "reason", "Matrix")));
    on("GET /api/modifications/{id}/register", (p, w) -> calls.get(p, "/api/modifications/" + MatrixWorld.MODIFICATION + "/register"));
    on("GET /api/modifications/{id}/register.csv", (p, w) -> calls.get(p,
        "/api/modifications/" + MatrixWorld.MODIFICATION + "/register.csv"));
    on("PUT /api/modifications/{id}/track", (p, w) -> calls.put(p, "/api/modifications/" + MatrixWorld.SCRATCH_MODIFICATION + "/track",
        Map.of("track", "asynchronous", "reason", "Matrix")));
    on("GET /api/bodies/{id}/proxies", (p, w) -> calls.get(p, "/api/bodies/" + world.body + "/proxies"));
    on("POST /api/bodies/{id}/proxies", (p, w) -> {
      Answer a = calls.post(p, "/api/bodies/" + world.body + "/proxies", proxyForTheVoter());
      if (a.status() == 201) {
        // One appointment per seat at a time: revoke it for the next persona.
        MatrixWorld.ok(admin.delete("/api/proxies/" + a.json().get("id").asLong()));
      }
      return a;
    });
    on("DELETE /api/proxies/{id}", (p, w) -> {
      long id = MatrixWorld.created(admin.post("/api/bodies/" + world.body + "/proxies", proxyForTheVoter())).get("id").asLong();
      Answer a = calls.delete(p, "/api/proxies/" + id);
      if (!a.allowed()) {
        MatrixWorld.ok(admin.delete("/api/proxies/" + id));
      }
      return a;
    });
  }

  /** A proxy for the voter's seat on the scratch decision only, so the voter's other ballots stand. */
  private Map<String, Object> proxyForTheVoter() {
    return Map.of("principal_id", world.user("kate"), "proxy_id", world.user("arthur"), "scope", "decision",
        "scope_id", world.scratchDecision);
  }

  private void rooms() {
    on("GET /api/rooms", (p, w) -> calls.get(p, "/api/rooms"));
    on("POST /api/rooms", (p, w) -> calls.post(p, "/api/rooms", Map.of("name", "Matrix extra room " + next(), "classification", "white",
        "member_ids", List.of())));
    on("POST /api/rooms/direct", (p, w) -> calls.post(p, "/api/rooms/direct", Map.of("user_ids", List.of(world.user("bella")))));
    on("GET /api/rooms/{id}", (p, w) -> calls.get(p, "/api/rooms/" + room(w)));
    on("GET /api/rooms/{id}/events", (p, w) -> calls.get(p, "/api/rooms/" + room(w) + "/events?limit=200"));
    on("GET /api/rooms/{id}/threads", (p, w) -> calls.get(p, "/api/rooms/" + room(w) + "/threads"));
    on("GET /api/rooms/{id}/messages/{messageId}", (p, w) -> calls.get(p, "/api/rooms/" + room(w) + "/messages/" + world.seedMessages.get(w)));
    // Arthur, in no matrix room, is added and removed.
    on("PUT /api/rooms/{id}/members/{userId}", (p, w) -> calls.put(p, "/api/rooms/" + room(w) + "/members/" + world.user("arthur"),
        Map.of("moderator", false)));
    on("DELETE /api/rooms/{id}/members/{userId}", (p, w) -> {
      if (w != Where.DM && w != Where.AMBER) {
        MatrixWorld.ok(admin.put("/api/rooms/" + room(w) + "/members/" + world.user("arthur"), Map.of("moderator", false)));
      }
      return calls.delete(p, "/api/rooms/" + room(w) + "/members/" + world.user("arthur"));
    });
    on("PUT /api/rooms/{id}/follow", (p, w) -> calls.put(p, "/api/rooms/" + room(w) + "/follow", Map.of("following", true)));
    on("POST /api/rooms/{id}/read", (p, w) -> calls.post(p, "/api/rooms/" + room(w) + "/read", Map.of("seq", 1)));
    on("GET /api/rooms/{id}/decisions", (p, w) -> calls.get(p, "/api/rooms/" + room(w) + "/decisions"));
    on("GET /api/search", (p, w) -> calls.get(p, "/api/search?q=MARKER&room=" + room(w)));
    on("GET /api/notifications", (p, w) -> calls.get(p, "/api/notifications?limit=200"));
    on("POST /api/notifications/read", (p, w) -> calls.post(p, "/api/notifications/read", "{}"));
    on("GET /api/me/email", (p, w) -> calls.get(p, "/api/me/email"));
    on("PUT /api/me/email", (p, w) -> calls.put(p, "/api/me/email", Map.of("mode", "none")));
    on("GET /api/email/unsubscribe", (p, w) -> calls.get(p, unsubscribePath("arthur")));
    on("POST /api/email/unsubscribe", (p, w) -> calls.post(p, unsubscribePath("arthur"), "{}"));
  }

  private void decisions() {
    on("POST /api/decisions", (p, w) -> calls.post(p, "/api/decisions", Map.of("body", MatrixWorld.BODY_CODE, "room", room(w),
        "question", "Matrix extra decision", "kind", "asynchronous", "closes_in_working_days", 5)));
    on("GET /api/decisions/{id}", (p, w) -> calls.get(p, "/api/decisions/" + decision(w)));
    on("POST /api/decisions/{id}/ballots", (p, w) -> calls.post(p, "/api/decisions/" + decision(w) + "/ballots", ballot(p, w)));
    on("POST /api/decisions/{id}/withdrawals", (p, w) -> recastAfter(p, w,
        calls.post(p, "/api/decisions/" + decision(w) + "/withdrawals", "{}")));
    on("POST /api/decisions/{id}/changes", (p, w) -> calls.post(p, "/api/decisions/" + decision(w) + "/changes",
        Map.of("change", "extend", "reason", "Matrix", "closes_at", later())));
    on("POST /api/decisions/{id}/recusals", (p, w) -> calls.post(p, "/api/decisions/" + decision(w) + "/recusals",
        Map.of("user_id", world.user("bella"), "reason", "Matrix")));
    on("POST /api/decisions/{id}/casting-vote", (p, w) -> calls.post(p, "/api/decisions/" + decision(w) + "/casting-vote",
        Map.of("choice", "approve", "reason", "Matrix")));
    on("GET /api/decisions/{id}/archive", (p, w) -> calls.get(p, "/api/decisions/" + decision(w) + "/archive"));
    on("GET /api/ledger/receipts/{hash}", (p, w) -> calls.get(p, "/api/ledger/receipts/" + receipts.computeIfAbsent(w, x ->
        calls.client(Persona.VOTER).post("/api/decisions/" + decision(w) + "/ballots", ballot(Persona.VOTER, w)).json()
            .at("/receipt/hash").asText())));
  }

  /** The voter's receipt in each place, from one re-cast of their ballot (same marker reason). */
  private final Map<Where, String> receipts = new java.util.EnumMap<>(Where.class);

  /** Each extension a day later than the one before. */
  private String later() {
    return java.time.Instant.now().plus(java.time.Duration.ofDays(30 + unique.incrementAndGet())).toString();
  }

  /** The voter's ballot keeps its marker reason; anyone else's attempt carries no marker. */
  private Map<String, Object> ballot(Persona p, Where w) {
    return Map.of("choice", "approve", "reason", p == Persona.VOTER ? world.markers.get(w) + " ballot reason" : "Matrix");
  }

  private Answer recastAfter(Persona p, Where w, Answer a) {
    if (a.allowed() && !a.stateRefusal()) {
      MatrixWorld.ok(calls.client(Persona.VOTER).post("/api/decisions/" + decision(w) + "/ballots", ballot(Persona.VOTER, w)));
    }
    return a;
  }

  private void webSocketRooms() {
    on("authenticate", (p, w) -> calls.authenticate(p));
    on("subscribe", (p, w) -> calls.ws(p, command("subscribe", "room", room(w), "since_seq", 0)));
    on("unsubscribe", (p, w) -> {
      Answer a = calls.ws(p, command("unsubscribe", "room", room(w)));
      if (readerOf(p, w)) {
        calls.socket(p).subscribe(room(w), null);
      }
      return a;
    });
    on("post_message", (p, w) -> calls.ws(p, command("post_message", "room", room(w), "body", "Matrix post")));
    on("edit_message", (p, w) -> {
      // One's own message where one may post; else someone else's.
      long target = AccessMatrix.POSTERS.get(w).contains(p)
          ? calls.socket(p).post(room(w), "Matrix post to edit").get("message_id").asLong() : world.seedMessages.get(w);
      return calls.ws(p, command("edit_message", "room", room(w), "message_id", target, "body", "Matrix edit"));
    });
    on("delete_message", (p, w) -> {
      Persona author = p == Persona.VOTER ? Persona.NON_VOTER : Persona.VOTER;
      long victim = calls.socket(author).post(room(w), "Matrix victim").get("message_id").asLong();
      return calls.ws(p, command("delete_message", "room", room(w), "message_id", victim, "reason", "Matrix"));
    });
    on("pin_message", (p, w) -> calls.ws(p, command("pin_message", "room", room(w), "message_id", world.seedMessages.get(w),
        "pinned", true)));
    on("typing", (p, w) -> calls.typing(p, room(w)));
    on("mark_read", (p, w) -> calls.ws(p, command("mark_read", "room", room(w), "seq", 1)));
    on("fetch_history", (p, w) -> calls.ws(p, command("fetch_history", "room", room(w))));
    on("search", (p, w) -> calls.ws(p, command("search", "query", "MARKER", "room", room(w))));
    on("follow", (p, w) -> calls.ws(p, command("follow", "room", room(w), "following", true)));
  }

  private void webSocketDecisions() {
    on("open_decision", (p, w) -> calls.ws(p, command("open_decision", "body", MatrixWorld.BODY_CODE, "room", room(w),
        "question", "Matrix extra decision", "kind", "asynchronous", "closes_in_working_days", 5)));
    on("cast_ballot", (p, w) -> {
      Map<String, Object> c = command("cast_ballot", "decision_id", decision(w));
      c.putAll(ballot(p, w));
      return calls.ws(p, c);
    });
    on("withdraw_ballot", (p, w) -> recastAfter(p, w, calls.ws(p, command("withdraw_ballot", "decision_id", decision(w)))));
    on("change_decision", (p, w) -> calls.ws(p, command("change_decision", "decision_id", decision(w), "change", "extend",
        "reason", "Matrix", "closes_at", later())));
    on("recuse", (p, w) -> calls.ws(p, command("recuse", "decision_id", decision(w), "user_id", world.user("bella"), "reason", "Matrix")));
    on("casting_vote", (p, w) -> calls.ws(p, command("casting_vote", "decision_id", decision(w), "choice", "approve", "reason", "Matrix")));
  }
}
