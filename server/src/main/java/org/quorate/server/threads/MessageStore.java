package org.quorate.server.threads;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.quorate.protocol.Mention;
import org.quorate.server.domain.DomainException;
import org.quorate.server.rooms.RoomEventLog;

/** SQL for messages, their revisions and mentions, thread listings and full-text search. */
public final class MessageStore {

  /** A message's current state. */
  public record Message(long id, long roomId, long seq, long authorId, String authorName, Long threadRootId, String body,
      int revision, OffsetDateTime createdAt, OffsetDateTime editedAt, OffsetDateTime deletedAt, boolean redaction,
      String deleteReason, boolean pinned) {
    public boolean deleted() {
      return deletedAt != null;
    }
  }

  public record Revision(int revision, String body, long editedBy, OffsetDateTime replacedAt) {}

  public record ThreadSummary(long rootId, long seq, long authorId, String authorName, String excerpt, long replyCount,
      OffsetDateTime lastActivity, boolean deleted, boolean pinned) {}

  public record Hit(long roomId, String roomName, long messageId, long seq, long authorId, String authorName,
      String excerpt, OffsetDateTime createdAt) {}

  private static final String SELECT = "SELECT m.id, m.room_id, m.seq, m.author_id, u.display_name, m.thread_root_id, m.body, "
      + "m.revision, m.created_at, m.edited_at, m.deleted_at, m.redaction, m.delete_reason, m.pinned "
      + "FROM message m JOIN app_user u ON u.id = m.author_id ";

  /** Where a reply may hang: a message's room and its own thread root (null for a top-level message). */
  public record Anchor(long id, long roomId, Long threadRootId) {}

  public Future<java.util.Map<Long, Anchor>> anchors(SqlClient db, java.util.Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(java.util.Map.of());
    }
    return db.preparedQuery("SELECT id, room_id, thread_root_id FROM message WHERE id = ANY($1)")
        .execute(Tuple.of(ids.stream().distinct().toArray(Long[]::new)))
        .map(rows -> {
          java.util.Map<Long, Anchor> out = new java.util.HashMap<>();
          rows.forEach(r -> out.put(r.getLong("id"), new Anchor(r.getLong("id"), r.getLong("room_id"), r.getLong("thread_root_id"))));
          return out;
        });
  }

  /** A new message, for {@link #insertAll}. */
  public record NewMessage(long id, long roomId, long seq, long authorId, Long threadRoot, String body, List<Mention> mentions) {}

  /** Inserts many messages and their mentions with the transaction's other inserts ({@link RoomEventLog.Tx#insert}). */
  public void insertAll(RoomEventLog.Tx tx, List<NewMessage> all) {
    if (all.isEmpty()) {
      return;
    }
    int n = all.size();
    Long[] ids = new Long[n];
    Long[] rooms = new Long[n];
    Long[] seqs = new Long[n];
    Long[] authors = new Long[n];
    Long[] roots = new Long[n];
    String[] bodies = new String[n];
    List<Long> mentionOf = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      NewMessage m = all.get(i);
      ids[i] = m.id();
      rooms[i] = m.roomId();
      seqs[i] = m.seq();
      authors[i] = m.authorId();
      roots[i] = m.threadRoot();
      bodies[i] = m.body();
      for (Mention x : m.mentions().stream().distinct().toList()) {
        mentionOf.add(m.id());
        kinds.add(x.kind().wire());
        refs.add(x.ref());
      }
    }
    tx.insert("INSERT INTO message (id, room_id, seq, author_id, thread_root_id, body) "
        + "SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::text[])",
        Tuple.tuple(List.of(ids, rooms, seqs, authors, roots, bodies)));
    if (!mentionOf.isEmpty()) {
      tx.insert("INSERT INTO message_mention (message_id, kind, ref) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])",
          Tuple.tuple(List.of(mentionOf.toArray(Long[]::new), kinds.toArray(String[]::new), refs.toArray(String[]::new))));
    }
  }

  /** Locks the message row: concurrent edits, deletes and pins of one message apply one at a time. */
  public Future<Message> lock(SqlClient db, long roomId, long id) {
    return db.preparedQuery(SELECT + "WHERE m.id = $1 AND m.room_id = $2 FOR UPDATE OF m").execute(Tuple.of(id, roomId))
        .map(rows -> {
          if (rows.size() == 0) {
            throw DomainException.notFound("message", id);
          }
          return message(rows.iterator().next());
        });
  }

  public Future<Message> get(SqlClient db, long roomId, long id) {
    return db.preparedQuery(SELECT + "WHERE m.id = $1 AND m.room_id = $2").execute(Tuple.of(id, roomId)).map(rows -> {
      if (rows.size() == 0) {
        throw DomainException.notFound("message", id);
      }
      return message(rows.iterator().next());
    });
  }

  public Future<Void> edit(SqlClient db, Message old, String body, long editor) {
    return db.preparedQuery("INSERT INTO message_revision (message_id, revision, body, edited_by) VALUES ($1, $2, $3, $4)")
        .execute(Tuple.of(old.id(), old.revision(), old.body(), editor))
        .compose(v -> db.preparedQuery("UPDATE message SET body = $2, revision = revision + 1, edited_at = now() WHERE id = $1")
            .execute(Tuple.of(old.id(), body)))
        .mapEmpty();
  }

  /** The text leaves the message; the last text is kept as a revision for SECAS's audit trail. */
  public Future<Void> delete(SqlClient db, Message old, long by, boolean redaction, String reason) {
    return db.preparedQuery("INSERT INTO message_revision (message_id, revision, body, edited_by) VALUES ($1, $2, $3, $4)")
        .execute(Tuple.of(old.id(), old.revision(), old.body(), by))
        .compose(v -> db.preparedQuery("UPDATE message SET body = NULL, deleted_at = now(), deleted_by = $2, redaction = $3, "
                + "delete_reason = $4, revision = revision + 1 WHERE id = $1")
            .execute(Tuple.of(old.id(), by, redaction, reason)))
        .mapEmpty();
  }

  public Future<Void> pin(SqlClient db, long id, boolean pinned) {
    return db.preparedQuery("UPDATE message SET pinned = $2 WHERE id = $1").execute(Tuple.of(id, pinned)).mapEmpty();
  }

  public Future<List<Revision>> revisions(SqlClient db, long messageId) {
    return db.preparedQuery("SELECT revision, body, edited_by, replaced_at FROM message_revision WHERE message_id = $1 ORDER BY revision")
        .execute(Tuple.of(messageId))
        .map(rows -> {
          List<Revision> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Revision(r.getInteger("revision"), r.getString("body"), r.getLong("edited_by"),
              r.getOffsetDateTime("replaced_at"))));
          return out;
        });
  }

  public Future<List<Message>> replies(SqlClient db, long roomId, long rootId) {
    return db.preparedQuery(SELECT + "WHERE m.room_id = $1 AND m.thread_root_id = $2 ORDER BY m.seq").execute(Tuple.of(roomId, rootId))
        .map(rows -> {
          List<Message> out = new ArrayList<>();
          rows.forEach(r -> out.add(message(r)));
          return out;
        });
  }

  public Future<List<ThreadSummary>> threads(SqlClient db, long roomId, int limit) {
    return db.preparedQuery("SELECT m.id, m.seq, m.author_id, u.display_name, left(m.body, 200) AS excerpt, m.deleted_at IS NOT NULL AS deleted, "
            + "m.pinned, count(r.id) AS replies, greatest(m.created_at, max(r.created_at)) AS last_activity "
            + "FROM message m JOIN app_user u ON u.id = m.author_id LEFT JOIN message r ON r.thread_root_id = m.id "
            + "WHERE m.room_id = $1 AND m.thread_root_id IS NULL "
            + "GROUP BY m.id, u.display_name ORDER BY last_activity DESC LIMIT $2")
        .execute(Tuple.of(roomId, limit))
        .map(rows -> {
          List<ThreadSummary> out = new ArrayList<>();
          rows.forEach(r -> out.add(new ThreadSummary(r.getLong("id"), r.getLong("seq"), r.getLong("author_id"),
              r.getString("display_name"), r.getString("excerpt"), r.getLong("replies"), r.getOffsetDateTime("last_activity"),
              r.getBoolean("deleted"), r.getBoolean("pinned"))));
          return out;
        });
  }

  public Future<List<Hit>> search(SqlClient db, String query, List<Long> roomIds, Long roomFilter, Long authorFilter, int limit) {
    return db.preparedQuery("SELECT m.id, m.room_id, r.name, m.seq, m.author_id, u.display_name, m.created_at, "
            + "ts_headline('english', m.body, q, 'MaxWords=20, MinWords=5, StartSel=\u00ab, StopSel=\u00bb') AS excerpt "
            + "FROM message m JOIN room r ON r.id = m.room_id JOIN app_user u ON u.id = m.author_id, "
            + "websearch_to_tsquery('english', $1) q "
            + "WHERE m.search @@ q AND m.deleted_at IS NULL AND m.room_id = ANY($2) "
            + "AND ($3::bigint IS NULL OR m.room_id = $3) AND ($4::bigint IS NULL OR m.author_id = $4) "
            + "ORDER BY ts_rank(m.search, q) DESC, m.created_at DESC LIMIT $5")
        .execute(Tuple.of(query, roomIds.toArray(Long[]::new), roomFilter, authorFilter, limit))
        .map(rows -> {
          List<Hit> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Hit(r.getLong("room_id"), r.getString("name"), r.getLong("id"), r.getLong("seq"),
              r.getLong("author_id"), r.getString("display_name"), r.getString("excerpt"), r.getOffsetDateTime("created_at"))));
          return out;
        });
  }

  private static Message message(Row r) {
    return new Message(r.getLong("id"), r.getLong("room_id"), r.getLong("seq"), r.getLong("author_id"),
        r.getString("display_name"), r.getLong("thread_root_id"), r.getString("body"), r.getInteger("revision"),
        r.getOffsetDateTime("created_at"), r.getOffsetDateTime("edited_at"), r.getOffsetDateTime("deleted_at"),
        r.getBoolean("redaction"), r.getString("delete_reason"), r.getBoolean("pinned"));
  }
}
