package org.quorate.protocol;

/** A SEC Party as users see it. */
public record PartyRef(long id, String name) {}
