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
    meetings();
    webSocketRooms();
    webSocketDecisionsAndMeetings();
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

  private boolean readerOf(Persona p, Where w) {
    return AccessMatrix.mayRead(p, w);
  }

  private void registry() {
    on("GET /health", (p, w) -> calls.get(p, "/health"));
    on("GET /metrics", (p, w) -> calls.answer(p, "GET /metrics", calls.client(p).get("/metrics")));
    on("GET /openapi.yaml", (p, w) -> calls.get(p, "/openapi.yaml"));
    on("POST /api/login", (p, w) -> calls.answer(p, "POST /api/login", world.server.api()
        .login(p == Persona.SIGNED_OUT ? "observer" : p.username, TestServer.DEMO_PASSWORD)));
    on("POST /api/logout", (p, w) -> {
      // A token of its own, so the persona's other calls stay signed in.
      ApiClient c = p == Persona.SIGNED_OUT ? world.server.api() : world.server.as(p.username);
      return calls.answer(p, "POST /api/logout", c.post("/api/logout", "{}"));
    });
    on("GET /api/me", (p, w) -> calls.get(p, "/api/me"));
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
    on("GET /api/bodies", (p, w) -> calls.get(p, "/api/bodies"));
    on("POST /api/bodies", (p, w) -> calls.post(p, "/api/bodies", Map.of("code", "MX" + next(), "name", "Matrix Body " + next(),
        "kind", "working_group")));
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
  }

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

  private void meetings() {
    String live = "/api/meetings/" + world.liveMeeting;
    String prep = "/api/meetings/" + world.prepMeeting;
    String done = "/api/meetings/" + world.doneMeeting;
    on("GET /api/meetings", (p, w) -> calls.get(p, "/api/meetings"));
    on("POST /api/meetings", (p, w) -> calls.post(p, "/api/meetings", newMeeting()));
    on("GET /api/meetings/{id}", (p, w) -> calls.get(p, live));
    on("PUT /api/meetings/{id}", (p, w) -> calls.put(p, prep, Map.of("title", "Matrix meeting, scheduled",
        "scheduled_start", "2030-07-01T10:00:00Z")));
    on("DELETE /api/meetings/{id}", (p, w) -> {
      long fresh = MatrixWorld.created(admin.post("/api/meetings", newMeeting())).get("id").asLong();
      return calls.delete(p, "/api/meetings/" + fresh);
    });
    on("POST /api/meetings/{id}/agenda", (p, w) -> calls.post(p, prep + "/agenda", Map.of("title", "Matrix item " + next())));
    on("PUT /api/meetings/{id}/agenda/{itemId}", (p, w) -> calls.put(p, prep + "/agenda/" + world.prepItem,
        Map.of("title", "Any other business")));
    on("DELETE /api/meetings/{id}/agenda/{itemId}", (p, w) -> {
      long item = MatrixWorld.created(admin.post(prep + "/agenda", Map.of("title", "Matrix item to delete"))).at("/agenda").findValues("id")
          .stream().mapToLong(n -> n.asLong()).max().orElseThrow();
      return calls.delete(p, prep + "/agenda/" + item);
    });
    on("GET /api/meetings/{id}/papers", (p, w) -> calls.get(p, live + "/papers"));
    on("POST /api/meetings/{id}/papers", (p, w) -> calls.post(p, prep + "/papers", Map.of("title", "Matrix paper",
        "url", "https://example.org/matrix.pdf", "published_at", "2030-01-02T09:00:00Z")));
    on("GET /api/meetings/{id}/attendance", (p, w) -> calls.get(p, live + "/attendance"));
    Map<String, Object> delegate = Map.of("principal_user_id", world.user("kate"), "delegate_user_id", world.user("arthur"),
        "kind", "alternate");
    on("POST /api/meetings/{id}/delegates", (p, w) -> calls.post(p, prep + "/delegates", delegate));
    on("DELETE /api/meetings/{id}/delegates/{userId}", (p, w) -> {
      MatrixWorld.ok(admin.post(prep + "/delegates", delegate));
      return calls.delete(p, prep + "/delegates/" + world.user("kate"));
    });
    on("PUT /api/meetings/{id}/roles/{userId}", (p, w) -> calls.put(p, prep + "/roles/" + world.user("bella"),
        Map.of("role", "minute_taker")));
    on("DELETE /api/meetings/{id}/roles/{userId}/{role}", (p, w) -> {
      MatrixWorld.ok(admin.put(prep + "/roles/" + world.user("bella"), Map.of("role", "minute_taker")));
      return calls.delete(p, prep + "/roles/" + world.user("bella") + "/minute_taker");
    });
    on("GET /api/meetings/{id}/rulings", (p, w) -> calls.get(p, live + "/rulings"));
    on("GET /api/meetings/{id}/questions", (p, w) -> calls.get(p, live + "/questions"));
    on("GET /api/meetings/{id}/actions", (p, w) -> calls.get(p, live + "/actions"));
    on("GET /api/meetings/{id}/minutes", (p, w) -> calls.get(p, done + "/minutes"));
    on("GET /api/meetings/{id}/minutes.md", (p, w) -> calls.get(p, done + "/minutes.md"));
    on("GET /api/meetings/{id}/minutes.html", (p, w) -> calls.get(p, done + "/minutes.html"));
    on("GET /api/meetings/{id}/minutes/generated", (p, w) -> calls.get(p, done + "/minutes/generated"));
    on("PUT /api/meetings/{id}/minutes", (p, w) -> calls.put(p, done + "/minutes", Map.of("markdown",
        "# Minutes\n\n" + (readerOf(p, Where.AMBER) ? world.markers.get(Where.AMBER) + " minutes" : "Matrix") + "\n")));
    on("POST /api/meetings/{id}/minutes/publish", (p, w) -> calls.post(p, done + "/minutes/publish", "{}"));
    on("GET /api/actions", (p, w) -> calls.get(p, "/api/actions?limit=100"));
    on("GET /api/actions/{id}", (p, w) -> calls.get(p, "/api/actions/" + world.action));
    on("PUT /api/actions/{id}", (p, w) -> calls.put(p, "/api/actions/" + world.action, Map.of("status", toggledStatus())));
  }

  private String toggledStatus() {
    String now = admin.get("/api/actions/" + world.action).json().path("status").asText();
    return now.equals("done") ? "open" : "done";
  }

  private Map<String, Object> newMeeting() {
    return Map.of("body_id", world.body, "title", "Matrix meeting " + next(), "scheduled_start", "2030-08-01T10:00:00Z",
        "agenda", List.of());
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

  private void webSocketDecisionsAndMeetings() {
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

    long m = world.liveMeeting;
    on("join_meeting", (p, w) -> calls.ws(p, command("join_meeting", "meeting", m)));
    on("leave_meeting", (p, w) -> {
      Answer a = calls.ws(p, command("leave_meeting", "meeting", m));
      if (p == Persona.VOTER && a.allowed() && !a.stateRefusal()) {
        calls.socket(p).requireAck("join_meeting", "meeting", m);
      }
      return a;
    });
    on("mark_attendance", (p, w) -> calls.ws(p, command("mark_attendance", "meeting", m, "user", world.user("bella"), "present", true,
        "mode", "in_room")));
    on("set_meeting_state", (p, w) -> {
      Answer a = calls.ws(p, command("set_meeting_state", "meeting", m, "state", "adjourned", "reason", "Matrix"));
      if (a.allowed() && !a.stateRefusal()) {
        calls.socket(p).requireAck("set_meeting_state", "meeting", m, "state", "open");
      }
      return a;
    });
    on("move_agenda", (p, w) -> calls.ws(p, command("move_agenda", "meeting", m, "item", world.liveItem)));
    on("raise_hand", (p, w) -> calls.ws(p, command("raise_hand", "meeting", m)));
    on("lower_hand", (p, w) -> calls.ws(p, command("lower_hand", "meeting", m)));
    on("give_floor", (p, w) -> calls.ws(p, command("give_floor", "meeting", m, "user", world.user("kate"))));
    on("take_floor_back", (p, w) -> calls.ws(p, command("take_floor_back", "meeting", m, "reason", "Matrix")));
    on("reorder_queue", (p, w) -> calls.ws(p, command("reorder_queue", "meeting", m, "user", world.user("kate"), "position", 1,
        "reason", "Matrix")));
    on("mute_participant", (p, w) -> calls.ws(p, command("mute_participant", "meeting", m, "user", world.user("bella"), "muted", true,
        "reason", "Matrix")));
    on("remove_participant", (p, w) -> calls.ws(p, command("remove_participant", "meeting", m, "user", world.user("bella"),
        "reason", "Matrix")));
    on("lock_meeting_room", (p, w) -> {
      Answer a = calls.ws(p, command("lock_meeting_room", "meeting", m, "locked", true, "reason", "Matrix"));
      if (a.allowed() && !a.stateRefusal()) {
        calls.socket(p).requireAck("lock_meeting_room", "meeting", m, "locked", false, "reason", "Matrix");
      }
      return a;
    });
    on("hand_over_chair", (p, w) -> {
      long self = p == Persona.SIGNED_OUT ? world.user("chair") : world.user(p);
      Answer a = calls.ws(p, command("hand_over_chair", "meeting", m, "to", self, "reason", "Matrix"));
      if (a.allowed() && !a.stateRefusal()) {
        calls.socket(p).requireAck("hand_over_chair", "meeting", m, "to", world.user("chair"), "reason", "Matrix: back to the chair");
      }
      return a;
    });
    on("call_meeting_vote", (p, w) -> calls.ws(p, command("call_meeting_vote", "meeting", m, "item", world.liveItem,
        "question", "Matrix second vote")));
    on("cast_meeting_ballot", (p, w) -> calls.ws(p, command("cast_meeting_ballot", "meeting", m, "vote", world.vote, "choice", "approve",
        "reason", p == Persona.VOTER ? world.markers.get(Where.AMBER) + " meeting reason" : "Matrix")));
    on("close_meeting_vote", (p, w) -> calls.ws(p, command("close_meeting_vote", "meeting", m, "vote", world.vote)));
    on("record_decision", (p, w) -> calls.ws(p, command("record_decision", "meeting", m, "text", "Matrix decision recorded",
        "reason", "Matrix")));
    on("record_action", (p, w) -> calls.ws(p, command("record_action", "meeting", m, "text", "Matrix action", "owner_user",
        world.user("bella"), "due_working_days", 5)));
    on("update_action", (p, w) -> calls.ws(p, command("update_action", "action", world.action, "status", toggledStatus())));
    on("submit_question", (p, w) -> calls.ws(p, command("submit_question", "meeting", m, "text", "Matrix question", "anonymous", false)));
    on("upvote_question", (p, w) -> calls.ws(p, command("upvote_question", "meeting", m, "question", world.question)));
    on("take_question", (p, w) -> calls.ws(p, command("take_question", "meeting", m, "question", world.question)));
  }
}
