package org.quorate.server.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of hostile JSON for the protocol fuzzer: wrong types, huge and malformed
 * numbers, deep nesting, NUL characters, lone surrogates, overlong strings, unknown fields, broken
 * syntax. Everything it makes depends only on the {@link Random} it is given.
 */
public final class Malformed {
  /** Stays under the gateway's 64 KiB frame limit, so a case tests decoding, not the size cut-off. */
  public static final int MAX_MESSAGE_CHARS = 48_000;

  private static final String[] SCALARS = {
      "null", "true", "false", "0", "-1", "1", "2", "3", "7", "9223372036854775807", "9223372036854775808",
      "-9223372036854775809", "1e308", "1e999", "-0.0", "3.14", "123456789012345678901234567890", "2147483648",
      "\"\"", "\" \"", "\"1\"", "\"yes\"", "\"for\"", "\"against\"", "\"abstain\"", "\"white\"", "\"amber\"", "\"red\"",
      "\"member\"", "\"administrator\"", "\"2026-12-04T10:00:00Z\"", "\"not-a-date\"", "\"MP001\"", "\"admin\"",
      "\"a\\u0000b\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"💥🗳\"", "\"<script>alert(1)</script>\"",
      "\"'; DROP TABLE app_user; --\"", "\"\\\\\"", "\"%00\"", "\"\\n\\r\\t\"", "[]", "{}", "[1,2,3]", "[null]",
      "{\"a\":{\"b\":[null]}}", "[\"x\",1,true]", "{\"\":\"\"}"};

  private final Random random;

  public Malformed(Random random) {
    this.random = random;
  }

  public boolean chance(double p) {
    return random.nextDouble() < p;
  }

  public <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** One hostile JSON value, or (with {@code plausible}) sometimes the value a well-formed message would carry. */
  public String value(String plausible) {
    int roll = random.nextInt(100);
    if (plausible != null && roll < 25) {
      return plausible;
    }
    if (roll < 75) {
      return SCALARS[random.nextInt(SCALARS.length)];
    }
    return switch (random.nextInt(6)) {
      case 0 -> "\"" + "x".repeat(1 + random.nextInt(20_000)) + "\"";
      case 1 -> nested(2 + random.nextInt(3_000));
      case 2 -> "1" + "0".repeat(random.nextInt(5_000));
      case 3 -> "\"" + "\\u0000".repeat(1 + random.nextInt(5)) + "\"";
      case 4 -> "[" + String.join(",", java.util.Collections.nCopies(1 + random.nextInt(2_000), "1")) + "]";
      default -> "{\"" + "k".repeat(1 + random.nextInt(300)) + "\":" + SCALARS[random.nextInt(SCALARS.length)] + "}";
    };
  }

  public static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  /**
   * A JSON object from the fields given (name and plausible value pairs). One time in ten it is
   * plausible throughout and about half the time plausible but for one spoiled or missing field,
   * so cases reach the handlers behind the decoder; otherwise every field is kept, dropped or
   * spoiled at random.
   */
  public String object(List<String[]> fields) {
    List<String> parts = new ArrayList<>();
    double roll = random.nextDouble();
    // -2: all plausible (one case in ten, to reach the services); -1: anything goes; else the one bad field.
    int onlyBad = roll < 0.1 ? -2 : roll < 0.55 && !fields.isEmpty() ? random.nextInt(fields.size()) : -1;
    for (int i = 0; i < fields.size(); i++) {
      String[] field = fields.get(i);
      if (onlyBad != -1 && i != onlyBad && field[1] != null) {
        parts.add(quote(field[0]) + ":" + field[1]);
      } else if (!chance(0.15)) {
        parts.add(quote(field[0]) + ":" + value(onlyBad >= 0 ? null : field[1]));
      }
    }
    if (chance(0.1)) {
      parts.add(quote(chance(0.5) ? "unexpected_field" : "x".repeat(1 + random.nextInt(2_000))) + ":" + value(null));
    }
    if (chance(0.05) && !parts.isEmpty()) {
      parts.add(parts.get(0)); // a duplicate key
    }
    java.util.Collections.shuffle(parts, random);
    return "{" + String.join(",", parts) + "}";
  }

  /** Whole-message damage: truncation, the wrong JSON type, trailing garbage, deep nesting, raw control bytes. */
  public String spoil(String json) {
    return switch (random.nextInt(9)) {
      case 0 -> json.substring(0, random.nextInt(Math.max(1, json.length())));
      case 1 -> "[" + json + "]";
      case 2 -> json + json;
      case 3 -> "\"" + json.replace("\"", "\\\"") + "\"";
      case 4 -> nested(500 + random.nextInt(5_000));
      case 5 -> json.replaceFirst("\\{", "{\"\u0000\":1,");
      case 6 -> json.replace(':', '=');
      case 7 -> "";
      default -> "{\"type\":" + value(null) + "}";
    };
  }

  /** UTF-8 bytes of the text with an invalid sequence spliced in somewhere. */
  public byte[] invalidUtf8(String text) {
    byte[][] bad = {{(byte) 0xFF}, {(byte) 0xC3, (byte) 0x28}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xC0, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        {(byte) 0x80}};
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int at = random.nextInt(bytes.length + 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes, 0, at);
    out.writeBytes(bad[random.nextInt(bad.length)]);
    out.write(bytes, at, bytes.length - at);
    return out.toByteArray();
  }

  public static String quote(String name) {
    return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
