package org.quorate.server.meetings;

/**
 * SEAM to the decisions feature: the live quoracy check of a meeting, from its attendance register.
 * Meetings ask it whenever attendance changes, when the agenda moves and when a meeting vote closes.
 * {@link InterimQuoracyProbe} applies a clearly-named interim rule; the decisions rules engine
 * (decisions.counting.QuoracyCheck over the body's versioned rules, with postal ballots and proxies
 * as the rules say) replaces it where {@code Meetings} is wired.
 */
@FunctionalInterface
public interface QuoracyProbe {
  Quoracy assess(RegisterSnapshot register);
}
