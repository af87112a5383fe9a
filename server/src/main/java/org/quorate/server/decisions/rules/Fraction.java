package org.quorate.server.decisions.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.quorate.server.domain.DomainException;

/**
 * A proportion such as 1/2 or 2/3, written {@code "1/2"} in rules files. Thresholds are compared in
 * integers ({@code count * denominator} against {@code numerator * base}) so "exactly half" is exact.
 */
public record Fraction(int numerator, int denominator) {
  public static final Fraction HALF = new Fraction(1, 2);
  public static final Fraction TWO_THIRDS = new Fraction(2, 3);

  public Fraction {
    if (denominator <= 0 || numerator <= 0 || numerator > denominator) {
      throw DomainException.invalid("fraction", "must be n/d with 0 < n <= d, got " + numerator + "/" + denominator);
    }
  }

  @JsonCreator
  public static Fraction parse(String text) {
    String[] parts = text == null ? new String[0] : text.strip().split("/");
    try {
      if (parts.length == 2) {
        return new Fraction(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
      }
    } catch (NumberFormatException e) {
      // fall through to the one message below
    }
    throw DomainException.invalid("fraction", "must look like 1/2 or 2/3, got '" + text + "'");
  }

  /** The smallest whole count that satisfies {@code comparison} against this fraction of {@code base}. */
  public int smallestCount(Comparison comparison, int base) {
    long product = (long) numerator * base;
    return (int) switch (comparison) {
      case MORE_THAN -> product / denominator + 1;
      case AT_LEAST -> (product + denominator - 1) / denominator;
    };
  }

  /** "half", "two-thirds", ... for sentences; falls back to "n/d". */
  public String words() {
    if (numerator == denominator) {
      return "all";
    }
    return switch (numerator + "/" + denominator) {
      case "1/2" -> "half";
      case "1/3" -> "one-third";
      case "2/3" -> "two-thirds";
      case "1/4" -> "one-quarter";
      case "3/4" -> "three-quarters";
      default -> numerator + "/" + denominator;
    };
  }

  @JsonValue
  @Override
  public String toString() {
    return numerator + "/" + denominator;
  }
}
