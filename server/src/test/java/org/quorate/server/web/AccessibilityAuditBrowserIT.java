package org.quorate.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.server.web.MeetingPage.ok;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * Accessibility audited, not assumed: axe-core runs on every view of the web client at laptop and
 * phone widths and finds no serious or critical violation; and a ballot and a whole speaking turn
 * are done with the keyboard alone. The views are a list: adding a page is one line in {@link #views}.
 * The summary (views, rules checked, violations by impact) goes to {@code target/axe-report.txt}.
 */
@DemoServer
class AccessibilityAuditBrowserIT {
  static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");

  @RegisterExtension
  static final Browsers browsers = new Browsers();

  static TestServer server;

  /** A view: who looks (null = signed out), the page's address (a hash route) and what shows it is ready. */
  record View(String name, String user, String hash, Step ready) {}

  interface Step {
    void run(Browser b);
  }

  /** The demo world the views show: a discussion with a thread, an open decision, a live meeting with a vote. */
  record World(long mp210Room, long threadRoot, long decision, long boardRoom, long meeting) {}

  static List<View> views(World w) {
    String meeting = "#/rooms/" + w.boardRoom() + "/meeting/" + w.meeting();
    return List.of(
        new View("sign-in", null, "", b -> b.await(ExpectedConditions.elementToBeClickable(By.id("username")))),
        new View("room", "alice", "#/rooms/" + w.mp210Room(), b -> b.awaitMessage("Staged rollout, North West first.")),
        new View("thread", "alice", "#/rooms/" + w.mp210Room() + "/thread/" + w.threadRoot(),
            b -> b.awaitThreadReply("Small Suppliers need 20 Working Days' notice of each wave.")),
        new View("decision card", "eric", "#/rooms/" + w.mp210Room(),
            b -> b.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#decision-" + w.decision() + " .ballot-form")))),
        new View("register", "kate", "#/register/MP210",
            b -> b.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".register-decision[data-decision-id='" + w.decision() + "']")))),
        new View("meeting participant view", "kate", meeting,
            b -> b.await(ExpectedConditions.textToBePresentInElementLocated(By.id("meeting-votes-section"), "Should the Change Board approve MP215?"))),
        new View("chair console", "secas", meeting,
            b -> b.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#chair-console #console-floor")))),
        new View("minutes editor", "secas", meeting, b -> {
          clickWhenPresent(b, "#minutes-edit");
          b.await(d -> d.findElement(By.id("minutes-text")).isEnabled());
        }),
        new View("agenda editor", "secas", "#/meetings/" + w.meeting() + "/agenda",
            b -> b.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#agenda-items .agenda-editor-item")))),
        new View("email settings", "alice", "#/settings/email",
            b -> b.await(ExpectedConditions.presenceOfElementLocated(By.id("email-address")))),
        new View("admin: parties", "admin", "#/admin/parties", b -> awaitAll(b, ".parties-table", "#party-form", "#party-import")),
        new View("admin: users", "admin", "#/admin/users", b -> awaitAll(b, ".users-table", "#user-form")),
        new View("admin: bodies and seats", "admin", "#/admin/bodies", b -> {
          awaitAll(b, ".bodies-table", "#body-form");
          clickWhenPresent(b, "button[data-body=PANEL]");
          awaitAll(b, ".seats-table", "#seat-form");
        }),
        new View("admin: modifications", "admin", "#/admin/modifications", b -> {
          awaitAll(b, ".mods-table", "#mod-form");
          clickWhenPresent(b, "button[data-mod=MP210]");
          awaitAll(b, "#mod-stage-form");
        }),
        new View("proxies", "alice", "#/proxies", b -> awaitAll(b, "#proxy-form"))
    );
  }

  /** Clicks by selector inside the page: the admin lists redraw once their data arrives, so a held element may go stale. */
  private static void clickWhenPresent(Browser b, String css) {
    b.await(d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript(
        "const e = document.querySelector(arguments[0]); if (!e) return false; e.click(); return true;", css)));
  }

  private static void awaitAll(Browser b, String... selectors) {
    for (String css : selectors) {
      b.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }
  }

  @Test
  void everyViewHasNoSeriousOrCriticalAxeViolationAtLaptopAndPhoneWidths() throws IOException {
    World w = world();
    List<View> views = views(w);
    List<String> failures = new ArrayList<>();
    Map<String, Integer> byImpact = new LinkedHashMap<>();
    int audits = 0;
    int rulesChecked = 0;
    StringBuilder report = new StringBuilder();
    for (Dimension size : List.of(Browsers.LAPTOP, Browsers.PHONE)) {
      String width = size.getWidth() + "x" + size.getHeight();
      Map<String, Browser> open = new HashMap<>();
      for (View v : views) {
        Browser b = open.computeIfAbsent(String.valueOf(v.user()), u -> {
          Browser fresh = browsers.launch(u + "-" + width, server.baseUrl(), size);
          return v.user() == null ? fresh : fresh.signIn(v.user());
        });
        // A distinct query string makes each view a fresh page load (the session stays in the tab).
        b.open("/?view=" + v.name().replace(' ', '-') + v.hash());
        try {
          v.ready().run(b);
        } catch (org.openqa.selenium.TimeoutException e) {
          failures.add(width + " " + v.name() + ": the view never became ready: " + e.getMessage().lines().findFirst().orElse(""));
          continue;
        }
        Results results = new AxeBuilder().analyze(b.driver());
        audits++;
        rulesChecked += results.getPasses().size() + results.getViolations().size() + results.getIncomplete().size();
        for (Rule r : results.getViolations()) {
          byImpact.merge(String.valueOf(r.getImpact()), 1, Integer::sum);
          String line = width + " " + v.name() + ": " + r.getImpact() + " " + r.getId() + " (" + r.getHelp() + ") at "
              + r.getNodes().stream().map(n -> String.valueOf(n.getTarget())).limit(5).toList();
          report.append(line).append('\n');
          Files.writeString(Path.of("target", "axe-report.txt"), report);
          if (FAILING_IMPACTS.contains(r.getImpact())) {
            failures.add(line);
          }
        }
      }
    }
    String summary = "axe-core: " + views.size() + " views x 2 widths = " + audits + " audits, " + rulesChecked
        + " rule results checked; violations by impact " + byImpact + "; serious or critical: " + failures.size();
    Path file = Path.of("target", "axe-report.txt");
    Files.writeString(file, summary + "\n" + report);
    System.out.println(summary);
    assertThat(failures).as(summary).isEmpty();
  }

  @Test
  void aBallotAndAWholeSpeakingTurnAreDoneWithTheKeyboardAlone() {
    World w = world();
    // The ballot: Tab to the choice, Space to pick it, type a reason, Tab to the button, Enter.
    Browser kate = browsers.launch("kate", server.baseUrl()).signIn("kate");
    kate.open("/?keyboard#/rooms/" + w.mp210Room());
    String card = "#decision-" + w.decision();
    kate.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector(card + " .ballot-form")));
    tabTo(kate, "document.querySelector(\"" + card + " input[type=radio][value=approve]\")");
    press(kate, Keys.SPACE);
    tabTo(kate, "document.getElementById('decision-" + w.decision() + "-reason')");
    press(kate, "Staged waves suit small suppliers");
    tabTo(kate, "document.querySelector(\"" + card + " [data-focus='cast-" + w.decision() + "']\")");
    press(kate, Keys.ENTER);
    kate.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(card + " .my-ballot"), "You voted Approve"));
    JsonNode ballots = server.as("kate").get("/api/modifications/MP210/register").json();
    assertThat(ballots.toString()).contains("Staged waves suit small suppliers");

    // The speaking turn: Kate joins and raises her hand, the chair gives her the floor, then takes it back.
    Browser chair = browsers.launch("secas", server.baseUrl()).signIn("secas");
    String meeting = "#/rooms/" + w.boardRoom() + "/meeting/" + w.meeting();
    chair.open("/?keyboard" + meeting);
    chair.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#chair-console #console-floor")));
    kate.open("/?keyboard" + meeting);
    kate.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".meeting-panel:not(.is-loading)")));
    pressButton(kate, "Join the meeting");
    pressButton(kate, "Raise hand");
    kate.await(ExpectedConditions.textToBePresentInElementLocated(By.id("meeting-me-box"), "Your hand is raised: 2nd in the queue."));
    // Alice's hand (raised before) comes first: the chair gives the floor to Kate from the queue.
    chair.await(ExpectedConditions.textToBePresentInElementLocated(By.id("meeting-queue-section"), "Kate Kestrel"));
    pressButton(chair, "Give the floor to Kate Kestrel");
    kate.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".floor-holder"), "You have the floor."));
    pressButton(chair, "Take the floor back from Kate Kestrel");
    kate.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".floor-holder"), "Nobody has the floor."));
    assertThat(server.as("secas").get("/api/meetings/" + w.meeting()).json().get("floor").isNull()).isTrue();
  }

  // ---- keyboard ----

  /**
   * Presses Tab — Shift+Tab when the wanted control comes before the focus, as a keyboard user
   * would — until the control found by the script expression {@code find} has the focus.
   */
  static void tabTo(Browser b, String find) {
    b.await(d -> b.script("return Boolean(" + find + ")"));
    for (int i = 0; i < 300; i++) {
      String where = (String) b.script("const want = " + find + "; const now = document.activeElement;"
          + " if (!want) return 'missing'; if (want === now) return 'here';"
          + " return now.compareDocumentPosition(want) & Node.DOCUMENT_POSITION_PRECEDING ? 'before' : 'after';");
      if ("here".equals(where)) {
        return;
      }
      press(b, "before".equals(where) ? Keys.chord(Keys.SHIFT, Keys.TAB) : Keys.TAB);
    }
    throw new AssertionError("Tab never reached " + find + " in " + b.name());
  }

  /** Tabs to the button whose accessible label (aria-label, else its text) is exactly this, and presses Enter. */
  static void pressButton(Browser b, String label) {
    String l = quote(label);
    tabTo(b, "[...document.querySelectorAll('button')].find((e) => e.getAttribute('aria-label') === " + l
        + " || (!e.hasAttribute('aria-label') && e.textContent.trim() === " + l + "))");
    press(b, Keys.ENTER);
  }

  /** Keys to whatever has the focus, as a keyboard does (the page may redraw the focused control meanwhile). */
  static void press(Browser b, CharSequence keys) {
    new org.openqa.selenium.interactions.Actions(b.driver()).sendKeys(keys).perform();
  }

  private static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  // ---- the world the views show ----

  private static World world;

  /** Built once for both tests: a body has one meeting in progress at a time. */
  static synchronized World world() {
    if (world == null) {
      world = buildWorld();
    }
    return world;
  }

  private static World buildWorld() {
    ApiClient admin = server.as("alice");
    long mp210 = ReconnectBrowserIT.roomOf(admin, "MP210");
    ApiClient secasApi = server.as("secas");
    long board = MeetingPage.bodyId(secasApi, "CHANGE_BOARD");
    long boardRoom = MeetingPage.roomOfBody(secasApi, board);
    try (WsClient alice = MeetingPage.connect(server, "alice"); WsClient kate = MeetingPage.connect(server, "kate");
        WsClient chair = MeetingPage.connect(server, "secas")) {
      long root = alice.post(mp210, "Staged rollout, North West first.").get("message_id").asLong();
      kate.request(Map.of("type", "post_message", "room", mp210, "thread_root", root,
          "body", "Small Suppliers need 20 Working Days' notice of each wave."));
      long decision = DecisionsBrowserIT.open(chair, "PANEL", "MP210", "Should MP210 go to the Report Phase?", "open", false);
      long meeting = AgendaEditorBrowserIT.meetingInThreeDays(secasApi, "Change Board, accessibility");
      long item = MeetingPage.itemId(secasApi, meeting, 2);
      alice.subscribe(boardRoom, null);
      ok(chair, "set_meeting_state", "meeting", meeting, "state", "open");
      ok(chair, "join_meeting", "meeting", meeting);
      ok(alice, "join_meeting", "meeting", meeting);
      ok(chair, "move_agenda", "meeting", meeting, "item", item);
      ok(alice, "raise_hand", "meeting", meeting);
      ok(chair, "call_meeting_vote", "meeting", meeting, "item", item, "question", "Should the Change Board approve MP215?");
      return new World(mp210, root, decision, boardRoom, meeting);
    }
  }
}
