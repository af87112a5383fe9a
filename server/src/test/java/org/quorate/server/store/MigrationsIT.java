package org.quorate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.quorate.server.config.DatabaseUrl;
import org.quorate.server.testing.TestDatabase;
import org.quorate.server.testing.TestServer;

class MigrationsIT {

  @Test
  void migratingTwiceAppliesNothingTheSecondTimeAndKeepsTheData() throws SQLException {
    DatabaseUrl db = TestDatabase.freshDatabase();

    MigrateResult first = Migrations.apply(db);
    assertThat(first.migrationsExecuted).isGreaterThanOrEqualTo(1);
    execute(db, "INSERT INTO voting_group (name) VALUES ('Survivors')");
    execute(db, "INSERT INTO party (name, category, voting_group_id) "
        + "SELECT 'Survivor Energy Ltd', 'small_supplier', id FROM voting_group WHERE name = 'Survivors'");

    MigrateResult second = Migrations.apply(db);

    assertThat(second.migrationsExecuted).isZero();
    assertThat(count(db, "SELECT count(*) FROM party WHERE name = 'Survivor Energy Ltd'")).isEqualTo(1);
    assertThat(count(db, "SELECT count(*) FROM party_category")).isEqualTo(7);
    assertThat(count(db, "SELECT count(*) FROM flyway_schema_history WHERE success"))
        .isEqualTo(first.migrationsExecuted);
  }

  @Test
  void restartingAServerOnItsOwnDatabaseNeitherMigratesAgainNorReloadsTheDemoData() throws SQLException {
    try (TestServer server = TestServer.startWithDemoData()) {
      long parties = count(server.database(), "SELECT count(*) FROM party");
      long users = count(server.database(), "SELECT count(*) FROM app_user");

      server.restart();

      assertThat(Migrations.apply(server.database()).migrationsExecuted).isZero();
      assertThat(count(server.database(), "SELECT count(*) FROM party")).isEqualTo(parties);
      assertThat(count(server.database(), "SELECT count(*) FROM app_user")).isEqualTo(users);
      assertThat(server.as("alice").get("/api/me").status()).isEqualTo(200);
    }
  }

  private static void execute(DatabaseUrl db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long count(DatabaseUrl db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
