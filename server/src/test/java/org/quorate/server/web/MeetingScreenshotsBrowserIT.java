package org.quorate.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.server.web.MeetingPage.item;
import static org.quorate.server.web.MeetingPage.ok;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * Takes the README's meeting screenshots from the demo data: {@code docs/screenshots/chair-console.png}
 * (SECAS chairing a Change Board meeting mid-way: quorate, a speaker on the clock, hands raised, a
 * question and a vote open) and {@code meeting-participant.png} (a member's view of the same moment);
 * and {@code agenda-editor.png} / {@code agenda-editor-phone.png} (SECAS building an agenda, a late paper flagged).
 */
@DemoServer
class MeetingScreenshotsBrowserIT {
  static final Dimension TALL_LAPTOP = new Dimension(1280, 960);

  @RegisterExtension
  static final Browsers browsers = new Browsers();

  static TestServer server;

  @Test
  void theChairConsoleAndAParticipantsViewOfALiveMeetingAreCapturedForTheReadme() throws Exception {
    ApiClient secas = server.as("secas");
    long board = MeetingPage.bodyId(secas, "CHANGE_BOARD");
    long room = MeetingPage.roomOfBody(secas, board);
    long meeting = MeetingPage.schedule(secas, board, "Change Board, March 2030", List.of(
        item("MP215 Clarifying the Party Category of Affiliates", "MP215"), item("DP230 Digital postal votes", "DP230"),
        item("Any other business", null))).get("id").asLong();
    assertThat(secas.post("/api/meetings/" + meeting + "/papers", Map.of("title", "MP215 Modification Report",
        "url", "https://example.org/mp215-modification-report.pdf", "published_at", "2030-02-20T09:00:00Z")).status()).isEqualTo(201);
    long item1 = MeetingPage.itemId(secas, meeting, 1);

    Map<String, WsClient> people = new LinkedHashMap<>();
    try (WsClient chair = MeetingPage.connect(server, "secas")) {
      for (String n : List.of("alice", "arthur", "kate", "bella", "eric", "penny", "gary", "connie")) {
        people.put(n, MeetingPage.connect(server, n));
        people.get(n).subscribe(room, null);
      }
      ok(chair, "set_meeting_state", "meeting", meeting, "state", "open");
      ok(chair, "join_meeting", "meeting", meeting);
      for (WsClient p : people.values()) {
        ok(p, "join_meeting", "meeting", meeting);
      }
      ok(chair, "mark_attendance", "meeting", meeting, "user", MeetingPage.userId(secas, "oscar"), "present", true, "mode", "in_room");
      ok(chair, "move_agenda", "meeting", meeting, "item", item1);
      ok(people.get("alice"), "raise_hand", "meeting", meeting);
      ok(chair, "give_floor", "meeting", meeting, "speaking_seconds", 180);
      ok(people.get("eric"), "raise_hand", "meeting", meeting);
      ok(people.get("kate"), "raise_hand", "meeting", meeting);
      ok(people.get("gary"), "raise_hand", "meeting", meeting, "point_of_order", true);
      ok(people.get("connie"), "submit_question", "meeting", meeting, "text",
          "Will consumers see any change when Affiliates re-register?", "anonymous", true);
      long questionId = secas.get("/api/meetings/" + meeting + "/questions").json().get(0).get("id").asLong();
      ok(people.get("penny"), "upvote_question", "meeting", meeting, "question", questionId);
      ok(people.get("bella"), "upvote_question", "meeting", meeting, "question", questionId);
      ok(chair, "record_action", "meeting", meeting, "text", "Circulate the Affiliate registration guidance to all Parties",
          "owner_party", MeetingPage.partyId(secas, "Kestrel Energy Ltd"), "due_working_days", 10);
      ok(chair, "call_meeting_vote", "meeting", meeting, "item", item1, "question", "Should the Change Board approve MP215?");
      long voteId = secas.get("/api/meetings/" + meeting).json().get("votes").get(0).get("vote_id").asLong();
      for (String n : List.of("arthur", "bella", "penny")) {
        ok(people.get(n), "cast_meeting_ballot", "meeting", meeting, "vote", voteId, "choice", "approve",
            "reason", "The clarified Party Category removes double counting of Affiliates");
      }
      people.get("alice").post(room, "Northwind supports MP215: the clarified Party Category removes the double counting we raised at Refinement.");

      MeetingPage console = MeetingPage.open(browsers.launch("secas", server.baseUrl(), TALL_LAPTOP).signIn("secas"), "Change Board", meeting);
      console.awaitState("open");
      console.awaitText(".floor-holder", "Alice Large (Northwind) has the floor.");
      console.awaitText("#meeting-queue-section", "Gary Gas (Southern)");
      console.awaitText(".quoracy", "8 of 9 taking part");
      console.awaitText("#meeting-votes-section", "3 of 9 have voted.");
      console.awaitText(".room .messages", "Northwind supports MP215");
      Browser b = console.browser();
      // Reading the newest messages marks the room read: its unread badge goes.
      b.await(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("a[data-room='" + room + "'] .badge-unread")));
      b.script("document.activeElement && document.activeElement.blur()");
      Path chairPng = ReadmeScreenshotsBrowserIT.docs().resolve("chair-console.png");
      b.saveScreenshot(chairPng);

      MeetingPage kate = MeetingPage.open(browsers.launch("kate", server.baseUrl(), TALL_LAPTOP).signIn("kate"), "Change Board", meeting);
      kate.awaitText("#meeting-me-box", "Your hand is raised: 3rd in the queue.");
      kate.awaitText("#meeting-votes-section", "3 of 9 have voted.");
      kate.browser().await(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ballot-form")));
      kate.browser().await(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("a[data-room='" + room + "'] .badge-unread")));
      kate.browser().script("document.activeElement && document.activeElement.blur()");
      Path participantPng = ReadmeScreenshotsBrowserIT.docs().resolve("meeting-participant.png");
      kate.browser().saveScreenshot(participantPng);

      for (Path png : List.of(chairPng, participantPng)) {
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(bytes.length).isGreaterThan(20_000);
      }
    } finally {
      people.values().forEach(WsClient::close);
    }
  }

  @Test
  void theAgendaEditorWithItsPapersAndALatePaperIsCapturedForTheReadme() throws Exception {
    ApiClient secas = server.as("secas");
    long meeting = AgendaEditorBrowserIT.meetingInThreeDays(secas, "Change Board, April");
    assertThat(secas.post("/api/meetings/" + meeting + "/agenda", Map.of("title", "DP230 Digital postal votes for Change Board decisions",
        "modification_id", "DP230", "position", 3)).status()).isEqualTo(201);
    assertThat(secas.post("/api/meetings/" + meeting + "/papers", Map.of("title", "DP230 DCC cost annex",
        "url", "https://example.org/dp230-cost-annex.pdf", "agenda_item_id", MeetingPage.itemId(secas, meeting, 3))).status()).isEqualTo(201);
    for (var size : List.of(TALL_LAPTOP, Browsers.PHONE)) {
      Browser b = browsers.launch("secas-" + size.getWidth(), server.baseUrl(), size).signIn("secas");
      b.open("/?agenda#/meetings/" + meeting + "/agenda");
      b.await(ExpectedConditions.textToBePresentInElementLocated(By.id("agenda-papers"), "DP230 DCC cost annex"));
      b.script("document.activeElement && document.activeElement.blur()");
      Path png = ReadmeScreenshotsBrowserIT.docs().resolve(size.getWidth() < 600 ? "agenda-editor-phone.png" : "agenda-editor.png");
      b.saveScreenshot(png);
      assertThat(Files.readAllBytes(png)).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }
  }
}
