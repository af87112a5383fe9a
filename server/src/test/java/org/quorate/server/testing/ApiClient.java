package org.quorate.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small blocking REST client for tests: real HTTP against the running server. */
public final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;
  private String token;

  public ApiClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public record Response(int status, String body, String contentType) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    public String error() {
      return json().path("error").asText();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  public Response login(String username, String password) {
    Response r = post("/api/login", Map.of("username", username, "password", password));
    if (r.status() == 200) {
      token = r.json().get("token").asText();
    }
    return r;
  }

  public String token() {
    return token;
  }

  public ApiClient withToken(String newToken) {
    this.token = newToken;
    return this;
  }

  public Response get(String path) {
    return send(builder(path).GET(), null);
  }

  public Response delete(String path) {
    return send(builder(path).DELETE(), null);
  }

  public Response post(String path, Object body) {
    return send(builder(path).header("Content-Type", "application/json").POST(publisher(body)), json(body));
  }

  /** A JSON POST with extra request headers, such as {@code Idempotency-Key}. */
  public Response post(String path, Object body, Map<String, String> headers) {
    HttpRequest.Builder b = builder(path).header("Content-Type", "application/json");
    headers.forEach(b::header);
    return send(b.POST(publisher(body)), json(body));
  }

  public Response put(String path, Object body) {
    return send(builder(path).header("Content-Type", "application/json").PUT(publisher(body)), json(body));
  }

  public Response postText(String path, String contentType, String text) {
    return send(builder(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(text)), null);
  }

  private HttpRequest.Builder builder(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private static String json(Object body) {
    try {
      return body instanceof String s ? s : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HttpRequest.BodyPublisher publisher(Object body) {
    try {
      return HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every answer is also checked against openapi.yaml, and a JSON request the server accepted
   * (2xx) against the operation's request schema ({@link Contract}).
   */
  private static Response send(HttpRequest.Builder request, String jsonBody) {
    try {
      HttpRequest built = request.build();
      HttpResponse<String> r = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
      Response response = new Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
      String target = built.uri().getRawPath() + (built.uri().getRawQuery() == null ? "" : "?" + built.uri().getRawQuery());
      Contract.get().restAnswer(built.method(), target, response.status(), response.contentType(), response.body());
      if (jsonBody != null && response.status() / 100 == 2) {
        Contract.get().acceptedRequest(built.method(), target, jsonBody);
      }
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
