package org.quorate.server.decisions.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SEC Party Categories as the registry seeds them (V1 migration), with the plural names sentences
 * use ("Large Suppliers 2 (at least 1 required)"). Rules files may only name these codes, so a typo
 * fails at load instead of silently never matching a seat.
 */
public final class PartyCategories {
  private record Names(String singular, String plural) {}

  private static final Map<String, Names> NAMES = new LinkedHashMap<>();

  static {
    NAMES.put("large_supplier", new Names("Large Supplier", "Large Suppliers"));
    NAMES.put("small_supplier", new Names("Small Supplier", "Small Suppliers"));
    NAMES.put("electricity_network", new Names("Electricity Network", "Electricity Networks"));
    NAMES.put("gas_network", new Names("Gas Network", "Gas Networks"));
    NAMES.put("other_sec_party", new Names("Other SEC Party", "Other SEC Parties"));
    NAMES.put("dcc", new Names("DCC", "DCC"));
    NAMES.put("consumer_member", new Names("Consumer Member", "Consumer Members"));
  }

  /** Seats with no Party Category (e.g. an independent chair) are grouped under this code. */
  public static final String NONE = "none";

  private PartyCategories() {}

  public static boolean isKnown(String code) {
    return NAMES.containsKey(code);
  }

  /** Known codes in the registry's display order. */
  public static List<String> codes() {
    return List.copyOf(NAMES.keySet());
  }

  /** The display position of a code; unknown codes sort last. */
  public static int position(String code) {
    int i = codes().indexOf(code);
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  public static String plural(String code) {
    Names names = NAMES.get(code);
    return names != null ? names.plural() : NONE.equals(code) ? "members without a Party Category" : code;
  }

  public static String singular(String code) {
    Names names = NAMES.get(code);
    return names != null ? names.singular() : code;
  }

  /** "Large Suppliers or Small Suppliers", in display order. */
  public static String pluralList(Set<String> codes) {
    return codes.stream()
        .sorted((a, b) -> Integer.compare(position(a), position(b)))
        .map(PartyCategories::plural)
        .collect(Collectors.joining(" or "));
  }
}
