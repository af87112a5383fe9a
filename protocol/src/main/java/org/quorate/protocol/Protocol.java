package org.quorate.protocol;

/** Protocol-wide constants. The version is announced in {@code welcome} and sent in {@code authenticate}. */
public final class Protocol {
  /** Bumped on any incompatible change to a message; additive changes keep it. */
  public static final int VERSION = 1;
  public static final int MAX_COMMAND_ID = 64;
  public static final int MAX_MESSAGE_BODY = 10_000;
  public static final int MAX_REASON = 2_000;
  public static final int MAX_HISTORY_PAGE = 200;

  private Protocol() {}
}
