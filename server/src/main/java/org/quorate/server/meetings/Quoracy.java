package org.quorate.server.meetings;

/**
 * Whether a meeting is quorate now, with the numbers behind it: {@code present} of {@code base}
 * counted seats, {@code required} needed; a sentence for people and the rule applied.
 */
public record Quoracy(boolean quorate, int present, int base, int required, String explanation, String rule) {}
