package org.quorate.server.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.server.meetings.MeetingTestKit.item;
import static org.quorate.server.meetings.MeetingTestKit.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.validate.ValidationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.meetings.MeetingTestKit;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.OpenApiDocument;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * Calendar feeds as a calendar client fetches them: no bearer token, RFC 5545 that ical4j's
 * validator accepts, stable UIDs, and nothing from an Amber room beyond the body and the kind of event.
 */
@DemoServer
class CalendarFeedsIT {
  static TestServer server;
  static MeetingTestKit kit;
  static OpenApiDocument document;

  @BeforeAll
  static void kit() {
    kit = new MeetingTestKit(server);
    document = OpenApiDocument.load();
  }

  @Test
  void aMembersFeedListsTheirMeetingsPapersDeadlinesDecisionsAndActionsInLondonTimeAndValidates() throws Exception {
    long board = kit.bodyId("CHANGE_BOARD");
    long meeting = kit.createMeeting(server.as("secas"), board, "Change Board: Zanzibar tariff review", "2030-07-03T09:00:00Z",
        List.of(item("Any other business", null))).get("id").asLong();
    ApiClient secas = server.as("secas");
    ApiClient.Response amber = secas.post("/api/decisions", Map.of("body", "PANEL", "question", "Approve the Zanzibar budget?",
        "kind", "asynchronous", "closes_in_working_days", 3));
    assertThat(amber.status()).as(amber.body()).isEqualTo(201);
    ApiClient.Response green = secas.post("/api/decisions", Map.of("body", "PANEL", "modification_id", "MP215",
        "question", "Should MP215 be approved for Zanzibar?", "kind", "asynchronous", "closes_in_working_days", 4));
    assertThat(green.status()).as(green.body()).isEqualTo(201);
    long action = recordActionFor("kate", "Send the Zanzibar figures to the Panel");

    String ics = fetch(newFeed("kate", null));
    Calendar calendar = validCalendar(ics);

    VEvent m = event(calendar, "meeting-" + meeting + "@quorate").orElseThrow();
    assertThat(line(m, "DTSTART")).isEqualTo("DTSTART;TZID=Europe/London:20300703T100000");
    assertThat(value(m, "SUMMARY")).isEqualTo("CHANGE BOARD meeting");
    assertThat(line(event(calendar, "papers-" + meeting + "@quorate").orElseThrow(), "DTSTART")).isEqualTo("DTSTART;VALUE=DATE:20300626");
    assertThat(value(event(calendar, "decision-" + amber.json().get("decision_id").asLong() + "@quorate").orElseThrow(), "SUMMARY"))
        .isEqualTo("PANEL decision closes");
    // Whoever holds the address need not be a Party user: a Green room's question does not leave either.
    assertThat(value(event(calendar, "decision-" + green.json().get("decision_id").asLong() + "@quorate").orElseThrow(), "SUMMARY"))
        .isEqualTo("PANEL decision closes");
    assertThat(value(event(calendar, "action-" + action + "@quorate").orElseThrow(), "SUMMARY")).startsWith("Action 1 due (");
    assertThat(ics).contains("BEGIN:VTIMEZONE", "TZID:Europe/London").doesNotContain("Zanzibar");
  }

  @Test
  void aMeetingMovedInQuorateMovesInTheFeedUnderTheSameUidWithAHigherSequence() throws Exception {
    long board = kit.bodyId("CHANGE_BOARD");
    long meeting = kit.createMeeting(server.as("secas"), board, "Change Board, July 2030", "2030-07-17T09:00:00Z", List.of())
        .get("id").asLong();
    String path = newFeed("kate", board);
    VEvent before = event(validCalendar(fetch(path)), "meeting-" + meeting + "@quorate").orElseThrow();
    assertThat(value(before, "SEQUENCE")).isEqualTo("0");

    ApiClient.Response moved = server.as("secas").put("/api/meetings/" + meeting, Map.of("title", "Change Board, July 2030",
        "scheduled_start", "2030-07-18T13:30:00Z"));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    Calendar after = validCalendar(fetch(path));
    VEvent event = event(after, "meeting-" + meeting + "@quorate").orElseThrow();
    assertThat(line(event, "DTSTART")).isEqualTo("DTSTART;TZID=Europe/London:20300718T143000");
    assertThat(value(event, "SEQUENCE")).isEqualTo("1");
    // iCalendar times have whole seconds, so a move in the same second as the creation keeps its
    // LAST-MODIFIED; the raised SEQUENCE above is what tells a calendar client the event changed.
    assertThat(value(event, "LAST-MODIFIED")).isGreaterThanOrEqualTo(value(before, "LAST-MODIFIED"));
    assertThat(value(event, "DTSTAMP")).isEqualTo(value(event, "LAST-MODIFIED"));
    assertThat(after.getComponents(Component.VEVENT).stream().filter(e -> value((VEvent) e, "UID").equals("meeting-" + meeting + "@quorate")))
        .hasSize(1);

    assertThat(server.as("secas").delete("/api/meetings/" + meeting).status()).isEqualTo(200);
    VEvent cancelled = event(validCalendar(fetch(path)), "meeting-" + meeting + "@quorate").orElseThrow();
    assertThat(value(cancelled, "STATUS")).isEqualTo("CANCELLED");
    assertThat(value(cancelled, "SEQUENCE")).isEqualTo("2");
  }

  @Test
  void aFeedAddressNeedsNoBearerTokenAndStopsWorkingOnceRotatedOrRevoked() {
    String first = newFeed("eric", null);
    assertThat(server.api().get(first).status()).isEqualTo(200);
    String second = newFeed("eric", null);
    assertThat(server.api().get(first).status()).isEqualTo(404);
    assertThat(server.api().get(second).status()).isEqualTo(200);

    ApiClient eric = server.as("eric");
    JsonNode listed = document.check("GET", "/api/calendar-feeds", eric.get("/api/calendar-feeds"));
    assertThat(listed).hasSize(1);
    assertThat(listed.toString()).doesNotContain(second.substring(second.lastIndexOf('/') + 1));
    document.check("DELETE", "/api/calendar-feeds/{id}", eric.delete("/api/calendar-feeds/" + listed.get(0).get("id").asLong()));
    assertThat(server.api().get(second).status()).isEqualTo(404);
    assertThat(eric.get("/api/calendar-feeds").json()).isEmpty();
    // Someone else's feed cannot be revoked by guessing its id.
    String kates = newFeed("kate", null);
    long katesId = server.as("kate").get("/api/calendar-feeds").json().get(0).get("id").asLong();
    assertThat(eric.delete("/api/calendar-feeds/" + katesId).status()).isEqualTo(404);
    assertThat(server.api().get(kates).status()).isEqualTo(200);
  }

  @Test
  void someoneWhoLosesTheirSeatOnABodyStopsSeeingItsMeetingsAtTheNextRefresh() throws Exception {
    long tabasc = kit.bodyId("TABASC");
    long meeting = kit.createMeeting(server.as("chair"), tabasc, "TABASC, August 2030", "2030-08-07T09:00:00Z", List.of())
        .get("id").asLong();
    String bodyFeed = newFeed("dcc", tabasc);
    String ownFeed = newFeed("dcc", null);
    assertThat(event(validCalendar(fetch(bodyFeed)), "meeting-" + meeting + "@quorate")).isPresent();
    assertThat(value(event(validCalendar(fetch(ownFeed)), "meeting-" + meeting + "@quorate").orElseThrow(), "SUMMARY"))
        .isEqualTo("TABASC meeting");

    ApiClient.Response removed = kit.admin().delete("/api/bodies/" + tabasc + "/members/" + kit.userId("dcc"));
    assertThat(removed.status()).as(removed.body()).isEqualTo(200);
    assertThat(event(validCalendar(fetch(bodyFeed)), "meeting-" + meeting + "@quorate")).isEmpty();
    assertThat(event(validCalendar(fetch(ownFeed)), "meeting-" + meeting + "@quorate")).isEmpty();
  }

  @Test
  void aBodyFeedIsRefusedToSomeoneWhoMayNotReadTheBody() {
    ApiClient.Response r = server.as("gary").post("/api/calendar-feeds", Map.of("body_id", kit.bodyId("TAG")));
    assertThat(r.status()).as(r.body()).isEqualTo(403);
    assertThat(server.as("gary").get("/api/calendar-feeds").json()).isEmpty();
  }

  private static long recordActionFor(String owner, String text) {
    long board = kit.bodyId("CHANGE_BOARD");
    long room = kit.roomOfBody(board);
    long meeting = kit.createMeeting(server.as("secas"), board, "Change Board, actions", "2030-07-10T09:00:00Z",
        List.of(item("Any other business", null))).get("id").asLong();
    try (WsClient chair = kit.connect("secas", room)) {
      ok(chair, "set_meeting_state", "meeting", meeting, "state", "open");
      ok(chair, "move_agenda", "meeting", meeting, "item", kit.itemId(meeting, 1));
      ok(chair, "record_action", "meeting", meeting, "text", text, "owner_user", kit.userId(owner), "due_working_days", 3);
    }
    return server.as(owner).get("/api/actions?meeting=" + meeting).json().get(0).get("id").asLong();
  }

  private static String newFeed(String user, Long bodyId) {
    ApiClient.Response r = server.as(user).post("/api/calendar-feeds", bodyId == null ? Map.of() : Map.of("body_id", bodyId));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    document.check("POST", "/api/calendar-feeds", r);
    return r.json().get("path").asText();
  }

  /** As a calendar client fetches it: no Authorization header. */
  private static String fetch(String path) {
    ApiClient.Response r = server.api().get(path);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    document.check("GET", "/api/calendar/{token}", r);
    assertThat(r.contentType()).startsWith("text/calendar");
    return r.body();
  }

  static Calendar validCalendar(String ics) throws Exception {
    Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
    ValidationResult result = calendar.validate();
    assertThat(result.hasErrors()).as(result.toString()).isFalse();
    return calendar;
  }

  static Optional<VEvent> event(Calendar calendar, String uid) {
    return calendar.<VEvent>getComponents(Component.VEVENT).stream().filter(e -> uid.equals(value(e, "UID"))).findFirst();
  }

  static String value(VEvent e, String name) {
    return e.getProperty(name).map(Property::getValue).orElse(null);
  }

  static String line(VEvent e, String name) {
    return e.getProperty(name).map(p -> p.toString().strip()).orElse(null);
  }
}
