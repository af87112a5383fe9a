package org.quorate.server.email;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed one-click unsubscribe links: {@code /api/email/unsubscribe?user=ID&sig=HMAC}. The HMAC
 * (SHA-256, keyed by the secret stored in the database, so every node agrees) proves the link came
 * from us for that user, so it works without signing in and cannot be forged for someone else.
 */
final class UnsubscribeLinks {
  private final byte[] secret;
  private final String baseUrl;

  UnsubscribeLinks(byte[] secret, String baseUrl) {
    this.secret = secret.clone();
    this.baseUrl = baseUrl;
  }

  String url(long userId) {
    return baseUrl + "/api/email/unsubscribe?user=" + userId + "&sig=" + signature(userId);
  }

  boolean valid(long userId, String signature) {
    return signature != null && MessageDigest.isEqual(signature(userId).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
  }

  private String signature(long userId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] sig = mac.doFinal(("unsubscribe:" + userId).getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
