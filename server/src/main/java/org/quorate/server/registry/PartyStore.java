package org.quorate.server.registry;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.quorate.server.domain.DomainException;
import org.quorate.server.registry.RegistryRecords.Party;
import org.quorate.server.registry.RegistryRecords.PartyCategory;
import org.quorate.server.registry.RegistryRecords.VotingGroup;
import org.quorate.server.registry.RegistryRequests.PartyInput;

/** SQL for Party Categories, Voting Groups and Parties. */
public final class PartyStore {
  private static final String SELECT_PARTY =
      "SELECT p.id, p.name, p.category, p.voting_group_id, g.name AS voting_group "
          + "FROM party p JOIN voting_group g ON g.id = p.voting_group_id ";

  public Future<List<PartyCategory>> categories(SqlClient db) {
    return db.query("SELECT code, name, voting FROM party_category ORDER BY position").execute()
        .map(rows -> {
          List<PartyCategory> out = new ArrayList<>();
          rows.forEach(r -> out.add(new PartyCategory(r.getString("code"), r.getString("name"), r.getBoolean("voting"))));
          return out;
        });
  }

  public Future<List<Party>> list(SqlClient db) {
    return db.query(SELECT_PARTY + "ORDER BY p.name").execute().map(PartyStore::parties);
  }

  public Future<Party> get(SqlClient db, long id) {
    return db.preparedQuery(SELECT_PARTY + "WHERE p.id = $1").execute(Tuple.of(id))
        .map(rows -> {
          if (rows.size() == 0) {
            throw DomainException.notFound("party", id);
          }
          return party(rows.iterator().next());
        });
  }

  public Future<Long> create(SqlClient db, PartyInput in) {
    return votingGroup(db, in.votingGroup())
        .compose(groupId -> db.preparedQuery(
                "INSERT INTO party (name, category, voting_group_id) VALUES ($1, $2, $3) RETURNING id")
            .execute(Tuple.of(in.name(), in.category(), groupId)))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<Void> update(SqlClient db, long id, PartyInput in) {
    return votingGroup(db, in.votingGroup())
        .compose(groupId -> db.preparedQuery(
                "UPDATE party SET name = $2, category = $3, voting_group_id = $4, updated_at = now() WHERE id = $1")
            .execute(Tuple.of(id, in.name(), in.category(), groupId)))
        .map(rows -> {
          if (rows.rowCount() == 0) {
            throw DomainException.notFound("party", id);
          }
          return null;
        });
  }

  public Future<List<VotingGroup>> votingGroups(SqlClient db) {
    return db.query("SELECT g.id, g.name, coalesce(array_agg(p.id ORDER BY p.id) FILTER (WHERE p.id IS NOT NULL), '{}') AS parties "
            + "FROM voting_group g LEFT JOIN party p ON p.voting_group_id = g.id GROUP BY g.id ORDER BY g.name")
        .execute()
        .map(rows -> {
          List<VotingGroup> out = new ArrayList<>();
          rows.forEach(r -> out.add(new VotingGroup(r.getLong("id"), r.getString("name"), List.of(r.getArrayOfLongs("parties")))));
          return out;
        });
  }

  private Future<Long> votingGroup(SqlClient db, String name) {
    // Upsert that always returns the id, also when the group already exists.
    return db.preparedQuery("INSERT INTO voting_group (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id")
        .execute(Tuple.of(name))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  private static List<Party> parties(io.vertx.sqlclient.RowSet<Row> rows) {
    List<Party> out = new ArrayList<>();
    rows.forEach(r -> out.add(party(r)));
    return out;
  }

  private static Party party(Row r) {
    return new Party(r.getLong("id"), r.getString("name"), r.getString("category"), r.getLong("voting_group_id"),
        r.getString("voting_group"));
  }
}
