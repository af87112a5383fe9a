package org.quorate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** Decision cards and the Modification Register in real Chromium: live tallies, sealed ballots, moderation, CSV. */
@DemoServer
class DecisionsBrowserIT {
  @RegisterExtension
  static final Browsers browsers = new Browsers();

  static TestServer server;

  @Test
  void aBallotInOneBrowserUpdatesTheTallyAndTheQuoracyGaugeInTheOther() {
    long decision;
    try (WsClient secas = connect("secas")) {
      decision = open(secas, "PANEL", "MP210", "Should MP210 go to the Report Phase?", "open", false);
    }
    Browser alice = browsers.launch("alice", server.baseUrl()).signIn("alice").openRoom("MP210 Enduring");
    Browser kate = browsers.launch("kate", server.baseUrl()).signIn("kate").openRoom("MP210 Enduring");
    awaitGauge(alice, decision, 0);
    assertThat(tally(alice, decision, "approve")).isEqualTo("0");

    castBallot(kate, decision, "approve", "Staged waves suit small suppliers", "d");
    kate.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(card(decision) + " .my-ballot"), "You voted Approve"));

    awaitGauge(alice, decision, 1);
    alice.await(d -> "1".equals(tally(alice, decision, "approve")));
    assertThat(text(alice, card(decision) + " tr[data-category='small_supplier'] td[data-tally='approve']")).isEqualTo("1");
    assertThat(text(alice, card(decision) + " .quoracy-sentence")).contains("1 of 6");
    assertThat(text(alice, card(decision) + " .quoracy-forecast")).contains("needs 3 more");
    assertThat(text(alice, card(decision) + " .ballot-list .ballot")).contains("Kate Kestrel", "Approve", "Staged waves suit small suppliers", "Objectives (d)");

    castBallot(alice, decision, "reject", "Network impact not yet assessed", null);
    awaitGauge(kate, decision, 2);
    kate.await(d -> "1".equals(tally(kate, decision, "reject")));
    assertThat(tally(kate, decision, "approve")).isEqualTo("1");

    // Kate withdraws: Alice sees her approval and her participation go.
    act(kate, card(decision) + " [data-focus='withdraw-" + decision + "']", WebElement::click);
    kate.click(By.cssSelector("dialog button[value='ok']"));
    awaitGauge(alice, decision, 1);
    alice.await(d -> "0".equals(tally(alice, decision, "approve")));
    assertThat(alice.driver().findElements(By.cssSelector(card(decision) + " .ballot-list .ballot"))).hasSize(1);
  }

  @Test
  void aSealedDecisionShowsNoChoiceOrReasonInAnotherBrowserBeforeTheClose() {
    long decision;
    try (WsClient secas = connect("secas")) {
      decision = open(secas, "PANEL", "MP215", "Should MP215 be approved?", "sealed", true);
    }
    Browser alice = browsers.launch("alice", server.baseUrl()).signIn("alice").openRoom("MP215 Clarifying");
    Browser kate = browsers.launch("kate", server.baseUrl()).signIn("kate").openRoom("MP215 Clarifying");
    awaitGauge(kate, decision, 0);

    // A reason is required: the form says so before anything is sent.
    act(kate, card(decision) + " input[value='reject']", WebElement::click);
    act(kate, card(decision) + " [data-focus='cast-" + decision + "']", WebElement::click);
    kate.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(card(decision) + " .ballot-form .form-error"),
        "asks every voter for a reason"));
    assertThat(kate.script("return document.activeElement.id")).isEqualTo("decision-" + decision + "-reason");
    castBallot(kate, decision, null, "sealed reasoning kappa", null);
    kate.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(card(decision) + " .my-ballot"), "You voted Reject"));
    assertThat(text(kate, card(decision) + " .my-ballot")).contains("Only you can see it until the close");

    awaitGauge(alice, decision, 1);
    alice.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(card(decision) + " .sealed-note"), "1 ballot received"));
    assertThat(alice.driver().findElements(By.cssSelector(card(decision) + " .ballot-list, " + card(decision) + " .tally-legend, "
        + card(decision) + " .tally-table, " + card(decision) + " .ballot-choice"))).isEmpty();
    assertThat((String) alice.script("return document.body.innerText")).doesNotContain("kappa");

    try (WsClient secas = connect("secas"); WsClient eric = connect("eric"); WsClient gary = connect("gary");
        WsClient oscar = connect("oscar")) {
      for (WsClient voter : List.of(eric, gary, oscar)) {
        assertThat(WsClient.type(voter.request(Map.of("type", "cast_ballot", "decision_id", decision, "choice", "approve",
            "reason", "Affiliates are clearer")))).isEqualTo("ack");
      }
      awaitGauge(alice, decision, 4);
      assertThat((String) alice.script("return document.body.innerText")).doesNotContain("kappa").doesNotContain("Affiliates are clearer");
      // Whether it is quorate depends on the choices: the card tells only the ballots received until the close.
      assertThat(text(alice, card(decision) + " .quoracy-head")).contains("Counted at the close", "4 of 6 ballots received")
          .doesNotContain("uorate");
      assertThat(WsClient.type(secas.request(Map.of("type", "change_decision", "decision_id", decision, "change", "close",
          "reason", "Every category needed has voted")))).isEqualTo("ack");
    }
    alice.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(card(decision) + " .decision-result"), "Result: Carried"));
    alice.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(card(decision) + " .ballot-list"), "sealed reasoning kappa"));
    assertThat(tally(alice, decision, "reject")).isEqualTo("1");
    assertThat(tally(alice, decision, "approve")).isEqualTo("3");
  }

  @Test
  void aModeratorOpensADecisionFromTheRoomAndClosesItWithARecordedReason() {
    Browser secas = browsers.launch("secas", server.baseUrl()).signIn("secas").openRoom("MP210 Working Group");
    secas.click(By.cssSelector(".room-header .open-decision"));
    WebElement question = secas.await(ExpectedConditions.elementToBeClickable(By.id("open-decision-question")));
    assertThat(new Select(secas.driver().findElement(By.id("open-decision-body")))
        .getFirstSelectedOption().getText()).isEqualTo("MP210 Working Group (WG_MP210)");
    question.sendKeys("Should the Working Group recommend regional waves?");
    WebElement days = secas.driver().findElement(By.id("open-decision-days"));
    days.clear();
    days.sendKeys("3");
    secas.click(By.cssSelector("dialog button[type='submit']"));

    // The new card comes into view with focus on its question.
    String focused = secas.await(d -> (String) secas.script("const a = document.activeElement;"
        + " return a && a.classList.contains('decision-question') ? a.id + '|' + a.textContent : null"));
    assertThat(focused).endsWith("|Should the Working Group recommend regional waves?");
    long decision = Long.parseLong(focused.substring(0, focused.indexOf('|')).replaceAll("\\D", ""));
    secas.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(card(decision) + " .decision-deadline"),
        "3 Working Days left"));
    assertThat(text(secas, ".room-header .open-decisions")).contains("Should the Working Group recommend regional waves?");

    try (WsClient alice = connect("alice"); WsClient kate = connect("kate"); WsClient eric = connect("eric")) {
      for (WsClient voter : List.of(alice, kate, eric)) {
        voter.request(Map.of("type", "cast_ballot", "decision_id", decision, "choice", "approve", "reason", "Waves reduce risk"));
      }
    }
    awaitGauge(secas, decision, 3);
    WebElement confirm = openDialogWith(secas, card(decision) + " [data-focus='close-" + decision + "']");
    confirm.click();
    secas.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("dialog .form-error"), "A reason is required"));
    secas.driver().findElement(By.id("decision-change-reason")).sendKeys("Three of four Voting Groups agree");
    confirm.click();

    secas.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(card(decision) + " .decision-result"), "Result: Carried"));
    assertThat(text(secas, card(decision) + " .decision-result"))
        .contains("Closed early by Sam Secretariat (SECAS): Three of four Voting Groups agree");
    assertThat(secas.driver().findElements(By.cssSelector(card(decision) + " .decision-moderation button"))).isEmpty();
    secas.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".room .decision-line"), "closed — Carried"));
    secas.await(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".room-header .open-decisions")));
  }

  @Test
  void theRegisterListsAClosedDecisionsReasonsAndItsCsvDownloadHasThem(@TempDir Path downloads) throws Exception {
    long decision;
    try (WsClient secas = connect("secas"); WsClient alice = connect("alice"); WsClient kate = connect("kate");
        WsClient eric = connect("eric"); WsClient gary = connect("gary")) {
      decision = open(secas, "PANEL", "DP230", "Should DP230 be raised as a Modification Proposal?", "open", false);
      alice.request(ballot(decision, "approve", "Postal votes save a meeting, with a comma"));
      kate.request(ballot(decision, "approve", "Small Parties can vote ahead"));
      eric.request(ballot(decision, "reject", "Quoracy of postal ballots unclear"));
      gary.request(ballot(decision, "abstain", "No view from Gas Networks"));
      assertThat(WsClient.type(secas.request(Map.of("type", "change_decision", "decision_id", decision, "change", "close",
          "reason", "Enough views")))).isEqualTo("ack");
    }
    Browser kate = browsers.launch("kate", server.baseUrl()).signIn("kate").openRoom("DP230 Digital");
    kate.click(By.cssSelector(".room-header .register-link"));
    WebElement entry = kate.await(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector(".register-decision[data-decision-id='" + decision + "']")));
    assertThat(kate.driver().getCurrentUrl()).endsWith("#/register/DP230");
    assertThat(entry.getText()).contains("Should DP230 be raised as a Modification Proposal?", "Carried",
        "Postal votes save a meeting, with a comma", "Small Parties can vote ahead", "Quoracy of postal ballots unclear",
        "No view from Gas Networks", "Eric Electricity (Midlands)");

    kate.driver().executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    kate.await(ExpectedConditions.textToBePresentInElementLocated(By.id("register-csv"), "Download CSV"));
    WebElement csv = kate.driver().findElement(By.id("register-csv"));
    assertThat(csv.getAttribute("href")).startsWith("blob:");
    csv.click();
    Path file = downloads.resolve("DP230-register.csv");
    kate.await(Duration.ofSeconds(15), d -> Files.isRegularFile(file) ? file : null);
    String text = kate.await(d -> {
      try {
        String s = Files.readString(file, StandardCharsets.UTF_8);
        return s.contains("\r\n") ? s : null;
      } catch (java.io.IOException e) {
        return null;
      }
    });
    assertThat(text).startsWith("decision_id,item,body,question")
        .contains("\"Postal votes save a meeting, with a comma\"", "Small Parties can vote ahead", "Quoracy of postal ballots unclear",
            "No view from Gas Networks", "carried");
  }

  // ---- helpers ----

  static WsClient connect(String user) {
    return WsClient.connect(server.port(), server.as(user).token());
  }

  @Test
  void aQuestionWithItsOwnOptionsOffersThemAndCountsEachInTheOtherBrowser() {
    long decision;
    try (WsClient secas = connect("secas")) {
      Map<String, Object> cmd = new HashMap<>(Map.of("type", "open_decision", "body", "PANEL", "modification_id", "MP210",
          "question", "Which date for the MP210 workshop?", "kind", "asynchronous", "closes_in_working_days", 5,
          "options", List.of("Tuesday 12 January", "Thursday 14 January")));
      JsonNode ack = secas.request(cmd);
      assertThat(WsClient.type(ack)).as(ack.toString()).isEqualTo("ack");
      decision = ack.get("message_id").asLong();
    }
    Browser alice = browsers.launch("alice", server.baseUrl()).signIn("alice").openRoom("MP210 Enduring");
    Browser kate = browsers.launch("kate", server.baseUrl()).signIn("kate").openRoom("MP210 Enduring");
    awaitGauge(kate, decision, 0);
    assertThat(kate.driver().findElements(By.cssSelector(card(decision) + " input[value='approve']"))).isEmpty();

    castBallot(kate, decision, "Thursday 14 January", "Avoids the Monday release", null);
    kate.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(card(decision) + " .my-ballot"),
        "You voted Thursday 14 January"));
    awaitGauge(alice, decision, 1);
    alice.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(card(decision) + " .tally-options"),
        "Thursday 14 January 1"));
    assertThat(text(alice, card(decision) + " .tally-options")).contains("Tuesday 12 January 0");
  }

  static long open(WsClient moderator, String body, String modification, String question, String visibility, boolean reasons) {
    Map<String, Object> cmd = new HashMap<>(Map.of("type", "open_decision", "body", body, "modification_id", modification,
        "question", question, "kind", "asynchronous", "visibility", visibility, "closes_in_working_days", 5,
        "reasons_required", reasons));
    JsonNode ack = moderator.request(cmd);
    assertThat(WsClient.type(ack)).as(ack.toString()).isEqualTo("ack");
    return ack.get("message_id").asLong();
  }

  static Map<String, Object> ballot(long decision, String choice, String reason) {
    return Map.of("type", "cast_ballot", "decision_id", decision, "choice", choice, "reason", reason);
  }

  static String card(long decision) {
    return "#decision-" + decision;
  }

  /** Fills the card's ballot form as a user would (choice, reason, one objective) and sends it. */
  static void castBallot(Browser b, long decision, String choice, String reason, String objective) {
    String c = card(decision);
    if (choice != null) {
      act(b, c + " input[value='" + choice + "']", WebElement::click);
    }
    act(b, "#decision-" + decision + "-reason", box -> {
      box.clear();
      box.sendKeys(reason);
    });
    if (objective != null) {
      act(b, c + " .ballot-objectives input[value='" + objective + "']", WebElement::click);
    }
    act(b, c + " [data-focus='cast-" + decision + "']", WebElement::click);
  }

  /**
   * Does something to an element of a card. A card is redrawn whenever its decision changes (what
   * was typed survives), so an element found a moment ago may be gone: find it again and retry.
   */
  static void act(Browser b, String css, java.util.function.Consumer<WebElement> action) {
    b.await(d -> {
      try {
        action.accept(d.findElement(By.cssSelector(css)));
        return true;
      } catch (StaleElementReferenceException e) {
        return null;
      }
    });
  }

  /**
   * Clicks the button until its dialog is open and returns the dialog's submit button: a click that
   * lands while the card is being redrawn (a late tally) can hit the outgoing button and open nothing.
   */
  static WebElement openDialogWith(Browser b, String buttonCss) {
    return b.await(d -> {
      for (WebElement submit : d.findElements(By.cssSelector("dialog[open] button[type='submit']"))) {
        if (submit.isDisplayed() && submit.isEnabled()) {
          return submit;
        }
      }
      try {
        d.findElement(By.cssSelector(buttonCss)).click();
      } catch (org.openqa.selenium.ElementClickInterceptedException | org.openqa.selenium.NoSuchElementException e) {
        // A dialog opening over it, or the card mid-redraw: looked at again on the next poll.
      }
      return null;
    });
  }

  /** Waits until the card's quoracy meter says this many take part (read in one script: the card may be redrawn meanwhile). */
  static void awaitGauge(Browser b, long decision, int participating) {
    b.await(d -> String.valueOf(participating).equals(b.script("return document.querySelector(arguments[0])?.getAttribute('aria-valuenow')",
        card(decision) + " [role='meter']")));
  }

  static String tally(Browser b, long decision, String choice) {
    try {
      List<WebElement> count = b.driver().findElements(By.cssSelector(card(decision) + " .tally-legend [data-tally='" + choice + "'] .count"));
      return count.isEmpty() ? null : count.get(0).getText();
    } catch (StaleElementReferenceException e) {
      return null;
    }
  }

  /** The text of an element of a card, which is redrawn whenever its decision changes. */
  static String text(Browser b, String css) {
    return b.await(d -> {
      try {
        return d.findElement(By.cssSelector(css)).getText();
      } catch (StaleElementReferenceException e) {
        return null;
      }
    });
  }
}
