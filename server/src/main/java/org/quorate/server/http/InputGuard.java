package org.quorate.server.http;

import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.quorate.server.domain.DomainException;

/**
 * Refuses, before any route runs, NUL characters (PostgreSQL rejects them in text) as
 * {@code 400 invalid} naming where they were. (Broken %-escapes never get this far: Vert.x
 * answers them with a plain 400.)
 */
final class InputGuard {
  private static final String NUL = "must not contain NUL characters";

  private InputGuard() {}

  /** The request line: path and query. */
  static void uri(RoutingContext ctx) {
    String uri = ctx.request().uri();
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    if (path.contains("%00") || path.indexOf('\0') >= 0) {
      ctx.fail(DomainException.invalid("path", NUL));
      return;
    }
    DomainException problem = q < 0 ? null : queryProblem(uri.substring(q + 1));
    if (problem != null) {
      ctx.fail(problem);
      return;
    }
    ctx.next();
  }

  /** Names the query parameter carrying NUL; null when there is none. */
  private static DomainException queryProblem(String query) {
    for (String pair : query.split("&")) {
      if (pair.contains("%00") || pair.indexOf('\0') >= 0) {
        int eq = pair.indexOf('=');
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8).replace("\0", "");
        return DomainException.invalid(name.isBlank() ? "query" : Excerpt.of(name), NUL);
      }
    }
    return null;
  }

  /** A request body: JSON strings and names, or any raw NUL byte. */
  static void body(RoutingContext ctx) {
    if (Boolean.TRUE.equals(ctx.get(BinaryBodies.MARK))) {
      ctx.next();
      return;
    }
    if (ctx.body() != null && ctx.body().buffer() != null && ctx.body().length() > 0) {
      String field = NulCharacters.fieldWithNul(ctx.body().buffer().getBytes());
      if (field != null) {
        ctx.fail(DomainException.invalid(field, NUL));
        return;
      }
    }
    ctx.next();
  }
}
