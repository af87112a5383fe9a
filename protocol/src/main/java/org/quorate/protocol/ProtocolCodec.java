package org.quorate.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * JSON for the wire: snake_case fields, a {@code type} discriminator, ISO-8601 instants. Decoding
 * failures become a {@link ProtocolViolation} naming the field, never a Jackson exception.
 */
public final class ProtocolCodec {
  /** How much of an offending input an error may quote. */
  static final int MAX_QUOTE = 32;

  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
          // Jackson quotes the offending token in syntax errors; keep that a short prefix.
          .errorReportConfiguration(ErrorReportConfiguration.builder().maxErrorTokenLength(MAX_QUOTE).maxRawContentLength(0).build())
          .build())
      .registerModule(new JavaTimeModule())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .setSerializationInclusion(JsonInclude.Include.ALWAYS)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ProtocolCodec() {}

  public static ClientCommand decodeCommand(String json) {
    return decode(json, ClientCommand.class);
  }

  public static ServerEvent decodeEvent(String json) {
    return decode(json, ServerEvent.class);
  }

  public static String encode(Object message) {
    try {
      return MAPPER.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("protocol records always encode", e);
    }
  }

  /** The {@code id} of a message that may not decode, so even a rejected command's error echoes it. */
  public static String peekId(String json) {
    try {
      com.fasterxml.jackson.databind.JsonNode node = MAPPER.readTree(json);
      // An over-long id is not echoed: it would reflect the input back, and it is invalid anyway.
      return node != null && node.path("id").isTextual() && node.get("id").asText().length() <= Protocol.MAX_COMMAND_ID
          ? node.get("id").asText() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The shared mapper, for servers that store events as JSON and need the same shape. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  private static String quote(String input) {
    if (input == null || input.length() <= MAX_QUOTE) {
      return input;
    }
    int end = Character.isHighSurrogate(input.charAt(MAX_QUOTE - 1)) ? MAX_QUOTE - 1 : MAX_QUOTE;
    return input.substring(0, end) + "…";
  }

  private static <T> T decode(String json, Class<T> type) {
    try {
      T value = MAPPER.readValue(json, type);
      if (value == null) {
        throw new ProtocolViolation(null, "a JSON object is required");
      }
      return value;
    } catch (InvalidTypeIdException e) {
      throw new ProtocolViolation("type", e.getTypeId() == null ? "type is required" : "unknown type '" + quote(e.getTypeId()) + "'");
    } catch (UnrecognizedPropertyException e) {
      String name = quote(e.getPropertyName());
      throw new ProtocolViolation(name, "unknown field '" + name + "'");
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof ProtocolViolation v) {
        throw v;
      }
      String field = quote(e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining(".")));
      throw new ProtocolViolation(field.isEmpty() ? null : field, (field.isEmpty() ? "message" : field) + " has the wrong type or value");
    } catch (JsonProcessingException e) {
      throw new ProtocolViolation(null, "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ProtocolViolation(null, "unreadable message");
    }
  }
}
