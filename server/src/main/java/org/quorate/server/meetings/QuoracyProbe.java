package org.quorate.server.meetings;

/**
 * SEAM to the decisions feature: the live quoracy check of a meeting, from its attendance register.
 * Meetings ask it whenever attendance changes, when the agenda moves and when a meeting vote closes.
 * The decisions feature answers it (decisions.RulesQuoracyProbe) with its QuoracyCheck over the
 * body's current rules; postal ballots count only in a vote, never in attendance.
 */
@FunctionalInterface
public interface QuoracyProbe {
  Quoracy assess(RegisterSnapshot register);
}
