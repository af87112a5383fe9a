package org.quorate.server.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 from the JDK's own provider. The iteration count is stored in each hash
 * ({@code pbkdf2-sha256$iterations$salt$hash}) so it can be raised later without breaking old
 * accounts. Slow by design: call it off the event loop.
 */
public final class PasswordHasher {
  private static final String PREFIX = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int KEY_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int iterations;

  public PasswordHasher(int iterations) {
    this.iterations = iterations;
  }

  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] key = derive(password, salt, iterations);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
  }

  public boolean verify(String password, String stored) {
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !PREFIX.equals(parts[0])) {
      return false;
    }
    try {
      int storedIterations = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      return storedIterations > 0 && MessageDigest.isEqual(expected, derive(password, salt, storedIterations));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A hash made with fewer iterations than today's setting is replaced at the owner's next sign-in. */
  public boolean isWeakerThanCurrent(String stored) {
    String[] parts = stored.split("\\$");
    try {
      return parts.length == 4 && PREFIX.equals(parts[0]) && Integer.parseInt(parts[1]) < iterations;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, KEY_BITS);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
    }
  }
}
