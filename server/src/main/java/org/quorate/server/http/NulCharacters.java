package org.quorate.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Finds U+0000 in client JSON. PostgreSQL cannot store NUL in text, so it is refused at the edge
 * with the field that carries it, rather than failing deep in a store as an internal error.
 */
public final class NulCharacters {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final byte[] ESCAPED = "\\u0000".getBytes(StandardCharsets.US_ASCII);

  private NulCharacters() {}

  /**
   * The field ({@code "options[2].label"}, {@code "body"} for the whole input) of the first string
   * or name holding NUL, or null when there is none. Input that is not JSON is left to the parser
   * that reads it next, except for a raw NUL byte.
   */
  public static String fieldWithNul(byte[] input) {
    if (indexOf(input, new byte[] {0}) >= 0) {
      return "body";
    }
    if (indexOf(input, ESCAPED) < 0) {
      return null;
    }
    try (JsonParser p = FACTORY.createParser(input)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if ((t == JsonToken.VALUE_STRING || t == JsonToken.FIELD_NAME) && p.getText().indexOf('\0') >= 0) {
          return path(t == JsonToken.FIELD_NAME ? p.getParsingContext().getParent() : p.getParsingContext());
        }
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  public static String fieldWithNul(String input) {
    if (input.indexOf('\0') < 0 && !input.contains("\\u0000")) {
      return null;
    }
    return fieldWithNul(input.getBytes(StandardCharsets.UTF_8));
  }

  private static String path(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + c.getCurrentIndex() + "]");
      } else if (c.getCurrentName() != null) {
        parts.push("." + c.getCurrentName().replace("\0", ""));
      }
    }
    String path = String.join("", parts).replaceFirst("^\\.", "");
    return path.isEmpty() ? "body" : path;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
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
