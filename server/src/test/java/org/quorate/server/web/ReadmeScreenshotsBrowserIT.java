package org.quorate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * Takes the README's screenshots from the demo data, so they always show the client as it is:
 * {@code docs/screenshots/room-view.png} (laptop), {@code room-view-phone.png} and
 * {@code decision-card.png} (a SEC Panel decision with a few ballots, in the Panel's room).
 */
@DemoServer
class ReadmeScreenshotsBrowserIT {
  @RegisterExtension
  static final Browsers browsers = new Browsers();

  static TestServer server;

  @Test
  void theRoomViewWithADiscussionAndAThreadIsCapturedForTheReadme() throws Exception {
    ApiClient admin = server.as("alice");
    long room = ReconnectBrowserIT.roomOf(admin, "MP210");
    long aliceId = userId(admin, "alice");
    String proposal = "Proposal: stage firmware updates by region, starting with the **North West** in Q3.\n"
        + "Draft plan for the Working Group: https://example.org/mp210/regional-plan";
    try (WsClient alice = connect("alice"); WsClient kate = connect("kate"); WsClient eric = connect("eric");
        WsClient gary = connect("gary"); WsClient secas = connect("secas")) {
      kate.subscribe(room, null);
      eric.subscribe(room, null);
      long root = alice.post(room, proposal.replace("Q3", "Q2")).get("message_id").asLong();
      alice.request(Map.of("type", "edit_message", "room", room, "message_id", root, "body", proposal));
      kate.request(Map.of("type", "post_message", "room", room, "thread_root", root,
          "body", "Small Suppliers need 20 Working Days' notice of each wave. @alice can the plan say so?",
          "mentions", List.of(Map.of("kind", "user", "ref", String.valueOf(aliceId)))));
      eric.request(Map.of("type", "post_message", "room", room, "thread_root", root,
          "body", "Agreed. DNOs can publish outage windows alongside the `SMETS2` change notices."));
      gary.request(Map.of("type", "post_message", "room", room,
          "body", "@gas_network Parties: please check the interaction with gas meter firmware (see *MP215*).",
          "mentions", List.of(Map.of("kind", "category", "ref", "gas_network"))));
      secas.request(Map.of("type", "pin_message", "room", room, "message_id", root, "pinned", true));
      eric.post(room, "I will circulate the regional breakdown before the next Working Group meeting.");

      Browser page = browsers.launch("alice", server.baseUrl(), Browsers.LAPTOP).signIn("alice").openRoom("MP210 Enduring");
      page.awaitMessage("I will circulate the regional breakdown before the next Working Group meeting.");
      page.click(By.cssSelector("#msg-" + root + " .thread-summary"));
      page.awaitThreadReply("Agreed. DNOs can publish outage windows alongside the SMETS2 change notices.");
      page.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".presence-list"), "Kate Kestrel"));
      // Reading the newest messages marks the room read: its unread badge goes.
      page.await(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("a[data-room='" + room + "'] .badge-unread")));
      gary.subscribe(room, null);
      gary.sendJson(Map.of("type", "typing", "room", room));
      page.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".room .typing-line"), "Gary Gas (Southern) is typing"));
      // Screenshots must not show focus rings or a caret from the last click.
      page.script("document.activeElement && document.activeElement.blur()");
      Path laptop = docs().resolve("room-view.png");
      page.saveScreenshot(laptop);

      Browser phone = browsers.launch("kate-phone", server.baseUrl(), Browsers.PHONE).signIn("kate").openRoom("MP210 Enduring");
      phone.awaitMessage("I will circulate the regional breakdown before the next Working Group meeting.");
      phone.script("document.activeElement && document.activeElement.blur()");
      Path small = docs().resolve("room-view-phone.png");
      phone.saveScreenshot(small);

      for (Path png : List.of(laptop, small)) {
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(bytes.length).isGreaterThan(20_000);
      }
    }
  }

  @Test
  void aPanelDecisionCardWithBallotsIsCapturedForTheReadme() throws Exception {
    ApiClient alice = server.as("alice");
    long panelRoom = -1;
    for (JsonNode r : alice.get("/api/rooms").json()) {
      if ("SEC Panel".equals(r.path("name").asText())) {
        panelRoom = r.get("id").asLong();
      }
    }
    long decision;
    try (WsClient secas = connect("secas"); WsClient kate = connect("kate"); WsClient eric = connect("eric");
        WsClient gary = connect("gary")) {
      Map<String, Object> open = new java.util.HashMap<>(Map.of("type", "open_decision", "body", "PANEL", "room", panelRoom,
          "modification_id", "MP210", "question", "Should MP210 proceed to the Report Phase with staged regional firmware waves?",
          "motion_text", "That the Panel approves the MP210 Modification Report scope, with firmware updates staged by region "
              + "and 20 Working Days' notice of each wave.",
          "kind", "asynchronous", "visibility", "open", "closes_in_working_days", 5));
      JsonNode ack = secas.request(open);
      assertThat(WsClient.type(ack)).as(ack.toString()).isEqualTo("ack");
      decision = ack.get("message_id").asLong();
      kate.request(Map.of("type", "cast_ballot", "decision_id", decision, "choice", "approve",
          "reason", "Regional waves with notice let Small Suppliers plan installer visits.", "objectives", List.of("a", "d")));
      eric.request(Map.of("type", "cast_ballot", "decision_id", decision, "choice", "reject",
          "reason", "Network outage windows for each wave are not yet agreed with DNOs.", "objectives", List.of("e")));
      gary.request(Map.of("type", "cast_ballot", "decision_id", decision, "choice", "approve",
          "reason", "No impact on gas meter firmware; happy to proceed.", "objectives", List.of("a")));
    }
    Browser page = browsers.launch("alice", server.baseUrl(), new org.openqa.selenium.Dimension(1280, 1560)).signIn("alice")
        .openRoom("SEC Panel");
    String card = "#decision-" + decision;
    page.await(d -> "3".equals(page.script("return document.querySelector(arguments[0])?.getAttribute('aria-valuenow')",
        card + " [role='meter']")));
    page.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(card + " .decision-deadline"), "Working Days left"));
    page.script("document.querySelector(arguments[0]).scrollIntoView({block: 'start'});"
        + " document.activeElement && document.activeElement.blur()", card);
    Path png = docs().resolve("decision-card.png");
    page.saveScreenshot(png);
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    assertThat(bytes.length).isGreaterThan(20_000);
  }

  static WsClient connect(String user) {
    return WsClient.connect(server.port(), server.as(user).token());
  }

  static long userId(ApiClient api, String username) {
    for (JsonNode u : api.get("/api/users").json()) {
      if (username.equals(u.path("username").asText())) {
        return u.get("id").asLong();
      }
    }
    throw new AssertionError("no user " + username);
  }

  /**
   * Where the README's screenshots are written: {@code server/target/screenshots} in an ordinary build,
   * so a local build leaves the working tree clean, and {@code docs/screenshots} at the repository root
   * only when asked with {@code -Dquorate.refresh-screenshots=true} (see the README's "Screenshots").
   */
  static Path docs() throws java.io.IOException {
    if (!Boolean.getBoolean("quorate.refresh-screenshots")) {
      return Files.createDirectories(Path.of("target", "screenshots").toAbsolutePath());
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !(Files.isDirectory(dir.resolve("web-client")) && Files.isRegularFile(dir.resolve("pom.xml")))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("cannot find the repository root from " + Path.of("").toAbsolutePath());
    }
    return Files.createDirectories(dir.resolve("docs").resolve("screenshots"));
  }
}
