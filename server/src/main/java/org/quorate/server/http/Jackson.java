package org.quorate.server.http;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The REST API's JSON mapping: snake_case fields, ISO-8601 times, unknown fields refused, and no
 * silent type coercion ({@code "name": 5} is a client's mistake, not the name "5").
 */
public final class Jackson {
  /** Jackson quotes the offending token in syntax errors; an error may quote only a short prefix of the input. */
  public static final ObjectMapper JSON = configure(new ObjectMapper(JsonFactory.builder()
      .errorReportConfiguration(ErrorReportConfiguration.builder().maxErrorTokenLength(32).maxRawContentLength(0).build())
      .build()));
  public static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));

  private Jackson() {}

  private static ObjectMapper configure(ObjectMapper mapper) {
    mapper
        .registerModule(new JavaTimeModule())
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    for (LogicalType scalar : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
      mapper.coercionConfigFor(scalar).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }
    return mapper;
  }
}
