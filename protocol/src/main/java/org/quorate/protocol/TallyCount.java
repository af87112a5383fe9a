package org.quorate.protocol;

/** How many counted ballots chose one option of a vote. */
public record TallyCount(String option, int votes) {}
