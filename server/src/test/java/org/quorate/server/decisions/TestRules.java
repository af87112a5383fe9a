package org.quorate.server.decisions;

import java.util.List;
import java.util.Set;
import org.quorate.server.decisions.counting.Choice;
import org.quorate.server.decisions.rules.AbstentionRule;
import org.quorate.server.decisions.rules.AmendmentRule;
import org.quorate.server.decisions.rules.BodyRules;
import org.quorate.server.decisions.rules.CastingVoteRule;
import org.quorate.server.decisions.rules.Comparison;
import org.quorate.server.decisions.rules.CompositionRule;
import org.quorate.server.decisions.rules.ElectorateBasis;
import org.quorate.server.decisions.rules.ElectorateRule;
import org.quorate.server.decisions.rules.Fraction;
import org.quorate.server.decisions.rules.InquorateRule;
import org.quorate.server.decisions.rules.MajorityKind;
import org.quorate.server.decisions.rules.MajorityRule;
import org.quorate.server.decisions.rules.QuorumRule;
import org.quorate.server.decisions.rules.ReasonsRule;
import org.quorate.server.decisions.rules.RulesCatalogue;

/** Seeded rules and variants of them, changing one rule at a time. */
public final class TestRules {
  public static final RulesCatalogue SEEDED = RulesCatalogue.loadDefaults();

  private TestRules() {}

  public static BodyRules seeded(String body) {
    return SEEDED.current(body, "sub_committee");
  }

  /** The Panel's seeded rules: more than half, simple majority, casting vote, abstentions count toward quorum. */
  public static BodyRules panel() {
    return seeded("PANEL");
  }

  public static BodyRules withQuorum(BodyRules r, QuorumRule q) {
    return new BodyRules(r.body(), r.name(), r.version(), r.effectiveFrom(), r.status(), r.note(), r.electorate(), q,
        r.majority(), r.abstentions(), r.castingVote(), r.recusal(), r.inquorate(), r.amendments(), r.asynchronous(),
        r.reasons(), r.proxies(), r.extensions());
  }

  public static BodyRules withThreshold(BodyRules r, Fraction fraction, Comparison comparison) {
    QuorumRule q = r.quorum();
    return withQuorum(r, new QuorumRule(q.clause(), null, fraction, comparison, q.composition(), q.postalBallotsCount(),
        q.proxiesCount(), q.nonVotingSeatsCount()));
  }

  public static BodyRules withCount(BodyRules r, int count, Comparison comparison) {
    QuorumRule q = r.quorum();
    return withQuorum(r, new QuorumRule(q.clause(), count, null, comparison, q.composition(), q.postalBallotsCount(),
        q.proxiesCount(), q.nonVotingSeatsCount()));
  }

  public static BodyRules withComposition(BodyRules r, CompositionRule... rules) {
    QuorumRule q = r.quorum();
    return withQuorum(r, new QuorumRule(q.clause(), q.count(), q.fraction(), q.comparison(), List.of(rules),
        q.postalBallotsCount(), q.proxiesCount(), q.nonVotingSeatsCount()));
  }

  public static BodyRules withParticipation(BodyRules r, boolean postal, boolean proxies, boolean nonVoting) {
    QuorumRule q = r.quorum();
    return withQuorum(r, new QuorumRule(q.clause(), q.count(), q.fraction(), q.comparison(), q.composition(), postal,
        proxies, nonVoting));
  }

  public static CompositionRule atLeast(int n, String... categories) {
    return new CompositionRule("test composition", Set.of(categories), n);
  }

  public static BodyRules withMajority(BodyRules r, MajorityKind kind) {
    return new BodyRules(r.body(), r.name(), r.version(), r.effectiveFrom(), r.status(), r.note(), r.electorate(),
        r.quorum(), new MajorityRule("test majority", kind), r.abstentions(), r.castingVote(), r.recusal(),
        r.inquorate(), r.amendments(), r.asynchronous(), r.reasons(), r.proxies(), r.extensions());
  }

  public static BodyRules withAbstentions(BodyRules r, boolean towardQuorum, boolean inDenominator) {
    return new BodyRules(r.body(), r.name(), r.version(), r.effectiveFrom(), r.status(), r.note(), r.electorate(),
        r.quorum(), r.majority(), new AbstentionRule("test abstentions", towardQuorum, inDenominator),
        r.castingVote(), r.recusal(), r.inquorate(), r.amendments(), r.asynchronous(), r.reasons(), r.proxies(),
        r.extensions());
  }

  public static BodyRules withCastingVote(BodyRules r, boolean enabled) {
    return new BodyRules(r.body(), r.name(), r.version(), r.effectiveFrom(), r.status(), r.note(), r.electorate(),
        r.quorum(), r.majority(), r.abstentions(), new CastingVoteRule("test casting vote", enabled), r.recusal(),
        r.inquorate(), r.amendments(), r.asynchronous(), r.reasons(), r.proxies(), r.extensions());
  }

  public static BodyRules withAmendment(BodyRules r, AmendmentRule.Policy policy) {
    return new BodyRules(r.body(), r.name(), r.version(), r.effectiveFrom(), r.status(), r.note(), r.electorate(),
        r.quorum(), r.majority(), r.abstentions(), r.castingVote(), r.recusal(), r.inquorate(),
        new AmendmentRule("test amendment", policy), r.asynchronous(), r.reasons(), r.proxies(), r.extensions());
  }

  public static BodyRules withBasis(BodyRules r, ElectorateBasis basis) {
    return new BodyRules(r.body(), r.name(), r.version(), r.effectiveFrom(), r.status(), r.note(),
        new ElectorateRule("test electorate", basis, r.electorate().nonVotingCategories()), r.quorum(), r.majority(),
        r.abstentions(), r.castingVote(), r.recusal(), r.inquorate(), r.amendments(), r.asynchronous(), r.reasons(),
        r.proxies(), r.extensions());
  }

  public static BodyRules withInquorate(BodyRules r, InquorateRule inquorate) {
    return new BodyRules(r.body(), r.name(), r.version(), r.effectiveFrom(), r.status(), r.note(), r.electorate(),
        r.quorum(), r.majority(), r.abstentions(), r.castingVote(), r.recusal(), inquorate, r.amendments(),
        r.asynchronous(), r.reasons(), r.proxies(), r.extensions());
  }

  public static BodyRules withReasonsRequiredFor(BodyRules r, Choice... choices) {
    return new BodyRules(r.body(), r.name(), r.version(), r.effectiveFrom(), r.status(), r.note(), r.electorate(),
        r.quorum(), r.majority(), r.abstentions(), r.castingVote(), r.recusal(), r.inquorate(), r.amendments(),
        r.asynchronous(), new ReasonsRule("test reasons", Set.of(choices)), r.proxies(), r.extensions());
  }
}
