package org.quorate.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * The bench's users, rooms and bodies, written straight into the server's PostgreSQL with psql
 * (documented in RESULTS.md): creating thousands of users through sign-in would measure PBKDF2
 * and the login throttle, not the server. Every bench user gets a token whose SHA-256 is stored
 * exactly as a sign-in would store it; ids start at 1,000,000, clear of the demo data.
 */
public final class Seed {
  public static final long BASE = 1_000_000;
  public static final long ROOMS_10X100 = BASE;
  public static final long ROOMS_100X10 = BASE + 100;
  public static final long ROOM_1X1000 = BASE + 300;
  public static final long ROOMS_W1 = BASE + 1_000;
  public static final long ROOMS_W5 = BASE + 2_000_000;
  public static final String ADMIN_TOKEN = "bench-admin-token";

  private Seed() {}

  public static String token(int user) {
    return "bench-token-" + user;
  }

  public static Map<Integer, String> tokens(int users) {
    Map<Integer, String> m = new HashMap<>();
    for (int i = 0; i < users; i++) {
      m.put(i, token(i));
    }
    return m;
  }

  public static String sql(Sizes s) {
    int u = s.users();
    int v = s.voters();
    int w1Rooms = (s.w1Sockets() + 99) / 100;
    return String.join("\n",
        "\\set ON_ERROR_STOP on",
        "BEGIN;",
        "INSERT INTO voting_group (id, name) SELECT " + BASE + " + i, 'bench vg ' || i FROM generate_series(0, " + (v - 1) + ") i;",
        "INSERT INTO party (id, name, category, voting_group_id) SELECT " + BASE + " + i, 'Bench Party ' || i, 'large_supplier', "
            + BASE + " + i FROM generate_series(0, " + (v - 1) + ") i;",
        "INSERT INTO app_user (id, username, display_name, password_hash, party_id, roles) SELECT " + BASE
            + " + i, 'bench' || i, 'Bench User ' || i, 'bench-user-without-password', CASE WHEN i < " + v + " THEN "
            + BASE + " + i END, '{member}' FROM generate_series(0, " + (u - 1) + ") i;",
        "INSERT INTO auth_token (token_hash, user_id, expires_at) SELECT sha256(convert_to('bench-token-' || i, 'UTF8')), "
            + BASE + " + i, now() + interval '1 day' FROM generate_series(0, " + (u - 1) + ") i;",
        "INSERT INTO auth_token (token_hash, user_id, expires_at) SELECT sha256(convert_to('" + ADMIN_TOKEN
            + "', 'UTF8')), id, now() + interval '1 day' FROM app_user WHERE username = 'admin';",
        rooms(ROOMS_10X100, 10, "10x100"), members(ROOMS_10X100, 1_000, 100),
        rooms(ROOMS_100X10, 100, "100x10"), members(ROOMS_100X10, 1_000, 10),
        rooms(ROOM_1X1000, 1, "1x1000"), members(ROOM_1X1000, 1_000, 1_000),
        rooms(ROOMS_W1, w1Rooms, "w1"), members(ROOMS_W1, s.w1Sockets(), 100),
        "INSERT INTO body (id, code, name, kind, rules) SELECT " + BASE + " + k, 'WG_BENCH_' || k, 'Bench group ' || k, "
            + "'working_group', 'WORKING_GROUP' FROM generate_series(0, " + (s.w5Decisions() - 1) + ") k;",
        "INSERT INTO body_member (body_id, user_id, seat, voting, party_id, category) SELECT " + BASE + " + i / "
            + s.w5VotersPerDecision() + ", " + BASE + " + i, 'Member', true, " + BASE
            + " + i, 'large_supplier' FROM generate_series(0, " + (v - 1) + ") i;",
        "INSERT INTO room (id, kind, name, classification, body_id) SELECT " + ROOMS_W5 + " + k, 'body', 'Bench group ' || k, "
            + "'white', " + BASE + " + k FROM generate_series(0, " + (s.w5Decisions() - 1) + ") k;",
        members(ROOMS_W5, v, s.w5VotersPerDecision()),
        "COMMIT;",
        "ANALYZE;");
  }

  private static String rooms(long first, int n, String label) {
    return "INSERT INTO room (id, kind, name, classification) SELECT " + first + " + r, 'adhoc', 'bench " + label
        + " ' || r, 'white' FROM generate_series(0, " + (n - 1) + ") r;";
  }

  private static String members(long firstRoom, int users, int perRoom) {
    return "INSERT INTO room_member (room_id, user_id) SELECT " + firstRoom + " + i / " + perRoom + ", " + BASE
        + " + i FROM generate_series(0, " + (users - 1) + ") i;";
  }
}
