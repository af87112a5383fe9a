package org.quorate.protocol;

/** A user as other users see them. */
public record UserRef(long id, String displayName) {}
