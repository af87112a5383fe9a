package org.quorate.server.decisions.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.quorate.server.domain.Checks;

/** Whether this body decides asynchronously at all, and whether only on items already discussed at a meeting. */
public record AsynchronousRule(
    String clause,
    @JsonProperty(required = true) boolean allowed,
    @JsonProperty(required = true) boolean onlyItemsDiscussedAtMeeting) {
  public AsynchronousRule {
    clause = Checks.text(clause, "clause", 400);
  }
}
