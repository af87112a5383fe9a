package org.quorate.protocol;

import java.time.Instant;

/** One raised hand in a meeting's speaking queue; points of order go to the top. */
public record QueueEntry(long requestId, UserRef user, boolean pointOfOrder, Instant raisedAt) {}
