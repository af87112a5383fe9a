package org.quorate.server.http;

/** A short prefix of client input for error messages, so a refusal never echoes a large input back. */
public final class Excerpt {
  public static final int DEFAULT = 40;

  private Excerpt() {}

  public static String of(String text) {
    return of(text, DEFAULT);
  }

  public static String of(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end) + "…";
  }
}
