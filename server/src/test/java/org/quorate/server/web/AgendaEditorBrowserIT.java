package org.quorate.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.server.web.MeetingPage.item;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;

/**
 * The agenda editor in real Chromium: SECAS builds a meeting's agenda (adds an item about a
 * Modification, reorders with the keyboard, renames, withdraws), attaches papers, and sees a paper
 * published under 5 Working Days before the meeting flagged Late; a member is not offered the editor.
 */
@DemoServer
class AgendaEditorBrowserIT {
  @RegisterExtension
  static final Browsers browsers = new Browsers();

  static TestServer server;

  @Test
  void secasBuildsAndReordersAnAgendaWithTheKeyboardAndALatePaperIsFlagged() {
    ApiClient secas = server.as("secas");
    long meeting = meetingInThreeDays(secas, "Change Board, agenda");

    MeetingPage panel = MeetingPage.open(browsers.launch("secas", server.baseUrl()).signIn("secas"), "Change Board", meeting);
    Browser b = panel.browser();
    b.click(By.id("meeting-agenda-edit"));
    b.await(ExpectedConditions.textToBePresentInElementLocated(By.id("agenda-items"), "3. Any other business"));
    assertThat(b.driver().getCurrentUrl()).endsWith("#/meetings/" + meeting + "/agenda");

    // A new item about DP230, before "Any other business".
    b.driver().findElement(By.id("agenda-new-title")).sendKeys("DP230 Digital postal votes");
    new Select(b.driver().findElement(By.id("agenda-new-modification"))).selectByValue("DP230");
    new Select(b.driver().findElement(By.id("agenda-new-position"))).selectByVisibleText("Before item 3: Any other business");
    b.driver().findElement(By.id("agenda-new-title")).sendKeys(Keys.ENTER);
    b.await(ExpectedConditions.textToBePresentInElementLocated(By.id("agenda-items"), "3. DP230 Digital postal votes DP230"));
    assertThat(titles(secas, meeting)).containsExactly("Apologies", "MP215 Clarifying the Party Category of Affiliates",
        "DP230 Digital postal votes", "Any other business");
    assertThat(secas.get("/api/meetings/" + meeting).json().get("agenda").get(2).get("modification_id").asText()).isEqualTo("DP230");

    // Reordering with the keyboard: Enter on "Move up" twice takes DP230 to the top; focus stays with the item.
    WebElement up = b.driver().findElement(By.cssSelector("[aria-label='Move item 3: DP230 Digital postal votes up']"));
    b.script("arguments[0].focus()", up);
    b.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
    b.await(ExpectedConditions.textToBePresentInElementLocated(By.id("agenda-items"), "2. DP230 Digital postal votes"));
    b.await(d -> "Move item 2: DP230 Digital postal votes up".equals(d.switchTo().activeElement().getAttribute("aria-label")));
    b.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
    b.await(ExpectedConditions.textToBePresentInElementLocated(By.id("agenda-items"), "1. DP230 Digital postal votes"));
    // At the top there is no "Move up": the keyboard is on the item's "Move down".
    b.await(d -> "Move item 1: DP230 Digital postal votes down".equals(d.switchTo().activeElement().getAttribute("aria-label")));
    b.await(ExpectedConditions.textToBePresentInElementLocated(By.id("agenda-status"), "Moved “DP230 Digital postal votes” to position 1."));
    assertThat(titles(secas, meeting)).containsExactly("DP230 Digital postal votes", "Apologies",
        "MP215 Clarifying the Party Category of Affiliates", "Any other business");

    // Renaming an item keeps its place.
    b.click(By.cssSelector("[aria-label='Edit item 2: Apologies']"));
    WebElement title = b.await(ExpectedConditions.elementToBeClickable(By.id("agenda-edit-" + itemId(secas, meeting, 2) + "-title")));
    title.clear();
    title.sendKeys("Apologies and the minutes of the last meeting", Keys.ENTER);
    b.await(ExpectedConditions.textToBePresentInElementLocated(By.id("agenda-items"), "2. Apologies and the minutes of the last meeting"));

    // Withdrawing an item not yet taken renumbers the rest.
    b.click(By.cssSelector("[aria-label='Withdraw item 4: Any other business']"));
    b.await(ExpectedConditions.invisibilityOfElementWithText(By.cssSelector("#agenda-items .agenda-title"), "4. Any other business"));
    assertThat(titles(secas, meeting)).hasSize(3).doesNotContain("Any other business");

    // A paper published now, three days before the meeting, is late; the one published a month ago is not.
    b.driver().findElement(By.id("agenda-link-title")).sendKeys("DP230 DCC cost annex");
    b.driver().findElement(By.id("agenda-link-url")).sendKeys("https://example.org/dp230-cost-annex.pdf");
    new Select(b.driver().findElement(By.id("agenda-link-item"))).selectByVisibleText("Item 1: DP230 Digital postal votes");
    b.driver().findElement(By.id("agenda-link-url")).sendKeys(Keys.ENTER);
    b.await(ExpectedConditions.textToBePresentInElementLocated(By.id("agenda-status"), "Published “DP230 DCC cost annex”: it is late."));
    WebElement annex = b.await(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//ul[@id='agenda-papers']/li[.//a[normalize-space()='DP230 DCC cost annex']]")));
    assertThat(annex.getText()).contains("Late", "for item 1");
    WebElement report = b.driver().findElement(By.xpath("//ul[@id='agenda-papers']/li[.//a[normalize-space()='MP215 Modification Report']]"));
    assertThat(report.getText()).doesNotContain("Late").contains("for item 3");
    assertThat(b.driver().findElement(By.cssSelector("#agenda-items li[data-item='" + itemId(secas, meeting, 1) + "']")).getText())
        .contains("DP230 DCC cost annex", "Late");
    assertThat(b.driver().findElement(By.id("agenda-papers-due")).getText()).startsWith("Papers are due by the end of ");
    JsonNode papers = secas.get("/api/meetings/" + meeting + "/papers").json();
    assertThat(papers.findValuesAsText("title")).containsExactly("MP215 Modification Report", "DP230 DCC cost annex");
    assertThat(papers.get(1).get("late").asBoolean()).isTrue();

    // A member reads the agenda in the meeting but is not offered the editor.
    MeetingPage kate = MeetingPage.open(browsers.launch("kate", server.baseUrl()).signIn("kate"), "Change Board", meeting);
    kate.awaitText("#meeting-agenda-section", "1. DP230 Digital postal votes");
    assertThat(kate.browser().driver().findElement(By.id("meeting-agenda-edit")).isDisplayed()).isFalse();
  }

  /**
   * A Change Board meeting three days from now (so a paper published now is late) with three items
   * and one paper published a month ago for the MP215 item (on time).
   */
  static long meetingInThreeDays(ApiClient secas, String title) {
    long board = MeetingPage.bodyId(secas, "CHANGE_BOARD");
    ApiClient.Response r = secas.post("/api/meetings", Map.of("body_id", board, "title", title,
        "scheduled_start", Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).toString(),
        "agenda", List.of(item("Apologies", null), item("MP215 Clarifying the Party Category of Affiliates", "MP215"),
            item("Any other business", null))));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    long meeting = r.json().get("id").asLong();
    ApiClient.Response paper = secas.post("/api/meetings/" + meeting + "/papers", Map.of("title", "MP215 Modification Report",
        "url", "https://example.org/mp215-modification-report.pdf", "agenda_item_id", itemId(secas, meeting, 2),
        "published_at", Instant.now().minus(30, ChronoUnit.DAYS).toString()));
    assertThat(paper.status()).as(paper.toString()).isEqualTo(201);
    return meeting;
  }

  static long itemId(ApiClient api, long meeting, int position) {
    return MeetingPage.itemId(api, meeting, position);
  }

  static List<String> titles(ApiClient api, long meeting) {
    List<String> out = new ArrayList<>();
    api.get("/api/meetings/" + meeting).json().get("agenda").forEach(i -> out.add(i.get("title").asText()));
    return out;
  }
}
