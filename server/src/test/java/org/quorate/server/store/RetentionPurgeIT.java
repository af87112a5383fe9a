package org.quorate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;

/** Command results and expired tokens do not grow for ever: old ones are purged, in batches, and nothing current is. */
@DemoServer
class RetentionPurgeIT {
  static TestServer server;

  @Test
  void oldCommandResultsAndLongExpiredTokensArePurgedInBatchesWhileCurrentOnesStay() throws Exception {
    long kate = server.userId("kate");
    String stillSignedIn = server.as("kate").token();
    try (Connection c = DriverManager.getConnection(server.database().jdbcUrl(), "postgres", ""); Statement s = c.createStatement()) {
      s.execute("INSERT INTO command_result (user_id, command_id, created_at) SELECT " + kate + ", 'old-' || g, now() - interval '8 days' "
          + "FROM generate_series(1, 2500) g");
      s.execute("INSERT INTO command_result (user_id, command_id, created_at) SELECT " + kate + ", 'recent-' || g, now() - interval '6 days' "
          + "FROM generate_series(1, 10) g");
      s.execute("INSERT INTO auth_token (token_hash, user_id, expires_at) SELECT sha256(('expired-' || g)::bytea), " + kate
          + ", now() - interval '8 days' FROM generate_series(1, 1200) g");
      s.execute("INSERT INTO auth_token (token_hash, user_id, expires_at) SELECT sha256(('lately-' || g)::bytea), " + kate
          + ", now() - interval '1 day' FROM generate_series(1, 5) g");

      RetentionPurge purge = new RetentionPurge(server.server().vertx(), server.server().pool(), 1_000);
      RetentionPurge.Purged purged = purge.purgeNow().await(60, TimeUnit.SECONDS);

      assertThat(purged.commandResults()).isEqualTo(2500);
      assertThat(purged.tokens()).isEqualTo(1200);
      assertThat(purged.batches()).as("at most 1,000 rows a batch: 3 for 2,500 results, 2 for 1,200 tokens").isEqualTo(5);
      assertThat(count(s, "SELECT count(*) FROM command_result WHERE command_id LIKE 'old-%'")).isZero();
      assertThat(count(s, "SELECT count(*) FROM command_result WHERE command_id LIKE 'recent-%'")).isEqualTo(10);
      assertThat(count(s, "SELECT count(*) FROM auth_token WHERE expires_at < now() - interval '7 days'")).isZero();
      assertThat(count(s, "SELECT count(*) FROM auth_token WHERE expires_at BETWEEN now() - interval '2 days' AND now()")).isEqualTo(5);
    }
    assertThat(server.api().withToken(stillSignedIn).get("/api/me").status()).as("a current token still works").isEqualTo(200);
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
