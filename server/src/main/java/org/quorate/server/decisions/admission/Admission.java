package org.quorate.server.decisions.admission;

import org.quorate.server.decisions.counting.Seat;

/** A ballot the rules admit: the seat it is for, whether a proxy casts it, and the constituency it counts in. */
public record Admission(Seat seat, boolean viaProxy, String constituency) {}
