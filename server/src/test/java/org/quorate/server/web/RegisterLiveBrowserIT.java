package org.quorate.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.server.web.DecisionsBrowserIT.ballot;
import static org.quorate.server.web.DecisionsBrowserIT.open;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** A Modification's register page in real Chromium follows its decisions live: ballots, a close, a new decision, in order. */
@DemoServer
class RegisterLiveBrowserIT {
  @RegisterExtension
  static final Browsers browsers = new Browsers();

  static TestServer server;

  @Test
  void theRegisterPageShowsBallotsTheCloseAndANewDecisionAsTheyHappenWithoutAReload() {
    try (WsClient secas = connect("secas"); WsClient alice = connect("alice"); WsClient kate = connect("kate");
        WsClient eric = connect("eric"); WsClient gary = connect("gary")) {
      long first = open(secas, "PANEL", "MP210", "Should MP210 go to the Report Phase?", "open", false);
      alice.request(ballot(first, "approve", "Regional waves reduce the risk"));

      Browser page = browsers.launch("kate", server.baseUrl()).signIn("kate").open("/#/register/MP210");
      String entry = ".register-decision[data-decision-id='" + first + "']";
      page.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(entry), "Open for ballots"));
      page.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(entry), "Regional waves reduce the risk"));
      // Anything the page keeps in memory survives only if nothing reloads it.
      page.script("window.__notReloaded = true");

      kate.request(ballot(first, "approve", "Small Suppliers can plan around the waves"));
      eric.request(ballot(first, "reject", "DNO outage windows are not agreed yet"));
      page.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(entry), "DNO outage windows are not agreed yet"));
      gary.request(ballot(first, "abstain", "No view from Gas Networks"));
      assertThat(WsClient.type(secas.request(Map.of("type", "change_decision", "decision_id", first, "change", "close",
          "reason", "The Panel has enough views")))).isEqualTo("ack");
      page.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(entry + " .decision-status"), "Carried"));
      page.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".register [role='status']"),
          "A decision closed: the register is up to date."));

      // Ballots and reasons in the order they were cast.
      List<String> reasons = page.driver().findElements(By.cssSelector(entry + " .ballot-reason")).stream().map(WebElement::getText).toList();
      assertThat(reasons).containsExactly("Regional waves reduce the risk", "Small Suppliers can plan around the waves",
          "DNO outage windows are not agreed yet", "No view from Gas Networks");

      // A decision opened later comes after it.
      long second = open(secas, "PANEL", "MP210", "Should the Panel send MP210 to the Authority?", "open", false);
      page.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".register-decision[data-decision-id='" + second + "']")));
      List<String> order = page.driver().findElements(By.cssSelector(".register-decision")).stream()
          .map(e -> e.getAttribute("data-decision-id")).toList();
      assertThat(order.indexOf(String.valueOf(first))).isLessThan(order.indexOf(String.valueOf(second)));
      assertThat(page.script("return window.__notReloaded === true")).isEqualTo(true);
    }
  }

  static WsClient connect(String user) {
    return WsClient.connect(server.port(), server.as(user).token());
  }
}
