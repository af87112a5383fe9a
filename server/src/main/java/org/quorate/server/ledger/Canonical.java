package org.quorate.server.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Canonical JSON (keys sorted at every level, no whitespace, UTF-8) and the SHA-256 arithmetic of the
 * ledger, shared by the server that writes entries and the {@code verify} command that checks them.
 */
public final class Canonical {
  public static final String GENESIS = "0".repeat(64);
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private Canonical() {}

  public static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Re-canonicalises stored JSON text: equal to the input exactly when the input was canonical. */
  public static String recanonical(String text) {
    try {
      return json(JSON.readValue(text, Object.class));
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> parse(String text) {
    try {
      return JSON.readValue(text, Map.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
  }

  /** SHA-256(previous hash's bytes || the entry's canonical JSON), hex. */
  public static String entryHash(String prevHashHex, String canonicalBody) {
    return hash(HexFormat.of().parseHex(prevHashHex), canonicalBody);
  }

  /** A sealed ballot's commitment: SHA-256(salt bytes || canonical ballot JSON), hex. */
  public static String commitment(String saltHex, String canonicalBallot) {
    return hash(HexFormat.of().parseHex(saltHex), canonicalBallot);
  }

  private static String hash(byte[] prefix, String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(prefix);
      sha.update(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
