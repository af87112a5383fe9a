package org.quorate.server.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.quorate.server.config.ConfigException;
import org.quorate.server.config.DatabaseUrl;

/** Applies the Flyway SQL migrations under {@code db/migration}; blocking, run before deployment. */
public final class Migrations {
  private Migrations() {}

  public static MigrateResult apply(DatabaseUrl url) {
    try {
      return Flyway.configure()
          .dataSource(url.jdbcUrl(), url.user(), url.password())
          .locations("classpath:db/migration")
          .connectRetries(0)
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new ConfigException("cannot migrate database " + url + ": " + DatabaseServer.rootMessage(e));
    }
  }
}
