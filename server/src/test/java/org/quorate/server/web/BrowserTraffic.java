package org.quorate.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.quorate.server.testing.Contract;

/**
 * What one browser said to and heard from the server, read from Chromium's performance log
 * (DevTools {@code Network.*} events, which chromedriver records when {@code goog:loggingPrefs}
 * asks for them) and handed to the same {@link Contract} checker the Java test clients use:
 * every WebSocket frame the page sent must be a valid command, every frame it received a valid
 * server message, and every answer to a documented operation must have a documented
 * status and match its schema (bodies fetched with {@code Network.getResponseBody}).
 *
 * <p>Only reads a log the browser keeps anyway, at the end of a test: no proxy, no page changes.
 */
final class BrowserTraffic {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final ChromeDriver driver;
  private final String origin;
  private final Map<String, Request> requests = new HashMap<>();
  private final List<String> unchecked = new ArrayList<>();
  private int framesSent;
  private int framesReceived;
  private int answers;

  private static final class Request {
    String method;
    String url;
    String postData;
    String contentType;
    int status;
    String mimeType;
    boolean finished;
  }

  BrowserTraffic(String name, ChromeDriver driver, String baseUrl) {
    this.name = name;
    this.driver = driver;
    URI base = URI.create(baseUrl);
    this.origin = base.getScheme() + "://" + base.getAuthority();
  }

  /** Reads the log since the last call and reports every frame and finished answer to the contract checker. */
  void check() {
    List<LogEntry> entries = driver.manage().logs().get(LogType.PERFORMANCE).getAll();
    for (LogEntry entry : entries) {
      JsonNode message;
      try {
        message = JSON.readTree(entry.getMessage()).path("message");
      } catch (IOException e) {
        continue;
      }
      event(message.path("method").asText(), message.path("params"));
    }
  }

  private void event(String method, JsonNode params) {
    switch (method) {
      case "Network.webSocketFrameSent" -> frame(params, true);
      case "Network.webSocketFrameReceived" -> frame(params, false);
      case "Network.requestWillBeSent" -> {
        JsonNode request = params.path("request");
        Request r = new Request();
        r.method = request.path("method").asText();
        r.url = request.path("url").asText();
        r.postData = request.has("postData") ? request.path("postData").asText() : null;
        request.path("headers").fields().forEachRemaining(h -> {
          if (h.getKey().equalsIgnoreCase("content-type")) {
            r.contentType = h.getValue().asText();
          }
        });
        requests.put(params.path("requestId").asText(), r);
      }
      case "Network.responseReceived" -> {
        Request r = requests.get(params.path("requestId").asText());
        if (r != null) {
          r.status = params.path("response").path("status").asInt();
          r.mimeType = params.path("response").path("mimeType").asText();
        }
      }
      case "Network.loadingFinished" -> {
        String id = params.path("requestId").asText();
        Request r = requests.remove(id);
        if (r != null && r.status > 0) {
          answer(id, r);
        }
      }
      default -> {
        // other DevTools events say nothing about the contract
      }
    }
  }

  private void frame(JsonNode params, boolean sent) {
    JsonNode response = params.path("response");
    if (response.path("opcode").asInt(1) != 1) {
      return; // binary and control frames carry no protocol messages
    }
    String text = response.path("payloadData").asText();
    JsonNode frame;
    try {
      frame = JSON.readTree(text);
    } catch (IOException e) {
      frame = TextNode.valueOf(text);
    }
    if (sent) {
      framesSent++;
      Contract.get().sentCommand("browser " + name, frame);
    } else {
      framesReceived++;
      Contract.get().serverFrame(frame);
    }
  }

  private void answer(String requestId, Request r) {
    if (!r.url.startsWith(origin + "/")) {
      return;
    }
    String pathAndQuery = r.url.substring(origin.length());
    int hash = pathAndQuery.indexOf('#');
    if (hash >= 0) {
      pathAndQuery = pathAndQuery.substring(0, hash);
    }
    if (pathAndQuery.startsWith("/api/") || pathAndQuery.startsWith("/health")) {
      answers++;
    }
    String body = "";
    if (r.mimeType != null && r.mimeType.startsWith("application/json") && r.status != 204) {
      try {
        Map<String, Object> result = driver.executeCdpCommand("Network.getResponseBody", Map.of("requestId", requestId));
        body = String.valueOf(result.get("body"));
        if (Boolean.TRUE.equals(result.get("base64Encoded"))) {
          body = new String(Base64.getDecoder().decode(body), java.nio.charset.StandardCharsets.UTF_8);
        }
      } catch (RuntimeException e) {
        unchecked.add(r.method + " " + pathAndQuery + " " + r.status + " (body gone: " + firstLine(e.getMessage()) + ")");
        return;
      }
    }
    Contract.get().restAnswer(r.method, pathAndQuery, r.status, r.mimeType, body);
    if (r.status / 100 == 2 && r.postData != null && r.contentType != null && r.contentType.startsWith("application/json")) {
      Contract.get().acceptedRequest(r.method, pathAndQuery, r.postData);
    }
  }

  private static String firstLine(String s) {
    String text = String.valueOf(s);
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  String summary() {
    return "browser " + name + ": " + framesSent + " frames sent, " + framesReceived + " received, " + answers
        + " /api answers checked against the published contract"
        + (unchecked.isEmpty() ? "" : "; " + unchecked.size() + " answer bodies no longer available: " + unchecked);
  }

  int framesSent() {
    return framesSent;
  }

  int framesReceived() {
    return framesReceived;
  }

  int answers() {
    return answers;
  }

  List<String> unchecked() {
    return List.copyOf(unchecked);
  }
}
