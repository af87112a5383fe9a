package org.quorate.server.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * Many voters for the ballot load tests: a Working Group whose voting members each have a Party and
 * Voting Group of their own (categories in turn) and a sign-in, all made directly in the store — a
 * password hash each would take minutes. Voter {@code i} of prefix {@code p} is user {@code p<i>}.
 */
final class BulkVoters {
  private BulkVoters() {}

  /** Creates the body {@code code} with {@code count} voters; returns the body's id. */
  static long create(TestServer server, String code, String name, String prefix, int count) throws Exception {
    long body = server.as("admin").post("/api/bodies", Map.of("code", code, "name", name, "kind", "working_group", "rules", "WORKING_GROUP"))
        .json().get("id").asLong();
    String party = Character.toUpperCase(prefix.charAt(0)) + prefix.substring(1) + " Party ";
    int number = party.length() + 1;
    String voter = Character.toUpperCase(prefix.charAt(0)) + prefix.substring(1) + " Voter ";
    try (Connection c = jdbc(server); Statement s = c.createStatement()) {
      s.execute("INSERT INTO voting_group (name) SELECT '" + party + "' || g FROM generate_series(0, " + (count - 1) + ") g");
      s.execute("INSERT INTO party (name, category, voting_group_id) SELECT v.name, (ARRAY['large_supplier', 'small_supplier', "
          + "'electricity_network', 'gas_network', 'other_sec_party'])[1 + (substring(v.name from " + number + ")::int % 5)], v.id "
          + "FROM voting_group v WHERE v.name LIKE '" + party + "%'");
      s.execute("INSERT INTO app_user (username, display_name, password_hash, party_id, roles) SELECT '" + prefix + "' || substring(p.name from "
          + number + "), '" + voter + "' || substring(p.name from " + number + "), (SELECT password_hash FROM app_user WHERE username = 'kate'), "
          + "p.id, '{member}' FROM party p WHERE p.name LIKE '" + party + "%'");
      s.execute("INSERT INTO body_member (body_id, user_id, seat, voting, party_id, category) SELECT " + body + ", u.id, 'Member', true, "
          + "p.id, p.category FROM app_user u JOIN party p ON p.id = u.party_id WHERE u.username LIKE '" + prefix + "%'");
      s.execute("INSERT INTO auth_token (token_hash, user_id, expires_at) SELECT sha256(('" + prefix + "-token-' || u.username)::bytea), "
          + "u.id, now() + interval '1 day' FROM app_user u WHERE u.username LIKE '" + prefix + "%'");
    }
    return body;
  }

  /** Signs every voter in over its own socket, {@code threads} at a time; voter {@code i} is element {@code i}. */
  static List<WsClient> connect(TestServer server, String prefix, int count, ExecutorService threads) {
    List<CompletableFuture<WsClient>> connecting = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String token = prefix + "-token-" + prefix + i;
      connecting.add(CompletableFuture.supplyAsync(() -> WsClient.connect(server.port(), token), threads));
    }
    return new ArrayList<>(connecting.stream().map(CompletableFuture::join).toList());
  }

  /** Opens an open-visibility decision of {@code body} on MP210, closing in an hour; returns the ack. */
  static JsonNode open(WsClient moderator, String body) {
    Map<String, Object> open = new HashMap<>(Map.of("type", "open_decision", "body", body, "question", "Recommend MP210?",
        "kind", "asynchronous", "modification_id", "MP210", "visibility", "open"));
    open.put("closes_at", Instant.now().plusSeconds(3600).toString());
    JsonNode ack = moderator.request(open);
    assertThat(WsClient.type(ack)).as(ack.toString()).isEqualTo("ack");
    return ack;
  }

  /** A tally as the wire gives it ({@code approve}, {@code reject}, {@code abstain}), to compare with a recount. */
  static Map<String, Integer> counts(JsonNode tally) {
    return Map.of("approve", tally.get("approve").asInt(), "reject", tally.get("reject").asInt(), "abstain", tally.get("abstain").asInt());
  }

  /** A recount from the store: how many seats' latest ballot is each choice (withdrawn ones count for none). */
  static Map<String, Integer> latestChoices(TestServer server, long decision) throws Exception {
    Map<String, Integer> out = new HashMap<>(Map.of("approve", 0, "reject", 0, "abstain", 0));
    try (Connection c = jdbc(server); Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT choice, count(*) FROM (SELECT DISTINCT ON (seat_id) choice FROM ballot WHERE decision_id = "
            + decision + " ORDER BY seat_id, id DESC) latest WHERE choice IS NOT NULL GROUP BY choice")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getInt(2));
      }
    }
    return out;
  }

  static Connection jdbc(TestServer server) throws Exception {
    return DriverManager.getConnection(server.database().jdbcUrl(), "postgres", "");
  }
}
