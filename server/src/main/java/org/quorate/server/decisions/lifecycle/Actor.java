package org.quorate.server.decisions.lifecycle;

/** Who asks for a lifecycle change; only moderators open, extend, close early or cancel. */
public record Actor(long userId, boolean moderator) {}
