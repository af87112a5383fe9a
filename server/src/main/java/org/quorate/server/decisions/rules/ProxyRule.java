package org.quorate.server.decisions.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.quorate.server.domain.Checks;
import org.quorate.server.domain.DomainException;

/**
 * Whether seats may be held by a proxy or alternate, and the most seats one person may hold at once
 * (their own seat, if they have one, included).
 */
public record ProxyRule(String clause, @JsonProperty(required = true) boolean allowed, int maxSeatsPerPerson) {
  public ProxyRule {
    clause = Checks.text(clause, "clause", 400);
    if (allowed && maxSeatsPerPerson < 1) {
      throw DomainException.invalid("max_seats_per_person", "must be at least 1 when proxies are allowed");
    }
  }
}
