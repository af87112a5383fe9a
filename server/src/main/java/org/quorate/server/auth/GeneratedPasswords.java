package org.quorate.server.auth;

import java.security.SecureRandom;

/** Passwords the command line makes up for a user: random, and easy to read out or type. */
public final class GeneratedPasswords {
  /** No 0/O, 1/l/I: the password is often read from a screen and typed by someone else. */
  private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final int LENGTH = 20;
  private static final SecureRandom RANDOM = new SecureRandom();

  private GeneratedPasswords() {}

  /** About 117 bits of entropy. */
  public static String create() {
    StringBuilder out = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }
}
