package org.quorate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;

/** The web client in real Chromium against a real server: signing in, discussing, staying safe. */
@DemoServer
class DiscussionBrowserIT {
  static final String MP210 = "MP210 Enduring";

  @RegisterExtension
  static final Browsers browsers = new Browsers();

  static TestServer server;

  @Test
  void signingInShowsTheRoomsGroupedByModificationStageAndBodyAndSigningOutReturnsToTheForm() {
    Browser alice = browsers.launch("alice", server.baseUrl()).open("/");
    alice.await(ExpectedConditions.elementToBeClickable(By.id("username"))).sendKeys("alice");
    alice.driver().findElement(By.id("password")).sendKeys("not-the-password", Keys.ENTER);
    WebElement error = alice.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#signin-error:not(:empty)")));
    assertThat(error.getText()).contains("do not match");

    alice.signIn("alice");
    // The list redraws when the registry arrives: read it once it shows every group, in one go.
    List<String> headings = alice.await(d -> {
      WebElement nav = d.findElement(By.id("room-nav"));
      String all = nav.getText();
      if (!all.contains("MP210 Working Group") || !all.contains("Refinement Process")) {
        return null;
      }
      return List.of(nav.findElement(By.id("group-modifications")).getText(), nav.findElement(By.id("stage-refinement")).getText(),
          nav.findElement(By.id("group-bodies")).getText(), all);
    });
    assertThat(headings.get(0)).isEqualToIgnoringCase("Modifications");
    assertThat(headings.get(1)).isEqualTo("Refinement Process");
    assertThat(headings.get(2)).isEqualToIgnoringCase("Bodies");
    assertThat(headings.get(3)).contains("MP210 Enduring approach", "MP215 Clarifying", "SEC Panel", "MP210 Working Group");
    // Alice is not on the Security Sub-Committee: its Amber room is not hers to see.
    assertThat(headings.get(3)).doesNotContain("Security Sub-Committee");

    alice.click(By.cssSelector(".sign-out"));
    alice.await(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    assertThat(alice.driver().findElement(By.id("signin-error")).getText()).contains("signed out");
  }

  @Test
  void aPostInOneBrowserAppearsInTheOtherAndAReplyAppearsInItsThread() {
    Browser alice = browsers.launch("alice", server.baseUrl()).signIn("alice").openRoom(MP210);
    Browser kate = browsers.launch("kate", server.baseUrl()).signIn("kate").openRoom(MP210);

    String question = "Should firmware updates be staged by region?";
    alice.post(question);
    alice.awaitMessage(question);
    WebElement seenByKate = kate.awaitMessage(question);
    assertThat(seenByKate.findElement(By.cssSelector(".msg-author")).getText()).isEqualTo("Alice Large (Northwind)");

    seenByKate.findElement(By.cssSelector("[data-focus^='reply-']")).click();
    kate.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".thread .thread-root"), question));
    String answer = "Yes, and Gas Networks should be consulted first.";
    kate.replyInThread(answer);
    kate.awaitThreadReply(answer);

    // Alice sees the thread grow under her message, and the reply inside the thread, not the stream.
    WebElement summary = alice.await(d -> {
      List<WebElement> s = alice.awaitMessage(question).findElements(By.cssSelector(".thread-summary"));
      return s.isEmpty() || !s.get(0).getText().startsWith("1 reply") ? null : s.get(0);
    });
    summary.click();
    WebElement reply = alice.awaitThreadReply(answer);
    assertThat(reply.findElement(By.cssSelector(".msg-author")).getText()).isEqualTo("Kate Kestrel");
    assertThat(alice.driver().findElement(By.cssSelector(".thread .thread-root")).getText()).contains(question);
    assertThat(alice.countInStream(answer)).isZero();
    assertThat(alice.countInStream(question)).isEqualTo(1);
  }

  @Test
  void aMemberTakenOffARoomSheHasOpenIsToldAtOnceAndCanNoLongerPostThere() {
    ApiClient admin = server.as("admin");
    long aliceId = ReadmeScreenshotsBrowserIT.userId(admin, "alice");
    JsonNode room = admin.post("/api/rooms", Map.of("name", "Firmware drafting group", "classification", "amber",
        "member_ids", List.of(aliceId))).json();
    Browser alice = browsers.launch("alice", server.baseUrl()).signIn("alice").openRoom("Firmware drafting group");

    // Alice is taken off the room while she has it open: the server ends her subscription at once
    // (access_lost), and the page says so and stops her posting instead of letting her try.
    assertThat(admin.delete("/api/rooms/" + room.get("id").asLong() + "/members/" + aliceId).status()).isEqualTo(200);
    WebElement notice = alice.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".room .room-notice")));
    assertThat(notice.getText()).startsWith("This room cannot be opened.");
    alice.await(d -> !d.findElement(By.cssSelector(".room .composer-text")).isEnabled());
    assertThat(alice.driver().findElements(By.cssSelector(".room .outbox > li"))).isEmpty();
  }

  @Test
  void htmlAndScriptInAMessageAreShownAsTextAndNeverRun() {
    Browser alice = browsers.launch("alice", server.baseUrl()).signIn("alice").openRoom(MP210);
    Browser eric = browsers.launch("eric", server.baseUrl()).signIn("eric").openRoom(MP210);

    String img = "<img src=x onerror=alert(1)>";
    String flag = "<img src=x onerror=window.quorateXss=1>";
    String link = "[click](javascript:alert(1))";
    String message = "Look " + img + " and " + flag + " then " + link + " but **this** is fine: [SEC](https://smartenergycodecompany.co.uk)";
    alice.post(message);

    for (Browser b : List.of(alice, eric)) {
      WebElement body = b.await(d -> b.driver().findElements(By.cssSelector(".room .messages .msg-body")).stream()
          .filter(e -> e.getText().contains("onerror")).findFirst().orElse(null));
      String text = body.getText();
      assertThat(text).contains(img, flag, link);
      assertThat(body.findElements(By.tagName("img"))).isEmpty();
      assertThat(body.findElement(By.tagName("strong")).getText()).isEqualTo("this");
      List<WebElement> links = body.findElements(By.tagName("a"));
      assertThat(links).hasSize(1);
      assertThat(links.get(0).getAttribute("href")).isEqualTo("https://smartenergycodecompany.co.uk/");
      assertThat(b.driver().findElements(By.cssSelector(".room img"))).isEmpty();
      assertThat(b.alertPresent()).as("an alert opened in %s's browser", b.name()).isFalse();
      assertThat(b.script("return typeof window.quorateXss")).isEqualTo("undefined");
    }
  }
}
