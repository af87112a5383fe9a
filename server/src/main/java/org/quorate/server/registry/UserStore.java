package org.quorate.server.registry;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.quorate.server.domain.DomainException;
import org.quorate.server.domain.Role;
import org.quorate.server.registry.RegistryRecords.User;

/** SQL for user accounts. Password hashes never leave this class. */
public final class UserStore {
  private static final String SELECT = "SELECT id, username, display_name, party_id, roles FROM app_user ";

  public Future<List<User>> list(SqlClient db) {
    return db.query(SELECT + "ORDER BY username").execute().map(rows -> {
      List<User> out = new ArrayList<>();
      rows.forEach(r -> out.add(user(r)));
      return out;
    });
  }

  /** How many accounts there are. */
  public Future<Long> count(SqlClient db) {
    return db.query("SELECT count(*) AS n FROM app_user").execute().map(rows -> rows.iterator().next().getLong("n"));
  }

  public Future<User> get(SqlClient db, long id) {
    return db.preparedQuery(SELECT + "WHERE id = $1").execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) {
        throw DomainException.notFound("user", id);
      }
      return user(rows.iterator().next());
    });
  }

  public Future<Long> create(SqlClient db, String username, String displayName, String passwordHash, Long partyId, Set<Role> roles) {
    return db.preparedQuery("INSERT INTO app_user (username, display_name, password_hash, party_id, roles) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .execute(Tuple.of(username, displayName, passwordHash, partyId, wire(roles)))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<Void> update(SqlClient db, long id, String displayName, Long partyId, Set<Role> roles) {
    return db.preparedQuery("UPDATE app_user SET display_name = $2, party_id = $3, roles = $4 WHERE id = $1")
        .execute(Tuple.of(id, displayName, partyId, wire(roles)))
        .map(rows -> {
          if (rows.rowCount() == 0) {
            throw DomainException.notFound("user", id);
          }
          return null;
        });
  }

  private static String[] wire(Set<Role> roles) {
    return roles.stream().map(Role::wire).sorted().toArray(String[]::new);
  }

  static User user(Row r) {
    Set<Role> roles = Arrays.stream(r.getArrayOfStrings("roles")).map(Role::fromWire)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    return new User(r.getLong("id"), r.getString("username"), r.getString("display_name"), r.getLong("party_id"), roles);
  }
}
