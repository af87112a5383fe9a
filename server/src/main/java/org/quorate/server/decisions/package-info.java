/**
 * Decisions: the pure core first, Vert.x nowhere in it.
 *
 * <ul>
 *   <li>{@code rules}: each body's rules as versioned data ({@code resources/rules/*.yaml}), every rule
 *       citing its clause; {@code RulesCatalogue.loadDefaults()} fails at start-up naming a bad field.
 *   <li>{@code counting}: {@code DecisionFacts} (everything a count depends on, frozen) →
 *       {@code CountedBallots} (one ballot per seat, Voting Group or Party Category) →
 *       {@code QuoracyCheck.evaluate} (quoracy that explains itself, with a forecast) and
 *       {@code DecisionResult.decide} (tally, majority verdict, outcome, inquorate follow-up, explanation).
 *   <li>{@code lifecycle}: {@code DecisionLifecycle}, an immutable state machine returning the next
 *       state and the {@code Transition} to record.
 *   <li>{@code admission}: whether a ballot, a proxy appointment or an asynchronous decision may be
 *       made, refused with typed {@code DomainException}s; run inside the write transaction.
 * </ul>
 */
package org.quorate.server.decisions;
