package org.quorate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * A browser on a body's room with its meeting open beside it, phrased as what a participant or a
 * chair does and sees; plus the REST and WebSocket steps that set a meeting up around it.
 */
final class MeetingPage {
  private final Browser browser;

  private MeetingPage(Browser browser) {
    this.browser = browser;
  }

  /** Opens the body's room, then its meeting from the strip under the room header. */
  static MeetingPage open(Browser browser, String roomName, long meetingId) {
    browser.openRoom(roomName);
    browser.click(By.cssSelector(".meeting-strip a[data-meeting='" + meetingId + "']"));
    browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".meeting-panel:not(.is-loading)")));
    return new MeetingPage(browser);
  }

  Browser browser() {
    return browser;
  }

  /** Clicks the button with exactly this text inside the element matching css (scrolled into view). */
  MeetingPage press(String css, String text) {
    By button = By.xpath("//*[@id='" + idOf(css) + "']//button[normalize-space()=" + literal(text) + "]");
    browser.click(button);
    return this;
  }

  /** Opens a collapsed part of the chair console (a details element). */
  MeetingPage expand(String id) {
    WebElement details = browser.driver().findElement(By.id(id));
    if (details.getAttribute("open") == null) {
      WebElement summary = details.findElement(By.tagName("summary"));
      browser.script("arguments[0].scrollIntoView({block: 'center'})", summary);
      summary.click();
    }
    return this;
  }

  MeetingPage type(String id, String text) {
    WebElement field = browser.await(ExpectedConditions.elementToBeClickable(By.id(id)));
    field.clear();
    field.sendKeys(text);
    return this;
  }

  MeetingPage choose(String selectId, String visibleText) {
    new Select(browser.driver().findElement(By.id(selectId))).selectByVisibleText(visibleText);
    return this;
  }

  MeetingPage awaitState(String state) {
    browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".meeting-panel[data-state='" + state + "']")));
    return this;
  }

  /** Waits until the element's text contains the given text; returns the element. */
  WebElement awaitText(String css, String text) {
    By by = By.cssSelector(css);
    browser.await(ExpectedConditions.textToBePresentInElementLocated(by, text));
    return browser.driver().findElement(by);
  }

  String text(String css) {
    return browser.driver().findElement(By.cssSelector(css)).getText();
  }

  static String idOf(String css) {
    assertThat(css).startsWith("#");
    return css.substring(1);
  }

  private static String literal(String text) {
    return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
  }

  // ---- setting a meeting up over the public API ----

  static long bodyId(ApiClient api, String code) {
    return find(api.get("/api/bodies").json(), "code", code).get("id").asLong();
  }

  static long roomOfBody(ApiClient api, long bodyId) {
    for (JsonNode r : api.get("/api/rooms").json()) {
      if (r.path("body_id").asLong() == bodyId) {
        return r.get("id").asLong();
      }
    }
    throw new AssertionError("no room for body " + bodyId);
  }

  static long userId(ApiClient api, String username) {
    return find(api.get("/api/users").json(), "username", username).get("id").asLong();
  }

  static long partyId(ApiClient api, String name) {
    return find(api.get("/api/parties").json(), "name", name).get("id").asLong();
  }

  static JsonNode schedule(ApiClient organiser, long bodyId, String title, List<Map<String, Object>> agenda) {
    ApiClient.Response r = organiser.post("/api/meetings", Map.of("body_id", bodyId, "title", title,
        "scheduled_start", "2030-03-05T10:00:00Z", "agenda", agenda));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  static Map<String, Object> item(String title, String modification) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", title);
    m.put("modification_id", modification);
    return m;
  }

  static long itemId(ApiClient api, long meetingId, int position) {
    for (JsonNode i : api.get("/api/meetings/" + meetingId).json().get("agenda")) {
      if (i.get("position").asInt() == position) {
        return i.get("id").asLong();
      }
    }
    throw new AssertionError("no agenda item " + position);
  }

  static WsClient connect(TestServer server, String username) {
    return WsClient.connect(server.port(), server.as(username).token());
  }

  /** Sends a meeting command (field names and values alternating) that must be acknowledged. */
  static JsonNode ok(WsClient ws, String type, Object... fields) {
    Map<String, Object> cmd = new LinkedHashMap<>();
    cmd.put("type", type);
    for (int i = 0; i < fields.length; i += 2) {
      cmd.put((String) fields[i], fields[i + 1]);
    }
    JsonNode reply = ws.request(cmd);
    assertThat(WsClient.type(reply)).as(type + " " + reply).isEqualTo("ack");
    return reply;
  }

  private static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode n : array) {
      if (value.equals(n.path(field).asText())) {
        return n;
      }
    }
    throw new AssertionError("no " + field + " = " + value + " in " + array);
  }
}
