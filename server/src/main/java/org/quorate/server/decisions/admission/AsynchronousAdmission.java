package org.quorate.server.decisions.admission;

import org.quorate.server.decisions.rules.BodyRules;
import org.quorate.server.domain.DomainException;

/** Whether a body's rules let a moderator put an item to an asynchronous decision. */
public final class AsynchronousAdmission {
  private AsynchronousAdmission() {}

  /** @param discussedAtMeeting whether the item has already been discussed at a meeting of the body */
  public static void check(BodyRules rules, boolean discussedAtMeeting) {
    if (!rules.asynchronous().allowed()) {
      throw DomainException.conflict(rules.name() + " does not decide asynchronously ("
          + rules.asynchronous().clause() + ")");
    }
    if (rules.asynchronous().onlyItemsDiscussedAtMeeting() && !discussedAtMeeting) {
      throw DomainException.conflict(rules.name() + " decides asynchronously only on items already discussed at a"
          + " meeting (" + rules.asynchronous().clause() + ")");
    }
  }
}
