package org.quorate.server.decisions.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.quorate.server.domain.DomainException;
import org.quorate.server.http.Jackson;

/** Parses one rules file and turns every mapping failure into an {@link InvalidRulesException} naming the field. */
public final class RulesLoader {
  private static final ObjectMapper YAML = Jackson.YAML;

  private RulesLoader() {}

  public static BodyRules parse(String file, InputStream in) {
    try {
      BodyRules rules = YAML.readValue(in, BodyRules.class);
      if (rules == null) {
        throw new InvalidRulesException(file, "", "is empty", null);
      }
      return rules;
    } catch (JsonMappingException e) {
      throw explain(file, e);
    } catch (JsonProcessingException e) {
      throw new InvalidRulesException(file, "", "is not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InvalidRulesException(file, "", "cannot be read: " + e.getMessage(), e);
    } catch (DomainException e) {
      throw new InvalidRulesException(file, e.field() == null ? "" : e.field(), problem(e), e);
    }
  }

  private static InvalidRulesException explain(String file, JsonMappingException e) {
    String path = path(e);
    if (e.getCause() instanceof DomainException domain) {
      String field = domain.field() == null || path.endsWith(domain.field()) ? path : join(path, domain.field());
      return new InvalidRulesException(file, field, problem(domain), e);
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      return new InvalidRulesException(file, path, "is not a known field (known: "
          + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "))
          + ")", e);
    }
    if (e instanceof InvalidFormatException format && format.getTargetType() != null && format.getTargetType().isEnum()) {
      return new InvalidRulesException(file, path, "'" + format.getValue() + "' is not one of "
          + Arrays.stream(format.getTargetType().getEnumConstants()).map(RulesLoader::wireName)
              .collect(Collectors.joining(", ")), e);
    }
    return new InvalidRulesException(file, path, e.getOriginalMessage(), e);
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  /** The domain message without its "field: " prefix, since the path is reported separately. */
  private static String problem(DomainException e) {
    String message = e.getMessage();
    String prefix = e.field() + ": ";
    return e.field() != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  private static String wireName(Object constant) {
    Enum<?> value = (Enum<?>) constant;
    try {
      JsonProperty annotation = value.getDeclaringClass().getField(value.name()).getAnnotation(JsonProperty.class);
      return annotation != null ? annotation.value() : value.name();
    } catch (NoSuchFieldException e) {
      return value.name();
    }
  }
}
