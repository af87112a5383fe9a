package org.quorate.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.server.web.MeetingPage.item;
import static org.quorate.server.web.MeetingPage.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** Meetings in real Chromium: a chair and participants in two browsers, over the real server. */
@DemoServer
class MeetingBrowserIT {
  @RegisterExtension
  static final Browsers browsers = new Browsers();

  static TestServer server;

  @Test
  void theChairGivesTheFloorAndTheParticipantSeesThatTheyHoldItWithTheirSpeakingTime() {
    ApiClient chairApi = server.as("chair");
    long panel = MeetingPage.bodyId(chairApi, "PANEL");
    long meeting = MeetingPage.schedule(chairApi, panel, "SEC Panel, April 2030",
        List.of(item("MP210 Enduring approach to firmware updates", "MP210"), item("Any other business", null))).get("id").asLong();
    long aliceId = MeetingPage.userId(chairApi, "alice");

    MeetingPage chair = MeetingPage.open(browsers.launch("chair", server.baseUrl()).signIn("chair"), "SEC Panel", meeting);
    chair.press("#console-meeting", "Open the meeting").awaitState("open");
    // Whoever opens the meeting chairs it and attends it.
    chair.awaitText(".meeting-chair-line", "Chaired by Charlotte Chair");
    chair.awaitText("#meeting-attendance-section", "Charlotte Chair");

    MeetingPage alice = MeetingPage.open(browsers.launch("alice", server.baseUrl()).signIn("alice"), "SEC Panel", meeting);
    alice.awaitState("open");
    assertThat(alice.browser().driver().findElements(By.cssSelector("#chair-console:not([hidden])"))).isEmpty();
    alice.press("#meeting-me-box", "Join the meeting");
    alice.awaitText(".quoracy", "1 of 6 voting seats");
    alice.press("#meeting-me-box", "Raise hand");
    alice.awaitText("#meeting-me-box", "Your hand is raised: 1st in the queue.");

    // The chair sees Alice's hand, gives her the floor for two minutes.
    WebElement hand = chair.browser().await(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector(".queue-entry[data-user='" + aliceId + "']")));
    assertThat(hand.getText()).contains("Alice Large (Northwind)");
    chair.choose("console-speaking-time", "2 minutes");
    chair.press("#meeting-queue-section", "Give floor");

    alice.browser().await(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".meeting-floor.is-me")));
    assertThat(alice.text(".floor-holder")).isEqualTo("You have the floor.");
    assertThat(alice.awaitText(".floor-timer", "left").getText()).matches("[12]:\\d\\d left");
    alice.awaitText("#meeting-queue-section", "No hands raised.");
    assertThat(alice.text("#meeting-me-box")).contains("Raise hand");
    chair.awaitText(".floor-holder", "Alice Large (Northwind) has the floor.");
    // The room reads it too, as a line of the meeting's record.
    alice.awaitText(".room .messages", "Charlotte Chair gave the floor to Alice Large (Northwind) for 2 minutes.");

    // A refusal shows the server's typed reason where the chair pressed.
    chair.press("#console-floor", "Floor to the next speaker");
    assertThat(chair.awaitText("#console-floor-error", "nobody").getText()).isEqualTo("Not possible now: nobody is waiting to speak.");

    chair.press("#console-floor", "Take the floor back");
    alice.awaitText(".floor-holder", "Nobody has the floor.");
    assertThat(alice.browser().driver().findElement(By.cssSelector(".floor-timer")).isDisplayed()).isFalse();
  }

  @Test
  void theChairClosesTheMeetingWithAReasonThenEditsAndPublishesMinutesThatAppearInTheRooms() {
    ApiClient secasApi = server.as("secas");
    long board = MeetingPage.bodyId(secasApi, "CHANGE_BOARD");
    String title = "Change Board, May 2030";
    long meeting = MeetingPage.schedule(secasApi, board, title,
        List.of(item("MP215 Clarifying the Party Category of Affiliates", "MP215"), item("Any other business", null))).get("id").asLong();

    MeetingPage chair = MeetingPage.open(browsers.launch("secas", server.baseUrl()).signIn("secas"), "Change Board", meeting);
    chair.press("#console-meeting", "Open the meeting").awaitState("open");
    try (WsClient kate = MeetingPage.connect(server, "kate")) {
      ok(kate, "join_meeting", "meeting", meeting);
      chair.awaitText("#meeting-attendance-section", "Kate Kestrel");
      chair.press("#meeting-agenda-section", "Move here");
      chair.awaitText(".agenda-item.is-current", "MP215");
    }

    // Closing before every item was taken is refused without a reason; the refusal says so.
    chair.press("#console-meeting", "Close the meeting");
    assertThat(chair.awaitText("#console-meeting-error", "reason").getText())
        .isEqualTo("Please check the reason: closing before every agenda item was taken needs a reason.");
    chair.type("console-reason", "Any other business carried to June");
    chair.press("#console-meeting", "Close the meeting").awaitState("closed");
    chair.awaitText(".room .messages", "Any other business carried to June");

    // The minutes: generated from the record, edited, previewed safely, saved, published.
    chair.press("#meeting-minutes-section", "Edit and publish the minutes…");
    WebElement text = chair.browser().await(d -> {
      WebElement t = d.findElement(By.id("minutes-text"));
      return t.isEnabled() && t.getAttribute("value").startsWith("# Minutes: " + title) ? t : null;
    });
    assertThat(chair.text("#minutes-source")).startsWith("Generated from the meeting's record");
    assertThat(chair.text("#minutes-preview h3")).isEqualTo("Minutes: " + title);
    assertThat(chair.text("#minutes-preview")).contains("Kate Kestrel");
    String added = "The Board thanked the Working Group. **Noted.** <img src=x onerror=window.quorateXss=1>";
    text.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), Keys.ENTER, Keys.ENTER, added);
    chair.awaitText("#minutes-preview", "The Board thanked the Working Group.");
    assertThat(chair.text("#minutes-preview strong")).isNotBlank();
    assertThat(chair.browser().driver().findElements(By.cssSelector("#minutes-preview img"))).isEmpty();
    chair.press("#minutes-dialog-buttons", "Save draft");
    chair.awaitText(".minutes-status", "Draft saved.");
    assertThat(chair.text("#minutes-source")).startsWith("An edited draft.");
    chair.press("#minutes-dialog-buttons", "Publish…");
    chair.browser().click(
        By.xpath("//dialog[.//h2[normalize-space()='Publish the minutes?']]//button[normalize-space()='Publish']"));
    chair.awaitText(".minutes-status", "The minutes are published.");
    assertThat(chair.text("#minutes-source")).startsWith("Published");

    // A member reading the Change Board's (Amber) room finds them there; the Modification's Green room
    // on the agenda hears only that they are published, with a link, never their text.
    Browser alice = browsers.launch("alice", server.baseUrl()).signIn("alice");
    alice.openRoom("MP215 Clarifying");
    alice.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".room .messages"),
        "Minutes of the Change Board meeting of"));
    assertThat(alice.driver().findElements(By.cssSelector(".room .minutes-card"))).isEmpty();
    assertThat(alice.driver().findElement(By.cssSelector(".room .messages")).getText())
        .doesNotContain("The Board thanked the Working Group.");
    for (String room : List.of("Change Board")) {
      alice.openRoom(room);
      WebElement card = alice.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".room .minutes-card")));
      assertThat(card.getText()).contains("Minutes published: " + title, "by Sam Secretariat (SECAS)");
      card.findElement(By.tagName("summary")).click();
      WebElement body = alice.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".room .minutes-card .minutes-body h3")));
      assertThat(body.getText()).isEqualTo("Minutes: " + title);
      String minutes = card.findElement(By.cssSelector(".minutes-body")).getText();
      assertThat(minutes).contains("Any other business carried to June", "The Board thanked the Working Group. Noted. <img src=x onerror=window.quorateXss=1>");
      assertThat(card.findElements(By.tagName("img"))).isEmpty();
      assertThat(alice.script("return typeof window.quorateXss")).isEqualTo("undefined");
    }
    JsonNode published = secasApi.get("/api/meetings/" + meeting + "/minutes").json();
    assertThat(published.get("source").asText()).isEqualTo("published");
    assertThat(published.get("markdown").asText()).endsWith(added);
  }
}
