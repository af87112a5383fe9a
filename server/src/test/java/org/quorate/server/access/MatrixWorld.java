package org.quorate.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.quorate.server.access.AccessMatrix.Persona;
import org.quorate.server.access.AccessMatrix.Where;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * What the matrix is asked about, built through the public API only: a working group whose chair,
 * voter and non-voter are members of a White, a Green and a Red ad-hoc room and of the body's own
 * (Amber) room, a direct conversation between the voter and the non-voter, a decision in each
 * classified room, a closed meeting with draft minutes, a live meeting with an action, a question
 * and an open vote, a scheduled meeting to prepare, and scratch registry entries to change.
 * Markers are planted separately ({@link #plantMarkers}), once every persona's socket listens.
 */
final class MatrixWorld {
  static final String BODY_CODE = "WG_MATRIX";
  static final String MODIFICATION = "MP215";
  static final String SCRATCH_MODIFICATION = "MP990";

  final TestServer server;
  final ApiClient admin;
  final Map<String, Long> users = new HashMap<>();
  final Map<Where, Long> rooms = new EnumMap<>(Where.class);
  final Map<Where, Long> decisions = new EnumMap<>(Where.class);
  final Map<Where, Long> seedMessages = new EnumMap<>(Where.class);
  final Map<Where, String> markers = new EnumMap<>(Where.class);
  /** Every marker planted, with who may be sent it. */
  final Map<String, java.util.Set<Persona>> secrets = new LinkedHashMap<>();
  final String sealedMarker;
  final String cancelledMarker;
  /** In a White room message a moderator redacts: after that, no one but SECAS (the audit trail) may be sent it again. */
  final String redactedMarker;
  long redactedMessage;
  long kestrel;
  long body;
  long modificationRoom;
  long scratchParty;
  long scratchUser;
  long scratchBody;
  long scratchDecision;
  long doneMeeting;
  long liveMeeting;
  long liveItem;
  long prepMeeting;
  long prepItem;
  long vote;
  long question;
  long action;

  MatrixWorld(TestServer server) {
    this.server = server;
    this.admin = server.as("admin");
    String run = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
    for (Where w : List.of(Where.WHITE, Where.GREEN, Where.AMBER, Where.RED, Where.DM)) {
      markers.put(w, "MARKER-" + w + "-" + run);
      secrets.put(markers.get(w), AccessMatrix.READERS.get(w));
    }
    sealedMarker = "MARKER-SEALED-" + run;
    cancelledMarker = "MARKER-CANCELLED-SEALED-" + run;
    redactedMarker = "MARKER-REDACTED-" + run;
    secrets.put(sealedMarker, AccessMatrix.SEALED_BALLOT_READERS);
    secrets.put(cancelledMarker, AccessMatrix.SEALED_BALLOT_READERS);
  }

  long user(String username) {
    return users.get(username);
  }

  long user(Persona p) {
    return users.get(p.username);
  }

  void build() {
    for (JsonNode p : admin.get("/api/parties").json()) {
      if (p.get("name").asText().equals("Kestrel Energy Ltd")) {
        kestrel = p.get("id").asLong();
      }
    }
    long brightwater = partyNamed("Brightwater Supply Co-operative");
    created(admin.post("/api/users", Map.of("username", "kit", "display_name", "Kit Kestrel (no seat)",
        "password", TestServer.DEMO_PASSWORD, "party_id", kestrel, "roles", List.of("member"))));
    for (JsonNode u : admin.get("/api/users").json()) {
      users.put(u.get("username").asText(), u.get("id").asLong());
    }

    body = created(admin.post("/api/bodies", Map.of("code", BODY_CODE, "name", "Matrix Working Group", "kind", "working_group",
        "rules", "WORKING_GROUP", "chair_user_id", user("chair")))).get("id").asLong();
    member(body, Map.of("user_id", user("kate"), "seat", "Small Supplier Member", "voting", true, "party_id", kestrel));
    member(body, Map.of("user_id", user("bella"), "seat", "Small Supplier Member", "voting", true, "party_id", brightwater));
    member(body, Map.of("user_id", user("connie"), "seat", "Consumer Member", "voting", false, "category", "consumer_member"));
    for (JsonNode r : admin.get("/api/rooms").json()) {
      if (r.path("body_id").asLong() == body) {
        rooms.put(Where.AMBER, r.get("id").asLong());
      }
      if (MODIFICATION.equals(r.path("modification_id").asText())) {
        modificationRoom = r.get("id").asLong();
      }
    }
    for (Where w : List.of(Where.WHITE, Where.GREEN, Where.RED)) {
      long id = created(admin.post("/api/rooms", Map.of("name", "Matrix " + w.name().toLowerCase() + " room",
          "classification", w.name().toLowerCase(), "member_ids", List.of(user("chair"), user("kate"), user("connie"), user("bella")))))
          .get("id").asLong();
      ok(admin.put("/api/rooms/" + id + "/members/" + user("chair"), Map.of("moderator", true)));
      rooms.put(w, id);
    }
    rooms.put(Where.DM, created(server.as("kate").post("/api/rooms/direct", Map.of("user_ids", List.of(user("connie")))))
        .get("id").asLong());

    scratchParty = created(admin.post("/api/parties", Map.of("name", "Matrix Scratch Ltd", "category", "other_sec_party")))
        .get("id").asLong();
    scratchUser = created(admin.post("/api/users", Map.of("username", "matrix-target", "display_name", "Matrix Target",
        "password", TestServer.DEMO_PASSWORD, "roles", List.of("member")))).get("id").asLong();
    scratchBody = created(admin.post("/api/bodies", Map.of("code", "WG_MATRIX_SCRATCH", "name", "Matrix Scratch Group",
        "kind", "working_group", "rules", "WORKING_GROUP"))).get("id").asLong();
    created(admin.post("/api/modifications", Map.of("id", SCRATCH_MODIFICATION, "title", "Matrix scratch", "path", "fast_track",
        "proposer_party_id", scratchParty)));

    ApiClient secas = server.as("secas");
    scratchDecision = created(secas.post("/api/decisions", Map.of("body", BODY_CODE, "room", rooms.get(Where.WHITE),
        "question", "Matrix scratch decision", "kind", "asynchronous", "closes_in_working_days", 5))).get("decision_id").asLong();
    buildMeetings();
  }

  private void buildMeetings() {
    ApiClient chair = server.as("chair");
    try (WsClient ws = WsClient.connect(server.port(), chair.token())) {
      doneMeeting = created(chair.post("/api/meetings", Map.of("body_id", body, "title", "Matrix meeting, closed",
          "scheduled_start", "2030-05-01T10:00:00Z", "agenda", List.of(Map.of("title", "MP215", "modification_id", MODIFICATION)))))
          .get("id").asLong();
      ws.requireAck("set_meeting_state", "meeting", doneMeeting, "state", "open");
      ws.requireAck("set_meeting_state", "meeting", doneMeeting, "state", "closed", "reason", "Matrix: closed at once");

      JsonNode live = created(chair.post("/api/meetings", Map.of("body_id", body, "title", "Matrix meeting, live",
          "scheduled_start", "2030-06-01T10:00:00Z", "agenda", List.of(Map.of("title", "MP215 again", "modification_id", MODIFICATION),
              Map.of("title", "Any other business")))));
      liveMeeting = live.get("id").asLong();
      liveItem = live.at("/agenda/0/id").asLong();
      ws.requireAck("set_meeting_state", "meeting", liveMeeting, "state", "open");
      ws.requireAck("move_agenda", "meeting", liveMeeting, "item", liveItem);
      ws.requireAck("call_meeting_vote", "meeting", liveMeeting, "item", liveItem, "question", "Matrix meeting vote");
    }
    vote = server.as("chair").get("/api/meetings/" + liveMeeting).json().at("/votes/0/vote_id").asLong();
    assertThat(vote).as("the live meeting's open vote").isPositive();

    JsonNode prep = created(chair.post("/api/meetings", Map.of("body_id", body, "title", "Matrix meeting, scheduled",
        "scheduled_start", "2030-07-01T10:00:00Z", "agenda", List.of(Map.of("title", "Any other business")))));
    prepMeeting = prep.get("id").asLong();
    prepItem = prep.at("/agenda/0/id").asLong();
  }

  /**
   * A marker in every place's text a reader could be shown: a message mentioning people who may
   * not read it, the decision's question and a ballot reason, and in the Amber body's meetings the
   * draft minutes, an action, a question and a meeting ballot's reason.
   */
  void plantMarkers() {
    ApiClient secas = server.as("secas");
    ApiClient kate = server.as("kate");
    try (WsClient ws = WsClient.connect(server.port(), kate.token()); WsClient chair = WsClient.connect(server.port(),
        server.as("chair").token())) {
      for (Where w : markers.keySet()) {
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("type", "post_message");
        post.put("room", rooms.get(w));
        post.put("body", markers.get(w) + " message for @alice @observer @kit and small suppliers");
        post.put("mentions", List.of(Map.of("kind", "user", "ref", String.valueOf(user("alice"))),
            Map.of("kind", "user", "ref", String.valueOf(user("observer"))), Map.of("kind", "user", "ref", String.valueOf(user("kit"))),
            Map.of("kind", "category", "ref", "small_supplier")));
        JsonNode reply = ws.request(post);
        assertThat(WsClient.type(reply)).as("marker post in %s: %s", w, reply).isEqualTo("ack");
        seedMessages.put(w, reply.get("message_id").asLong());
      }
      Map<String, Object> doomed = new LinkedHashMap<>();
      doomed.put("type", "post_message");
      doomed.put("room", rooms.get(Where.WHITE));
      doomed.put("body", redactedMarker + " message for @alice, to be redacted");
      doomed.put("mentions", List.of(Map.of("kind", "user", "ref", String.valueOf(user("alice")))));
      redactedMessage = ws.request(doomed).get("message_id").asLong();
      try (WsClient moderator = WsClient.connect(server.port(), secas.token())) {
        moderator.requireAck("delete_message", "room", rooms.get(Where.WHITE), "message_id", redactedMessage, "reason", "Matrix: redacted");
      }
      for (Where w : List.of(Where.WHITE, Where.GREEN, Where.AMBER, Where.RED)) {
        long id = created(secas.post("/api/decisions", Map.of("body", BODY_CODE, "room", rooms.get(w), "modification_id", MODIFICATION,
            "question", markers.get(w) + " decision question", "kind", "asynchronous", "closes_in_working_days", 5)))
            .get("decision_id").asLong();
        decisions.put(w, id);
        ok(kate.post("/api/decisions/" + id + "/ballots", Map.of("choice", "approve", "reason", markers.get(w) + " ballot reason")));
      }
      // An Amber decision on the Modification closed early: its result must stay in the Amber room.
      long closed = created(secas.post("/api/decisions", Map.of("body", BODY_CODE, "room", rooms.get(Where.AMBER),
          "modification_id", MODIFICATION, "question", markers.get(Where.AMBER) + " decision closed early", "kind", "asynchronous",
          "closes_in_working_days", 5))).get("decision_id").asLong();
      ok(kate.post("/api/decisions/" + closed + "/ballots", Map.of("choice", "approve", "reason", markers.get(Where.AMBER)
          + " reason of a closed decision")));
      ok(secas.post("/api/decisions/" + closed + "/changes", Map.of("change", "close", "reason", "Matrix: closed early")));
      // Sealed ballots in the White room, which everyone reads: one decision stays open, one is cancelled.
      for (String sealed : List.of(sealedMarker, cancelledMarker)) {
        long id = created(secas.post("/api/decisions", Map.of("body", BODY_CODE, "room", rooms.get(Where.WHITE),
            "modification_id", MODIFICATION, "question", "Matrix sealed decision", "kind", "asynchronous", "visibility", "sealed",
            "closes_in_working_days", 5))).get("decision_id").asLong();
        ok(kate.post("/api/decisions/" + id + "/ballots", Map.of("choice", "reject", "reason", sealed + " sealed ballot reason")));
        if (sealed.equals(cancelledMarker)) {
          ok(secas.post("/api/decisions/" + id + "/changes", Map.of("change", "cancel", "reason", "Matrix: cancelled while sealed")));
        }
      }
      String amber = markers.get(Where.AMBER);
      ok(server.as("chair").put("/api/meetings/" + doneMeeting + "/minutes", Map.of("markdown", "# Minutes\n\n" + amber + " minutes\n")));
      ws.requireAck("join_meeting", "meeting", liveMeeting);
      ws.requireAck("cast_meeting_ballot", "meeting", liveMeeting, "vote", vote, "choice", "approve", "reason", amber + " meeting reason");
      ws.requireAck("submit_question", "meeting", liveMeeting, "text", amber + " question", "anonymous", false);
      chair.requireAck("record_action", "meeting", liveMeeting, "text", amber + " action", "owner_user", user("kate"),
          "due_working_days", 5);
    }
    question = kate.get("/api/meetings/" + liveMeeting + "/questions").json().get(0).get("id").asLong();
    action = kate.get("/api/meetings/" + liveMeeting + "/actions").json().get(0).get("id").asLong();
  }

  private long partyNamed(String name) {
    for (JsonNode p : admin.get("/api/parties").json()) {
      if (p.get("name").asText().equals(name)) {
        return p.get("id").asLong();
      }
    }
    throw new AssertionError("no Party " + name);
  }

  private void member(long bodyId, Map<String, Object> seat) {
    ok(admin.post("/api/bodies/" + bodyId + "/members", seat));
  }

  static JsonNode created(ApiClient.Response r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  static JsonNode ok(ApiClient.Response r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }
}
