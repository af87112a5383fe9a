package org.quorate.server.registry;

import java.util.ArrayList;
import java.util.List;
import org.quorate.server.domain.DomainException;
import org.quorate.server.registry.RegistryRequests.PartyInput;

/**
 * Parses a Party import: a header {@code name,category,voting_group} then one Party per line
 * (RFC 4180 quoting). Any bad line rejects the whole file, naming the line, so nothing half-imports.
 */
public final class PartyCsv {
  private static final List<String> HEADER = List.of("name", "category", "voting_group");

  private PartyCsv() {}

  /** A Party read from the file, with the line it came from so later failures can name it. */
  public record Line(int number, PartyInput party) {}

  public static List<Line> parse(String text) {
    if (text == null || text.isBlank()) {
      throw DomainException.invalid("body", "a CSV body is required (header: name,category,voting_group)");
    }
    // Spreadsheet exports often start with a UTF-8 byte order mark; it is not part of the header.
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    String[] lines = body.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    if (lines.length == 0 || !fields(lines[0], 1).stream().map(s -> s.trim().toLowerCase()).toList().equals(HEADER)) {
      throw DomainException.invalid("line 1", "header must be exactly: name,category,voting_group");
    }
    List<Line> out = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      int lineNo = i + 1;
      if (lines[i].isBlank()) {
        continue;
      }
      List<String> f = fields(lines[i], lineNo);
      if (f.size() != 3) {
        throw DomainException.invalid("line " + lineNo, "expected 3 fields, found " + f.size());
      }
      try {
        out.add(new Line(lineNo, new PartyInput(f.get(0), f.get(1).trim(), f.get(2))));
      } catch (DomainException e) {
        throw DomainException.invalid("line " + lineNo, e.getMessage());
      }
    }
    if (out.isEmpty()) {
      throw DomainException.invalid("body", "the file has no Parties");
    }
    return out;
  }

  static List<String> fields(String line, int lineNo) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"' && cur.length() == 0) {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw DomainException.invalid("line " + lineNo, "unterminated quoted field");
    }
    out.add(cur.toString());
    return out;
  }
}
