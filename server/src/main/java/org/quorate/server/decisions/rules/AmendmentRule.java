package org.quorate.server.decisions.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.quorate.server.domain.Checks;

/** What happens to ballots cast on an earlier version of a motion once it is amended. */
public record AmendmentRule(String clause, Policy onAmendment) {

  /** The treatment of a ballot cast on an older motion version. */
  public enum Policy {
    /** The ballot no longer counts; the voter must vote again. */
    @JsonProperty("lapse")
    LAPSE,
    /** The ballot does not count until the voter confirms it on the new version. */
    @JsonProperty("need_confirmation")
    NEED_CONFIRMATION,
    /** The ballot counts as an abstention. */
    @JsonProperty("count_as_abstention")
    COUNT_AS_ABSTENTION
  }

  public AmendmentRule {
    clause = Checks.text(clause, "clause", 400);
    Checks.required(onAmendment, "on_amendment");
  }
}
