package org.quorate.server.decisions.rules;

import java.time.LocalDate;
import org.quorate.server.domain.Checks;
import org.quorate.server.domain.DomainException;

/**
 * One version of one body's decision rules, loaded from {@code rules/*.yaml}. Every rule cites the
 * clause it implements; a decision records {@link #reference()} so it can always be re-explained.
 */
public record BodyRules(
    String body,
    String name,
    int version,
    LocalDate effectiveFrom,
    RulesStatus status,
    String note,
    ElectorateRule electorate,
    QuorumRule quorum,
    MajorityRule majority,
    AbstentionRule abstentions,
    CastingVoteRule castingVote,
    RecusalRule recusal,
    InquorateRule inquorate,
    AmendmentRule amendments,
    AsynchronousRule asynchronous,
    ReasonsRule reasons,
    ProxyRule proxies,
    ExtensionRule extensions) {

  public BodyRules {
    body = Checks.text(body, "body", 40);
    if (!body.matches("[A-Z0-9_]{2,40}")) {
      throw DomainException.invalid("body", "must be an upper-case body code such as CHANGE_BOARD");
    }
    name = Checks.text(name, "name", 200);
    if (version < 1) {
      throw DomainException.invalid("version", "must be at least 1");
    }
    Checks.required(effectiveFrom, "effective_from");
    Checks.required(status, "status");
    note = note == null ? "" : note.strip();
    Checks.required(electorate, "electorate");
    Checks.required(quorum, "quorum");
    Checks.required(majority, "majority");
    Checks.required(abstentions, "abstentions");
    Checks.required(castingVote, "casting_vote");
    Checks.required(recusal, "recusal");
    Checks.required(inquorate, "inquorate");
    Checks.required(amendments, "amendments");
    Checks.required(asynchronous, "asynchronous");
    Checks.required(reasons, "reasons");
    Checks.required(proxies, "proxies");
    Checks.required(extensions, "extensions");
  }

  /** "CHANGE_BOARD v1": what a decision records as the rules it was decided under. */
  public String reference() {
    return body + " v" + version;
  }
}
