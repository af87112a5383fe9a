package org.quorate.server.meetings;

import java.util.Set;

/**
 * INTERIM rule, until the decisions rules engine is wired in: a meeting is quorate when more than
 * half of the body's voting seats are present (in the room, remotely, or filled by an appointed
 * alternate or proxy). DCC and Consumer Member seats never vote, whatever body_member.voting says.
 */
public final class InterimQuoracyProbe implements QuoracyProbe {
  public static final String RULE = "Interim rule (pending the decisions rules engine): more than half of the body's "
      + "voting members present, in person, remotely or by an appointed alternate or proxy; DCC and Consumer Member "
      + "seats do not vote; postal ballots are not counted.";
  private static final Set<String> NON_VOTING_CATEGORIES = Set.of("dcc", "consumer_member");

  @Override
  public Quoracy assess(RegisterSnapshot register) {
    int base = 0;
    int present = 0;
    for (RegisterSnapshot.SeatPresence seat : register.seats()) {
      if (votes(seat)) {
        base++;
        if (seat.present()) {
          present++;
        }
      }
    }
    int required = base / 2 + 1;
    boolean quorate = base > 0 && present >= required;
    String numbers = present + " of " + base + " voting members present; more than half (" + required + ") required";
    String explanation;
    if (base == 0) {
      explanation = "inquorate: the body has no voting members";
    } else if (quorate) {
      explanation = "quorate: " + numbers;
    } else {
      int more = required - present;
      explanation = "inquorate: " + numbers + ", " + more + " more needed";
    }
    return new Quoracy(quorate, present, base, required, explanation, RULE);
  }

  static boolean votes(RegisterSnapshot.SeatPresence seat) {
    return seat.voting() && (seat.category() == null || !NON_VOTING_CATEGORIES.contains(seat.category()));
  }
}
