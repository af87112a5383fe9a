package org.quorate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * Proxies and alternates in the browser (a Party representative appoints one for a member's seat on
 * one decision; the member and the proxy both see it; the member's ballot form says why it is
 * blocked until the member revokes it) and recusal (a member declares a conflict with a reason and
 * the quoracy gauge counts a smaller base, in their browser and another's).
 */
@DemoServer
class ProxiesAndRecusalBrowserIT {
  @RegisterExtension
  static final Browsers browsers = new Browsers();

  static TestServer server;

  @Test
  void aPartyRepresentativeAppointsAProxyBothSeeItTheMembersBallotIsBlockedUntilTheMemberRevokesIt() throws Exception {
    ApiClient admin = server.as("admin");
    long kestrel = partyId(admin, "Kestrel Energy Ltd");
    assertThat(admin.post("/api/users", Map.of("username", "nora", "display_name", "Nora Kestrel (representative)",
        "password", TestServer.DEMO_PASSWORD, "party_id", kestrel, "roles", List.of("party_representative"))).status()).isEqualTo(201);
    long decision = openPanelDecision("Should the Panel send MP210 to the Report Phase?");

    Browser nora = browsers.launch("nora", server.baseUrl()).signIn("nora");
    nora.click(By.id("proxies-link"));
    WebElement body = nora.await(ExpectedConditions.elementToBeClickable(By.id("proxy-body")));
    new Select(body).selectByVisibleText("SEC Panel");
    new Select(nora.driver().findElement(By.id("proxy-principal"))).selectByVisibleText("Kate Kestrel, Small Supplier Member");
    new Select(nora.driver().findElement(By.id("proxy-proxy"))).selectByVisibleText("Arthur Albion");
    new Select(nora.driver().findElement(By.id("proxy-scope"))).selectByVisibleText("One decision");
    new Select(nora.await(ExpectedConditions.elementToBeClickable(By.id("proxy-decision"))))
        .selectByVisibleText("Should the Panel send MP210 to the Report Phase?");
    nora.click(By.cssSelector("#proxy-form button[type=submit]"));
    nora.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#proxy-form .form-status"),
        "Arthur Albion now votes for Kate Kestrel (decision: Should the Panel send MP210 to the Report Phase?)."));

    // The member's ballot form says why it is blocked, and where to change that.
    Browser kate = browsers.launch("kate", server.baseUrl()).signIn("kate").openRoom("MP210 Enduring");
    String blocked = "#decision-" + decision + "-blocked-box";
    kate.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(blocked),
        "Arthur Albion holds your seat as proxy for this decision (appointed by Nora Kestrel (representative))"));
    assertThat(kate.driver().findElements(By.cssSelector("#decision-" + decision + " .ballot-form"))).isEmpty();

    // Both the member and the proxy see the appointment.
    Browser arthur = browsers.launch("arthur", server.baseUrl()).signIn("arthur").open("/#/proxies");
    assertThat(proxyRow(arthur, "Kate Kestrel")).contains("Arthur Albion").contains("In force")
        .contains("Should the Panel send MP210 to the Report Phase?");
    kate.open("/#/proxies");
    assertThat(proxyRow(kate, "Kate Kestrel")).contains("Arthur Albion").contains("In force");
    kate.script("document.activeElement && document.activeElement.blur()");
    RegistryAdminBrowserIT.save(kate, "proxies.png");

    // The member revokes it; their ballot form is back.
    kate.click(By.cssSelector(".proxies-table button[data-proxy]"));
    kate.click(By.cssSelector("dialog button[value=ok]"));
    kate.await(d -> proxyRow(kate, "Kate Kestrel").contains("Revoked") ? true : null);
    kate.openRoom("MP210 Enduring");
    kate.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#decision-" + decision + " .ballot-form")));
    assertThat(kate.driver().findElements(By.cssSelector(blocked))).isEmpty();
  }

  @Test
  void aMemberDeclaresAConflictWithAReasonAndTheQuoracyBaseShrinksForEveryone() {
    long decision = openPanelDecision("Should the Panel approve the MP210 firmware test plan?");
    Browser eric = browsers.launch("eric", server.baseUrl()).signIn("eric").openRoom("MP210 Enduring");
    Browser alice = browsers.launch("alice", server.baseUrl()).signIn("alice").openRoom("MP210 Enduring");
    int before = base(eric, decision);
    assertThat(base(alice, decision)).isEqualTo(before);

    DecisionsBrowserIT.act(eric, "[data-focus='recuse-" + decision + "']", WebElement::click);
    WebElement reason = eric.await(ExpectedConditions.elementToBeClickable(By.id("reason-text")));
    eric.click(By.cssSelector("dialog button[value=ok]"));
    eric.await(ExpectedConditions.textToBePresentInElementLocated(By.id("reason-error"), "Say what the conflict is"));
    assertThat(reason.getAttribute("aria-describedby")).isEqualTo("reason-error");
    reason.sendKeys("Midlands Distribution supplies the test laboratory");
    eric.click(By.cssSelector("dialog button[value=ok]"));

    eric.await(d -> base(eric, decision) == before - 1 ? true : null);
    alice.await(d -> base(alice, decision) == before - 1 ? true : null);
    eric.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#decision-" + decision + "-blocked-box"),
        "You declared a conflict of interest: “Midlands Distribution supplies the test laboratory”."));
    assertThat(eric.driver().findElements(By.cssSelector("#decision-" + decision + " .ballot-form"))).isEmpty();
    assertThat(DecisionsBrowserIT.text(alice, "#decision-" + decision + " .decision-changes"))
        .contains("recorded a recusal (Eric Electricity (Midlands)").contains("Midlands Distribution supplies the test laboratory");
    assertThat(DecisionsBrowserIT.text(alice, "#decision-" + decision + " .quoracy-head")).contains("of " + (before - 1) + " taking part");
  }

  // ---- helpers ----

  static long openPanelDecision(String question) {
    try (WsClient secas = WsClient.connect(server.port(), server.as("secas").token())) {
      Map<String, Object> cmd = new HashMap<>(Map.of("type", "open_decision", "body", "PANEL", "modification_id", "MP210",
          "question", question, "kind", "asynchronous", "visibility", "open", "closes_in_working_days", 5));
      JsonNode ack = secas.request(cmd);
      assertThat(WsClient.type(ack)).as(ack.toString()).isEqualTo("ack");
      return ack.get("message_id").asLong();
    }
  }

  static long partyId(ApiClient api, String name) {
    for (JsonNode p : api.get("/api/parties").json()) {
      if (p.get("name").asText().equals(name)) {
        return p.get("id").asLong();
      }
    }
    throw new AssertionError("no Party " + name);
  }

  /** The quorum base the card's gauge shows (read in one script: the card is redrawn as the decision changes). */
  static int base(Browser b, long decision) {
    Object v = b.await(d -> b.script("return document.querySelector(arguments[0])?.dataset.base",
        "#decision-" + decision + " [role='meter']"));
    return Integer.parseInt(String.valueOf(v));
  }

  static String proxyRow(Browser b, String member) {
    return RegistryAdminBrowserIT.rowText(b, ".proxies-table", member);
  }
}
