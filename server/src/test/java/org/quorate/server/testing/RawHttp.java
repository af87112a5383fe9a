package org.quorate.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 on a plain socket, one request per connection, for requests a URI class would refuse
 * to build ({@code %zz}, a raw request target) and for reading every response header as sent.
 */
public final class RawHttp {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RawHttp() {}

  public record Response(int status, Map<String, String> headers, String body) {
    /** A header by case-insensitive name, or null. */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

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
      return status + " " + headers + " " + body;
    }
  }

  public static Response get(int port, String target, Map<String, String> headers) {
    return send(port, "GET", target, headers, null);
  }

  /** Sends one request; {@code body} null means none at all (no Content-Length either). */
  public static Response send(int port, String method, String target, Map<String, String> headers, byte[] body) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
          .append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
      headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      if (body != null) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      head.append("\r\n");
      socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.UTF_8));
      if (body != null) {
        socket.getOutputStream().write(body);
      }
      socket.getOutputStream().flush();
      byte[] all = socket.getInputStream().readAllBytes();
      Response response = parse(all);
      if (target.startsWith("/")) {
        // A raw target that is no valid URI (such as %zz) names no documented operation.
        try {
          Contract.get().restAnswer(method, target, response.status(), response.header("Content-Type"), response.body());
        } catch (IllegalArgumentException notAUri) {
          // nothing to check
        }
      }
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Response parse(byte[] raw) {
    int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
    if (end < 0) {
      throw new AssertionError("no complete HTTP response: " + new String(raw, StandardCharsets.UTF_8));
    }
    String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(),
          (a, b) -> a + ", " + b);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      int i = end + 4;
      while (i < raw.length) {
        int lineEnd = indexOf(raw, new byte[] {'\r', '\n'}, i);
        int size = Integer.parseInt(new String(raw, i, lineEnd - i, StandardCharsets.US_ASCII).trim().split(";")[0], 16);
        if (size == 0) {
          break;
        }
        body.write(raw, lineEnd + 2, size);
        i = lineEnd + 2 + size + 2;
      }
    } else {
      body.write(raw, end + 4, raw.length - end - 4);
    }
    return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
