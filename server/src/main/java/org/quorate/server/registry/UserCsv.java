package org.quorate.server.registry;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.quorate.server.domain.DomainException;
import org.quorate.server.domain.Role;
import org.quorate.server.registry.RegistryRequests.UserInput;

/**
 * Parses a user import: a header {@code username,display_name,roles,party,password} then one user
 * per line (RFC 4180 quoting, as {@link PartyCsv}). Roles are separated by {@code ;}; the Party is
 * named and may be empty; an empty password is made up and reported back. Any bad line rejects
 * the whole file as {@code line N: field: problem}.
 */
public final class UserCsv {
  static final List<String> HEADER = List.of("username", "display_name", "roles", "party", "password");

  private UserCsv() {}

  /** A user read from the file; {@code party} is a name still to be found in the registry. */
  public record Line(int number, UserInput user, String party, boolean passwordGenerated) {}

  public static List<Line> parse(String text, Supplier<String> passwords) {
    if (text == null || text.isBlank()) {
      throw DomainException.invalid("file", "is empty (header: " + String.join(",", HEADER) + ")");
    }
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    String[] lines = body.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    if (!PartyCsv.fields(lines[0], 1).stream().map(s -> s.trim().toLowerCase()).toList().equals(HEADER)) {
      throw DomainException.invalid("line 1", "header must be exactly: " + String.join(",", HEADER));
    }
    List<Line> out = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int lineNo = i + 1;
      if (lines[i].isBlank()) {
        continue;
      }
      List<String> f = PartyCsv.fields(lines[i], lineNo);
      if (f.size() != HEADER.size()) {
        throw DomainException.invalid("line " + lineNo, "expected " + HEADER.size() + " fields, found " + f.size());
      }
      Line line;
      try {
        line = line(lineNo, f, passwords);
      } catch (DomainException e) {
        throw DomainException.invalid("line " + lineNo, e.getMessage());
      }
      Integer first = seen.putIfAbsent(line.user().username(), lineNo);
      if (first != null) {
        throw DomainException.invalid("line " + lineNo, "username: '" + line.user().username() + "' is already on line " + first);
      }
      out.add(line);
    }
    if (out.isEmpty()) {
      throw DomainException.invalid("file", "has no users");
    }
    return out;
  }

  private static Line line(int lineNo, List<String> f, Supplier<String> passwords) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String role : f.get(2).split(";")) {
      if (!role.isBlank()) {
        roles.add(Role.fromWire(role.strip().toLowerCase()));
      }
    }
    String party = f.get(3).strip();
    boolean generate = f.get(4).isEmpty();
    String password = generate ? passwords.get() : f.get(4);
    UserInput user = new UserInput(f.get(0), f.get(1), password, null, roles);
    return new Line(lineNo, user, party.isEmpty() ? null : party, generate);
  }
}
