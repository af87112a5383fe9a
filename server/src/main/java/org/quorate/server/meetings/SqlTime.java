package org.quorate.server.meetings;

import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants to and from timestamptz columns (the PostgreSQL client speaks OffsetDateTime). */
final class SqlTime {
  private SqlTime() {}

  static OffsetDateTime of(Instant at) {
    return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }

  static Instant read(Row row, String column) {
    OffsetDateTime t = row.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }
}
