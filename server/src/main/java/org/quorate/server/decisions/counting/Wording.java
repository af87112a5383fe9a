package org.quorate.server.decisions.counting;

import java.util.List;

/** Small pieces of English shared by the sentences quoracy and results produce. */
final class Wording {
  private static final String[] SMALL = {
    "none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"
  };

  private Wording() {}

  /** "one" .. "ten", then digits: how people say "at least one from Gas Networks". */
  static String number(int n) {
    return n >= 0 && n < SMALL.length ? SMALL[n] : String.valueOf(n);
  }

  /** "a, b and c". */
  static String and(List<String> parts) {
    if (parts.size() <= 1) {
      return parts.isEmpty() ? "" : parts.get(0);
    }
    return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
  }

  /** "5 approve, 2 reject, 1 abstain". */
  static String counts(int approve, int reject, int abstain) {
    return approve + " approve, " + reject + " reject, " + abstain + " abstain";
  }
}
