package org.quorate.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.stream.Collectors;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.DomainException;

/** Reads what a REST request carries: its JSON body as a record, path parameters, the principal. */
public final class Requests {
  static final String PRINCIPAL = "quorate.principal";
  static final String TOKEN = "quorate.token";

  private Requests() {}

  public static Principal principal(RoutingContext ctx) {
    Principal p = ctx.get(PRINCIPAL);
    if (p == null) {
      throw DomainException.notAuthenticated("a valid token is required");
    }
    return p;
  }

  public static String token(RoutingContext ctx) {
    return ctx.get(TOKEN);
  }

  public static <T> T body(RoutingContext ctx, Class<T> type) {
    if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() == 0) {
      throw DomainException.invalid("body", "a JSON body is required");
    }
    try {
      T value = Jackson.JSON.readValue(ctx.body().buffer().getBytes(), type);
      if (value == null) {
        throw DomainException.invalid("body", "a JSON object is required");
      }
      return value;
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof DomainException d) {
        throw d;
      }
      if (e.getCause() instanceof StreamReadException broken) {
        // A syntax error inside a field's value is reported through that field; it is still malformed JSON.
        throw DomainException.invalid("body", "malformed JSON: " + broken.getOriginalMessage());
      }
      throw DomainException.invalid(fieldOf(e), describe(e));
    } catch (JsonProcessingException e) {
      throw DomainException.invalid("body", "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw DomainException.invalid("body", "unreadable body");
    }
  }

  public static long longParam(RoutingContext ctx, String name) {
    String raw = ctx.pathParam(name) != null ? ctx.pathParam(name) : ctx.queryParams().get(name);
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException | NullPointerException e) {
      throw DomainException.invalid(name, "must be a whole number");
    }
  }

  private static String fieldOf(JsonMappingException e) {
    String path = e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
    return path.isEmpty() ? "body" : path.replace(".[", "[");
  }

  private static String describe(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown field '" + Excerpt.of(u.getPropertyName()) + "'";
    }
    if (e.getCause() instanceof DomainException d) {
      return d.getMessage();
    }
    String msg = e.getOriginalMessage();
    if (msg != null && msg.contains("Null value for creator property")) {
      return "is required";
    }
    return "has the wrong type or value";
  }
}
