package org.quorate.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import org.quorate.protocol.ErrorCode;
import org.quorate.server.domain.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place a failure becomes an HTTP status and a JSON error body. Never a stack trace. */
public final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private static final int MAX_MESSAGE = 300;
  private static final int MAX_FIELD = 80;

  private ErrorResponses() {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ErrorBody(ErrorCode error, String message, String field) {}

  public static int status(ErrorCode code) {
    return switch (code) {
      case NOT_AUTHENTICATED -> 401;
      case NOT_AUTHORISED -> 403;
      case NOT_FOUND -> 404;
      case INVALID -> 400;
      case RATE_LIMITED -> 429;
      case CONFLICT, DECISION_CLOSED -> 409;
      case UNAVAILABLE -> 503;
      case INTERNAL -> 500;
    };
  }

  /** Turns any failure into a typed domain error; unknown failures are logged and become {@code internal}. */
  public static DomainException classify(Throwable failure, String context) {
    if (failure instanceof DomainException d) {
      return d;
    }
    if (failure instanceof io.vertx.ext.web.handler.HttpException http && http.getStatusCode() >= 400
        && http.getStatusCode() < 500) {
      // Vert.x Web's own refusals, such as a query string with a broken %-escape.
      ErrorCode code = codeFor(http.getStatusCode()) == ErrorCode.INTERNAL ? ErrorCode.INVALID : codeFor(http.getStatusCode());
      return new DomainException(code, "request failed with status " + http.getStatusCode(), null);
    }
    if (failure instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      String field = constrainedColumn(pg, "_key");
      return new DomainException(ErrorCode.CONFLICT, (field == null ? "it" : field) + " already exists", field);
    }
    if (failure instanceof PgException pg && "23503".equals(pg.getSqlState())) {
      String field = constrainedColumn(pg, "_fkey");
      return DomainException.invalid(field == null ? "body" : field, "refers to something that does not exist");
    }
    if (isStoreUnreachable(failure)) {
      LOG.warn("{}: database unavailable: {}", context, failure.toString());
      return new DomainException(ErrorCode.UNAVAILABLE, "the store is unavailable; retry later", null);
    }
    if (isStoreBusy(failure)) {
      LOG.info("{}: store busy: {}", context, failure.toString());
      return new DomainException(ErrorCode.UNAVAILABLE, "the store is busy; nothing was changed; retry with the same command id", null);
    }
    LOG.error("{}: unexpected failure", context, failure);
    return new DomainException(ErrorCode.INTERNAL, "internal error; nothing was changed", null);
  }

  /**
   * The column behind a violated constraint, from PostgreSQL's structured error fields and its
   * default constraint names ({@code party_name_key}, {@code body_member_user_id_fkey}); never
   * from the message text. Null when the constraint is not named that way.
   */
  static String constrainedColumn(PgException pg, String suffix) {
    String table = pg.getTable();
    String constraint = pg.getConstraint();
    if (table != null && constraint != null && constraint.startsWith(table + "_") && constraint.endsWith(suffix)) {
      String column = constraint.substring(table.length() + 1, constraint.length() - suffix.length());
      if (!column.isEmpty()) {
        return column;
      }
    }
    return null;
  }

  /**
   * Lost or refused connections to PostgreSQL, recognised by type (never by message text), and
   * PostgreSQL saying it is stopping, starting or recovering (SQLSTATE class 08, 57P01–57P03).
   */
  static boolean isStoreUnreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PgException pg && pg.getSqlState() != null
          && (pg.getSqlState().startsWith("08") || pg.getSqlState().matches("57P0[123]"))) {
        return true;
      }
      if (t instanceof java.net.ConnectException || t instanceof io.vertx.sqlclient.ClosedConnectionException
          || t instanceof io.netty.channel.ConnectTimeoutException || t instanceof java.nio.channels.ClosedChannelException
          || t instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
        return true;
      }
    }
    return false;
  }

  private static ErrorCode codeFor(int status) {
    return switch (status) {
      case 401 -> ErrorCode.NOT_AUTHENTICATED;
      case 403 -> ErrorCode.NOT_AUTHORISED;
      case 404, 405 -> ErrorCode.NOT_FOUND;
      case 400, 413, 415 -> ErrorCode.INVALID;
      default -> ErrorCode.INTERNAL;
    };
  }

  /**
   * Overload rather than fault, by SQLSTATE: a statement or lock wait that hit its timeout (57014,
   * 55P03), a serialization failure or deadlock still failing after its retries (40001, 40P01), or
   * no connection slot (53300). The transaction was rolled back, so retrying is safe.
   */
  static boolean isStoreBusy(Throwable failure) {
    if (failure instanceof PgException pg) {
      return switch (String.valueOf(pg.getSqlState())) {
        case "57014", "55P03", "40001", "40P01", "53300" -> true;
        default -> false;
      };
    }
    return false;
  }

  public static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    DomainException error;
    if (failure == null) {
      int status = ctx.statusCode();
      ErrorCode code = codeFor(status);
      error = new DomainException(code, "request failed with status " + status, null);
      send(ctx, status == 405 || status == 413 || status == 415 ? status : status(code), error);
      return;
    }
    if (ctx.statusCode() == 403 && !(failure instanceof DomainException)) {
      // Vert.x's CORS handler refuses a foreign Origin with 403 and an exception of its own: not our fault, not a 500.
      send(ctx, 403, DomainException.notAuthorised("requests from this Origin are not allowed"));
      return;
    }
    error = classify(failure, ctx.request().method() + " " + ctx.request().path());
    send(ctx, status(error.code()), error);
  }

  private static void send(RoutingContext ctx, int status, DomainException error) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    if (error.retryAfter() != null) {
      long seconds = Math.max(1, (error.retryAfter().toMillis() + 999) / 1000);
      ctx.response().putHeader("Retry-After", Long.toString(seconds));
    } else if (status == 503) {
      ctx.response().putHeader("Retry-After", "1");
    }
    Responses.json(ctx, status, body(error));
  }

  /**
   * The wire form of an error. Messages and field names can quote what the client sent; they are
   * cut short so an error never reflects a large input back.
   */
  public static ErrorBody body(DomainException error) {
    return new ErrorBody(error.code(), Excerpt.of(error.getMessage(), MAX_MESSAGE), Excerpt.of(error.field(), MAX_FIELD));
  }
}
