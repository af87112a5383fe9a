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

  /**
   * These rules for a vote the chair closed at a meeting, which is not reopened for more ballots:
   * where they would extend an inquorate decision once, what they say follows the extension applies now.
   * {@code verify} applies the same when a close records it, so both judge alike.
   */
  public BodyRules withoutReopening() {
    if (inquorate.action() != InquorateRule.Action.EXTEND_ONCE) {
      return this;
    }
    String clause = inquorate.clause() + "; a vote closed at a meeting is not reopened";
    var now = new InquorateRule(clause.length() <= 400 ? clause : inquorate.clause(), inquorate.thenAction(), null,
        inquorate.provisionalWorkingDays(), null);
    return new BodyRules(body, name, version, effectiveFrom, status, note, electorate, quorum, majority, abstentions, castingVote,
        recusal, now, amendments, asynchronous, reasons, proxies, extensions);
  }
}
