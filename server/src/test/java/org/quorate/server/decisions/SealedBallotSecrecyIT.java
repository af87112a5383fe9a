package org.quorate.server.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * A sealed decision under rules where abstentions do not count towards the quorum (the Testing
 * Advisory Group's, with Kate and Alice added to Oscar as voting members), held in MP215's Green
 * room. Every ballot's reason is a marker. After each step every REST read and every WebSocket frame
 * of every persona — the other voters, the moderator, an Observer, a Party representative outside
 * the body — is scanned: before the close nobody sees a marker but its own voter, and nothing they
 * see carries a figure a choice could change; a cancellation keeps it so; the close reveals all.
 */
@DemoServer
class SealedBallotSecrecyIT {
  static TestServer server;
  static long room;
  static long tagRoom;
  static final List<String> PERSONAS = List.of("oscar", "kate", "alice", "secas", "observer", "rep");
  static final Map<String, Persona> PEOPLE = new LinkedHashMap<>();

  /** One signed-in user with a socket subscribed to everything they may read. */
  record Persona(String name, long id, ApiClient api, WsClient ws, boolean readsRoom) {}

  @BeforeAll
  static void setUp() {
    ApiClient admin = server.as("admin");
    long tag = 0;
    for (JsonNode b : admin.get("/api/bodies").json()) {
      if ("TAG".equals(b.get("code").asText())) {
        tag = b.get("id").asLong();
      }
    }
    Map<String, JsonNode> users = new HashMap<>();
    admin.get("/api/users").json().forEach(u -> users.put(u.get("username").asText(), u));
    for (String voter : List.of("kate", "alice")) {
      Map<String, Object> member = new LinkedHashMap<>();
      member.put("user_id", users.get(voter).get("id").asLong());
      member.put("seat", "Member");
      member.put("voting", true);
      member.put("party_id", users.get(voter).get("party_id").asLong());
      ApiClient.Response added = admin.post("/api/bodies/" + tag + "/members", member);
      assertThat(added.status()).as(added.toString()).isEqualTo(200);
    }
    for (JsonNode r : admin.get("/api/rooms").json()) {
      if ("MP215".equals(r.path("modification_id").asText())) {
        room = r.get("id").asLong();
      }
      if ("body".equals(r.get("kind").asText()) && r.get("body_id").asLong() == tag) {
        tagRoom = r.get("id").asLong();
      }
    }
    for (String name : PERSONAS) {
      ApiClient api = server.as(name);
      WsClient ws = WsClient.connect(server.port(), api.token());
      for (long r : List.of(room, tagRoom)) {
        if (api.get("/api/rooms/" + r).status() == 200) {
          ws.subscribe(r, null);
          api.put("/api/rooms/" + r + "/follow", Map.of("following", true));
        }
      }
      PEOPLE.put(name, new Persona(name, users.get(name).get("id").asLong(), api, ws, api.get("/api/rooms/" + room).status() == 200));
    }
    assertThat(PEOPLE.get("observer").api().get("/api/rooms/" + room).status()).as("an Observer may not read a Green room").isEqualTo(403);
    assertThat(PEOPLE.get("rep").api().get("/api/rooms/" + room).status()).isEqualTo(200);
  }

  @AfterAll
  static void closeSockets() {
    PEOPLE.values().forEach(p -> p.ws().close());
  }

  @Test
  void sealedChoicesReachNobodyElseThroughBallotsChangesExtensionAmendmentRemindersAndCancellation() {
    Persona secas = PEOPLE.get("secas");
    long decision = open("ZQC");
    scan("opened", decision, "ZQC");

    vote("oscar", decision, "abstain", "ZQC-oscar-1");
    JsonNode received = PEOPLE.get("rep").ws().await(n -> WsClient.type(n).equals("ballot_received")
        && n.get("decision_id").asLong() == decision);
    assertThat(received.get("ballots_received").asInt()).isEqualTo(1);
    assertThat(received.at("/quoracy/ballots_received").asInt()).isEqualTo(1);
    assertThat(received.at("/quoracy/sentence").asText()).isEqualTo(
        "sealed: ballots received from 1 of 3 voting members (more than half required); quoracy is counted when the decision closes");
    scan("an abstention, which these rules do not count towards the quorum", decision, "ZQC");

    vote("kate", decision, "reject", "ZQC-kate-1");
    vote("alice", decision, "approve", "ZQC-alice-1");
    vote("alice", decision, "reject", "ZQC-alice-2");
    awaitReceived(decision, 3);
    scan("three ballots, one changed", decision, "ZQC");

    secas.ws().requireAck("change_decision", "decision_id", decision, "change", "amend", "reason", "Clarified",
        "motion_text", "The Testing Advisory Group approves MP215 as clarified.");
    vote("oscar", decision, "abstain", "ZQC-oscar-2");
    // Closing within the reminder horizon: Kate and Alice, whose ballots await confirmation, are reminded.
    server.server().features().closing().remindNow().await();
    PEOPLE.get("kate").ws().await(n -> "ballot_reminder".equals(n.path("kind").asText()) && n.path("message_id").asLong() == decision);
    scan("amended, confirmed by one voter, reminders sent", decision, "ZQC");

    secas.ws().requireAck("change_decision", "decision_id", decision, "change", "extend", "reason", "More time for ZQC",
        "closes_in_working_days", 5);
    scan("extended", decision, "ZQC");

    secas.ws().requireAck("change_decision", "decision_id", decision, "change", "cancel", "reason", "Withdrawn by the proposer");
    PEOPLE.get("rep").ws().await(n -> WsClient.type(n).equals("decision_closed") && n.get("decision_id").asLong() == decision);
    scan("cancelled", decision, "ZQC");
    JsonNode view = PEOPLE.get("kate").api().get("/api/decisions/" + decision).json();
    assertThat(view.get("status").asText()).isEqualTo("cancelled");
    assertThat(view.get("ballots")).isEmpty();
    assertThat(view.get("tally").isNull()).isTrue();
    assertThat(PEOPLE.get("oscar").api().get("/api/decisions/" + decision).json().at("/my_ballot/reason").asText())
        .as("a voter still sees their own (confirmed) ballot").isEqualTo("ZQC-oscar-2");
  }

  @Test
  void cancellingASealedDecisionRevealsNoBallotInTheViewTheRegisterOrItsCsv() {
    long decision = open("ZQX");
    vote("oscar", decision, "approve", "ZQX-oscar-1");
    vote("kate", decision, "reject", "ZQX-kate-1");
    PEOPLE.get("secas").ws().requireAck("change_decision", "decision_id", decision, "change", "cancel", "reason", "Superseded");
    ApiClient moderator = PEOPLE.get("secas").api();
    Awaitility.until(() -> moderator.get("/api/decisions/" + decision).json().get("status").asText().equals("cancelled"));
    String view = moderator.get("/api/decisions/" + decision).body();
    assertThat(view).doesNotContain("ZQX-").doesNotContain("\"choice\"");
    assertThat(moderator.get("/api/modifications/MP215/register").body()).doesNotContain("ZQX-");
    assertThat(moderator.get("/api/modifications/MP215/register.csv").body()).doesNotContain("ZQX-");
    assertThat(PEOPLE.get("alice").api().get("/api/decisions/" + decision).body()).doesNotContain("ZQX-");
  }

  @Test
  void theCloseRevealsEveryBallotReasonAndTheCountedQuoracyToEveryoneWhoMayRead() {
    long decision = open("ZQO");
    vote("oscar", decision, "abstain", "ZQO-oscar-1");
    vote("kate", decision, "approve", "ZQO-kate-1");
    vote("alice", decision, "approve", "ZQO-alice-1");
    awaitReceived(decision, 3);
    scan("before the close", decision, "ZQO");

    PEOPLE.get("secas").ws().requireAck("change_decision", "decision_id", decision, "change", "close", "reason", "All have voted");
    JsonNode closed = PEOPLE.get("rep").ws().await(n -> WsClient.type(n).equals("decision_closed")
        && n.get("decision_id").asLong() == decision);
    assertThat(closed.get("outcome").asText()).isEqualTo("carried");
    assertThat(closed.toString()).contains("ZQO-oscar-1", "ZQO-kate-1", "ZQO-alice-1");
    assertThat(closed.at("/quoracy/sealed").asBoolean()).isFalse();
    assertThat(closed.at("/quoracy/participating").asInt()).as("the abstention does not count towards the quorum").isEqualTo(2);
    assertThat(closed.at("/quoracy/ballots_received").asInt()).isEqualTo(3);

    ApiClient rep = PEOPLE.get("rep").api();
    JsonNode view = rep.get("/api/decisions/" + decision).json();
    assertThat(view.get("ballots")).hasSize(3);
    assertThat(view.at("/tally/abstain").asInt()).isEqualTo(1);
    assertThat(view.at("/quoracy/quorate").asBoolean()).isTrue();
    assertThat(rep.get("/api/modifications/MP215/register.csv").body()).contains("ZQO-oscar-1", "abstain");
    assertThat(PEOPLE.get("observer").api().get("/api/modifications/MP215/register").body())
        .as("an Observer may not read MP215's Green room, so not its decisions either").doesNotContain("ZQO-");
  }

  @Test
  void whatEveryoneElseObservesBeforeTheCloseIsTheSameWhicheverWayTheVotersVote() {
    // The decision closes within the reminder horizon: a scheduler pass between two ballots would remind
    // the voters still to vote in one run and not another, which is timing, not choice.
    server.server().features().closing().stop();
    // A pass already under way when the timer stopped could still remind the first run's voters.
    server.server().features().closing().tick().await();
    Map<String, List<String>> allApprove;
    Map<String, List<String>> allReject;
    Map<String, List<String>> allAbstain;
    try {
      allApprove = observeSealedRun("approve");
      allReject = observeSealedRun("reject");
      allAbstain = observeSealedRun("abstain");
    } finally {
      server.server().features().closing().start(java.time.Duration.ofSeconds(1));
    }
    List<String> differences = new ArrayList<>();
    for (String persona : PERSONAS) {
      differences.addAll(differences(persona + ", all reject vs all approve", allApprove.get(persona), allReject.get(persona)));
      differences.addAll(differences(persona + ", all abstain vs all approve", allApprove.get(persona), allAbstain.get(persona)));
    }
    assertThat(differences).as("what others observe of a sealed decision before its close, by the voters' choices").isEmpty();
    assertThat(allApprove.get("rep")).as("the run is observed at all: tally frames reach a watcher")
        .anyMatch(o -> o.startsWith("frame decision_tally"));
  }

  // ---- the two-run comparison ----

  /**
   * Opens a sealed decision, lets Oscar, Kate and Alice each vote {@code choice} in turn (each ballot
   * awaited by every watcher, tally frame included, so the frames do not depend on timing), and
   * returns, per persona, everything about the decision they could observe before the close — frames,
   * REST reads, register rows, notifications — normalised for ids and times. Cancels it after.
   */
  private static Map<String, List<String>> observeSealedRun(String choice) {
    Map<String, Integer> from = new HashMap<>();
    PEOPLE.forEach((name, p) -> from.put(name, p.ws().received().size()));
    long decision = open("ZQT");
    int cast = 0;
    for (String voter : List.of("oscar", "kate", "alice")) {
      vote(voter, decision, choice, "ZQT-" + voter + "-1");
      int count = ++cast;
      for (Persona p : PEOPLE.values()) {
        if (p.readsRoom()) {
          long seq = p.ws().awaitAfter(from.get(p.name()), n -> WsClient.type(n).equals("ballot_received")
              && n.get("decision_id").asLong() == decision && n.get("ballots_received").asInt() == count).get("seq").asLong();
          p.ws().awaitAfter(from.get(p.name()), n -> WsClient.type(n).equals("decision_tally")
              && n.get("decision_id").asLong() == decision && n.get("through_seq").asLong() >= seq);
        }
      }
    }
    Map<String, List<String>> seen = new LinkedHashMap<>();
    for (Persona p : PEOPLE.values()) {
      List<String> observed = new ArrayList<>();
      // Notifications come through the user's channel and room events through the room's: each keeps its
      // order, but how the two interleave is timing, so the notifications are compared after the room's frames.
      List<String> notifications = new ArrayList<>();
      awaitLiveNotifications(p, decision, from.get(p.name()));
      List<JsonNode> frames = p.ws().received();
      for (JsonNode frame : frames.subList(from.get(p.name()), frames.size())) {
        if (!WsClient.type(frame).equals("ack") && !WsClient.type(frame).equals("error")) {
          List<String> into = WsClient.type(frame).equals("notification") ? notifications : observed;
          about(decision, frame, false).forEach(n -> into.add("frame " + WsClient.type(frame) + " " + normalised(n)));
        }
      }
      observed.addAll(notifications);
      Map<String, String> reads = new LinkedHashMap<>();
      reads.put("decision view", p.api().get("/api/decisions/" + decision).body());
      reads.put("room decisions", p.api().get("/api/rooms/" + room + "/decisions").body());
      reads.put("register", p.api().get("/api/modifications/MP215/register").body());
      reads.put("notifications", p.api().get("/api/notifications?limit=200").body());
      reads.forEach((where, text) -> {
        JsonNode json = read(text);
        boolean whole = where.equals("decision view") || !json.isContainerNode();
        about(decision, json, whole).forEach(n -> observed.add(where + " " + normalised(n)));
      });
      p.api().get("/api/modifications/MP215/register.csv").body().lines().filter(l -> l.startsWith(decision + ","))
          .forEach(l -> observed.add("register.csv " + normalisedText(l.substring(l.indexOf(',')))));
      seen.put(p.name(), observed);
    }
    PEOPLE.get("secas").ws().requireAck("change_decision", "decision_id", decision, "change", "cancel", "reason", "Compared");
    PEOPLE.get("rep").ws().await(n -> WsClient.type(n).equals("decision_closed") && n.get("decision_id").asLong() == decision);
    return seen;
  }

  /** Waits until each notification about the decision that the store holds for the persona has also reached their socket. */
  private static void awaitLiveNotifications(Persona p, long decision, int from) {
    int stored = about(decision, read(p.api().get("/api/notifications?limit=200").body()), false).size();
    Awaitility.until(() -> {
      List<JsonNode> frames = p.ws().received();
      return frames.subList(from, frames.size()).stream().filter(n -> WsClient.type(n).equals("notification")
          && n.path("message_id").asLong() == decision).count() >= stored;
    });
  }

  private static List<String> differences(String runs, List<String> first, List<String> second) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.max(first.size(), second.size()); i++) {
      String a = i < first.size() ? first.get(i) : "(nothing)";
      String b = i < second.size() ? second.get(i) : "(nothing)";
      if (!a.equals(b)) {
        out.add(runs + ", observation " + i + ":\n    " + a + "\n    " + b);
      }
    }
    return out;
  }

  /** The outermost parts of a read that are about this decision (all of it when {@code whole}). */
  private static List<JsonNode> about(long decision, JsonNode node, boolean whole) {
    if (whole || node.path("decision_id").asLong() == decision || node.path("id").asLong() == decision && node.has("visibility")
        || node.path("message_id").asLong() == decision) {
      return List.of(node);
    }
    List<JsonNode> found = new ArrayList<>();
    node.forEach(child -> found.addAll(about(decision, child, false)));
    return found;
  }

  private static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\d[T ][0-9:.]+Z?");
  private static final Pattern ID_FIELD = Pattern.compile("id|seq|.*_id|.*_seq|.*_at");

  /** The node as text with ids, sequence numbers and times replaced; one's own ballot left out (it is one's own). */
  private static String normalised(JsonNode node) {
    JsonNode copy = node.deepCopy();
    strip(copy);
    return copy.toString();
  }

  private static void strip(JsonNode node) {
    if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
      o.remove("my_ballot");
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode value = o.get(name);
        if (ID_FIELD.matcher(name).matches() && value.isValueNode()) {
          o.put(name, "#");
        } else if (value.isTextual()) {
          o.put(name, normalisedText(value.asText()));
        } else {
          strip(value);
        }
      }
    } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        if (a.get(i).isTextual()) {
          a.set(i, normalisedText(a.get(i).asText()));
        } else {
          strip(a.get(i));
        }
      }
    }
  }

  private static String normalisedText(String text) {
    return TIME.matcher(text).replaceAll("TIME");
  }

  // ---- the scan ----

  private static final Pattern MARKER = Pattern.compile("ZQ[A-Z]-([a-z]+)-\\d+");

  /** Every read and frame of every persona, checked for markers and choice-dependent figures of this decision. */
  private static void scan(String step, long decision, String prefix) {
    long last = PEOPLE.get("secas").api().get("/api/rooms/" + room).json().get("last_seq").asLong();
    for (Persona p : PEOPLE.values()) {
      if (p.readsRoom()) {
        p.ws().await(n -> n.path("room").asLong() == room && n.path("seq").asLong() >= last && !WsClient.type(n).equals("ack"));
      }
    }
    List<String> problems = new ArrayList<>();
    for (Persona p : PEOPLE.values()) {
      Map<String, String> reads = new LinkedHashMap<>();
      reads.put("decision view", p.api().get("/api/decisions/" + decision).body());
      reads.put("room decisions", p.api().get("/api/rooms/" + room + "/decisions").body());
      reads.put("register", p.api().get("/api/modifications/MP215/register").body());
      reads.put("register.csv", p.api().get("/api/modifications/MP215/register.csv").body());
      reads.put("notifications", p.api().get("/api/notifications?limit=200").body());
      reads.put("search", p.api().get("/api/search?q=" + prefix).body());
      reads.put("room history", p.api().get("/api/rooms/" + room + "/events?limit=200").body());
      reads.put("body room history", p.api().get("/api/rooms/" + tagRoom + "/events?limit=200").body());
      List<JsonNode> frames = p.ws().received();
      for (int i = 0; i < frames.size(); i++) {
        reads.put("frame " + i + " " + WsClient.type(frames.get(i)), frames.get(i).toString());
      }
      reads.forEach((where, text) -> {
        Matcher m = MARKER.matcher(text);
        while (m.find()) {
          if (m.group().startsWith(prefix) && !m.group(1).equals(p.name())) {
            problems.add(step + ": " + p.name() + " sees " + m.group() + " in " + where);
          }
        }
        if (where.equals("register.csv")) {
          text.lines().filter(l -> l.startsWith(decision + ",")).filter(l -> l.matches(".*,(approve|reject|abstain),.*"))
              .forEach(l -> problems.add(step + ": " + p.name() + " sees a choice in the CSV: " + l));
        } else if (text.startsWith("{") || text.startsWith("[")) {
          choiceFree(p, decision, read(text), false, step + ": " + p.name() + " " + where, problems);
        }
      });
    }
    assertThat(problems).as("what others could observe of sealed decision " + decision + " after: " + step).isEmpty();
  }

  /** Walks a JSON read; inside anything about this decision, nothing may depend on a choice. */
  private static void choiceFree(Persona p, long decision, JsonNode node, boolean about, String where, List<String> problems) {
    if (node.isArray()) {
      node.forEach(n -> choiceFree(p, decision, n, about, where, problems));
      return;
    }
    if (!node.isObject()) {
      return;
    }
    boolean here = about || node.path("decision_id").asLong() == decision
        || node.path("id").asLong() == decision && node.has("visibility")
        || node.path("message_id").asLong() == decision && node.has("excerpt");
    if (here && node.has("excerpt") && node.get("excerpt").asText().matches(".*(needs \\d+ more|quorate|participat).*")) {
      problems.add(where + ": a quoracy forecast in a notification: " + node.get("excerpt").asText());
    }
    if (here && "ballot_cast".equals(node.path("type").asText())) {
      problems.add(where + ": ballot_cast for a sealed decision");
    }
    if (here && node.hasNonNull("quoracy")) {
      JsonNode q = node.get("quoracy");
      if (!q.path("sealed").asBoolean()) {
        problems.add(where + ": unsealed quoracy " + q);
      }
      for (String figure : List.of("quorate", "participating", "postal_ballots_counted", "composition", "forecast")) {
        if (!q.path(figure).isNull()) {
          problems.add(where + ": quoracy." + figure + " = " + q.get(figure));
        }
      }
    }
    if (here && node.hasNonNull("tally")) {
      problems.add(where + ": tally " + node.get("tally"));
    }
    if (here && node.has("ballots") && !node.get("ballots").isEmpty()) {
      problems.add(where + ": ballots " + node.get("ballots"));
    }
    node.fields().forEachRemaining(field -> {
      JsonNode value = field.getValue();
      if (field.getKey().equals("my_ballot") && value.isObject()) {
        if (value.at("/voter/id").asLong() != p.id() && value.at("/cast_by/id").asLong() != p.id()) {
          problems.add(where + ": someone else's ballot as my_ballot " + value);
        }
        return; // one's own ballot is one's own to see
      }
      if (here && field.getKey().equals("choice") && !value.isNull()) {
        problems.add(where + ": a choice " + value);
      }
      choiceFree(p, decision, value, here, where, problems);
    });
  }

  // ---- steps ----

  private static long open(String marker) {
    Map<String, Object> cmd = new HashMap<>(Map.of("type", "open_decision", "body", "TAG", "modification_id", "MP215",
        "question", "Should the Testing Advisory Group support MP215 (" + marker + ")?", "kind", "asynchronous",
        "visibility", "sealed", "reasons_required", true));
    cmd.put("closes_at", Instant.now().plusSeconds(3600).toString());
    JsonNode ack = PEOPLE.get("secas").ws().request(cmd);
    assertThat(WsClient.type(ack)).as(ack.toString()).isEqualTo("ack");
    long decision = ack.get("message_id").asLong();
    PEOPLE.get("rep").ws().await(n -> WsClient.type(n).equals("decision_opened") && n.get("decision_id").asLong() == decision);
    return decision;
  }

  private static void vote(String voter, long decision, String choice, String reason) {
    JsonNode ack = PEOPLE.get(voter).ws().request(Map.of("type", "cast_ballot", "decision_id", decision, "choice", choice,
        "reason", reason));
    assertThat(WsClient.type(ack)).as(ack.toString()).isEqualTo("ack");
  }

  private static void awaitReceived(long decision, int count) {
    PEOPLE.get("rep").ws().await(n -> WsClient.type(n).equals("ballot_received") && n.get("decision_id").asLong() == decision
        && n.get("ballots_received").asInt() == count);
  }

  private static JsonNode read(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  /** Awaitility with the project's usual bound. */
  private static final class Awaitility {
    static void until(java.util.concurrent.Callable<Boolean> condition) {
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(condition);
    }
  }
}
