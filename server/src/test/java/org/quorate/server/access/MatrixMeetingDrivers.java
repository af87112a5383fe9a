package org.quorate.server.access;

import static org.quorate.server.access.MatrixCalls.command;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.quorate.server.access.AccessMatrix.Persona;
import org.quorate.server.access.AccessMatrix.Where;
import org.quorate.server.access.MatrixCalls.Answer;
import org.quorate.server.access.MatrixDrivers.Driver;
import org.quorate.server.testing.ApiClient;

/**
 * The meeting rows' drivers: preparation on the scheduled meeting, minutes on the closed one, and
 * the live meeting's reads and commands (its acting chair is the body's chair; a cell that takes
 * the chair, adjourns or locks the meeting puts it back).
 */
final class MatrixMeetingDrivers {
  private final MatrixWorld world;
  private final MatrixCalls calls;
  private final ApiClient admin;
  private final BiConsumer<String, Driver> on;
  private final Supplier<String> next;

  MatrixMeetingDrivers(MatrixWorld world, MatrixCalls calls, BiConsumer<String, Driver> on, Supplier<String> next) {
    this.world = world;
    this.calls = calls;
    this.admin = world.admin;
    this.on = on;
    this.next = next;
    meetings();
    webSocketMeetings();
  }

  private void on(String key, Driver d) {
    on.accept(key, d);
  }

  private String next() {
    return next.get();
  }

  private boolean readerOf(Persona p, Where w) {
    return AccessMatrix.mayRead(p, w);
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
    on("POST /api/meetings/{id}/papers/files", (p, w) -> calls.answer(p, "POST " + prep + "/papers/files",
        calls.client(p).postText(prep + "/papers/files?title=Matrix+file&file_name=matrix.txt", "text/plain", "Matrix paper\n")));
    on("POST /api/meetings/{id}/papers/{paperId}/versions", (p, w) -> calls.answer(p, "POST " + prep + "/papers/{paperId}/versions",
        calls.client(p).postText(prep + "/papers/" + uploadedPaper(prep) + "/versions?file_name=matrix-v2.txt", "text/plain",
            "Matrix paper, revised\n")));
    on("GET /api/meetings/{id}/papers/{paperId}/file", (p, w) -> calls.get(p, prep + "/papers/" + uploadedPaper(prep) + "/file"));
    on("GET /api/meetings/{id}/papers/{paperId}/versions/{version}/file", (p, w) -> calls.get(p,
        prep + "/papers/" + uploadedPaper(prep) + "/versions/1/file"));
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

  private Long paper;

  /** One uploaded paper on the scheduled meeting, uploaded by SECAS the first time a cell needs it. */
  private long uploadedPaper(String prep) {
    if (paper == null) {
      paper = MatrixWorld.created(admin.postText(prep + "/papers/files?title=Matrix+upload&file_name=upload.txt", "text/plain",
          "Uploaded by SECAS\n")).get("id").asLong();
    }
    return paper;
  }

  private void webSocketMeetings() {
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

  private String toggledStatus() {
    String now = admin.get("/api/actions/" + world.action).json().path("status").asText();
    return now.equals("done") ? "open" : "done";
  }

  private Map<String, Object> newMeeting() {
    return Map.of("body_id", world.body, "title", "Matrix meeting " + next(), "scheduled_start", "2030-08-01T10:00:00Z",
        "agenda", List.of());
  }
}
