package org.quorate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** An open page survives a server restart: offline banner, reconnect by itself, nothing lost or repeated. */
@DemoServer
class ReconnectBrowserIT {
  @RegisterExtension
  static final Browsers browsers = new Browsers();

  static TestServer server;

  @Test
  void afterAServerRestartTheOpenPageReconnectsAndShowsWhatWasPostedMeanwhileExactlyOnce() {
    long room = roomOf(server.as("kate"), "MP210");
    Browser alice = browsers.launch("alice", server.baseUrl()).signIn("alice").openRoom("MP210 Enduring");
    alice.post("Before the restart.");
    alice.awaitMessage("Before the restart.");

    server.restart(() -> {
      WebElement banner = alice.await(ExpectedConditions.visibilityOfElementLocated(By.id("connection-banner")));
      assertThat(banner.getText()).contains("You are offline");
      // Written while the page is offline: it waits, and is sent (once) after the reconnect.
      alice.post("Queued while offline.");
      alice.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".room .outbox"), "Queued while offline."));
      // At least the queued post waits; a read marker sent just before the restart may wait beside it.
      alice.await(ExpectedConditions.textMatches(By.id("connection-banner"), java.util.regex.Pattern.compile("\\d+ unsent change")));
    });
    List<String> meanwhile = List.of("Posted meanwhile, one.", "Posted meanwhile, two.", "Posted meanwhile, three.");
    try (WsClient kate = WsClient.connect(server.port(), server.as("kate").token())) {
      for (String text : meanwhile) {
        JsonNode ack = kate.post(room, text);
        assertThat(WsClient.type(ack)).isEqualTo("ack");
      }
    }

    alice.await(Duration.ofSeconds(30), ExpectedConditions.invisibilityOfElementLocated(By.id("connection-banner")));
    for (String text : meanwhile) {
      alice.awaitMessage(text);
    }
    alice.awaitMessage("Queued while offline.");
    alice.await(d -> d.findElements(By.cssSelector(".room .outbox > li")).isEmpty());

    // A later post proves the stream is live again; then nothing may be there twice.
    try (WsClient kate = WsClient.connect(server.port(), server.as("kate").token())) {
      kate.post(room, "After the reconnect.");
    }
    alice.awaitMessage("After the reconnect.");
    for (String text : List.of("Before the restart.", "Queued while offline.", "Posted meanwhile, one.", "Posted meanwhile, two.",
        "Posted meanwhile, three.", "After the reconnect.")) {
      assertThat(alice.countInStream(text)).as("copies of '%s'", text).isEqualTo(1);
    }
    List<String> order = alice.driver().findElements(By.cssSelector(".room .messages > li.msg .msg-body")).stream()
        .map(WebElement::getText).toList();
    assertThat(order).containsSubsequence(meanwhile);
    assertThat(order.indexOf("After the reconnect.")).isEqualTo(order.size() - 1);
  }

  static long roomOf(ApiClient client, String modification) {
    for (JsonNode r : client.get("/api/rooms").json()) {
      if (modification.equals(r.path("modification_id").asText())) {
        return r.get("id").asLong();
      }
    }
    throw new AssertionError("no room for " + modification);
  }
}
