package org.quorate.server.meetings;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.quorate.server.domain.DomainException;

/** SQL for a meeting's papers: links, metadata of files kept elsewhere, or uploaded files with their versions. */
public final class PaperStore {

  /** {@code version} is the current version of an uploaded file; null for links and files kept elsewhere. */
  public record Paper(long id, Long itemId, String title, String url, String fileName, String mediaType, Long sizeBytes,
      String sha256, Instant publishedAt, String addedBy, Integer version, List<Version> versions) {}

  public record Version(int version, String fileName, String mediaType, long sizeBytes, String sha256, Instant uploadedAt,
      String uploadedBy) {}

  /** One stored version's bytes, for a download. */
  public record Content(String fileName, String mediaType, String sha256, Buffer bytes) {}

  public Future<Long> insert(SqlClient db, long meetingId, MeetingRequests.PaperInput in, Instant publishedAt, long by) {
    MeetingRequests.FileInput f = in.file();
    return db.preparedQuery("INSERT INTO meeting_paper (meeting_id, agenda_item_id, title, url, file_name, media_type, size_bytes, "
            + "sha256, published_at, added_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id")
        .execute(Tuple.of(meetingId, in.agendaItemId(), in.title(), in.url(), f == null ? null : f.name(),
            f == null ? null : f.mediaType(), f == null ? null : f.sizeBytes(), f == null ? null : f.sha256(),
            SqlTime.of(publishedAt), by))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /** A new paper whose first version is {@code file}. */
  public Future<Long> insertFile(SqlClient db, long meetingId, Long itemId, String title, PaperUpload file, Instant at, long by) {
    return db.preparedQuery("INSERT INTO meeting_paper (meeting_id, agenda_item_id, title, file_name, media_type, size_bytes, sha256, "
            + "published_at, added_by, current_version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0) RETURNING id")
        .execute(Tuple.from(new Object[] {meetingId, itemId, title, file.fileName(), file.mediaType(), (long) file.content().length,
            file.sha256(), SqlTime.of(at), by}))
        .map(rows -> rows.iterator().next().getLong("id"))
        .compose(id -> addVersion(db, id, file, at, by).map(v -> id));
  }

  /** Stores the next version of an uploaded paper and makes it current; fails when the paper has no uploaded file. */
  public Future<Integer> addVersion(SqlClient db, long paperId, PaperUpload file, Instant at, long by) {
    return db.preparedQuery("UPDATE meeting_paper SET current_version = current_version + 1, file_name = $2, media_type = $3, "
            + "size_bytes = $4, sha256 = $5 WHERE id = $1 AND current_version IS NOT NULL RETURNING current_version")
        .execute(Tuple.of(paperId, file.fileName(), file.mediaType(), (long) file.content().length, file.sha256()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(DomainException.conflict("paper " + paperId + " is a link or a file kept elsewhere; "
                + "it has no uploaded versions"));
          }
          int version = rows.iterator().next().getInteger("current_version");
          return db.preparedQuery("INSERT INTO meeting_paper_version (paper_id, version, file_name, media_type, size_bytes, sha256, "
                  + "content, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
              .execute(Tuple.from(new Object[] {paperId, version, file.fileName(), file.mediaType(), (long) file.content().length,
                  file.sha256(), Buffer.buffer(file.content()), by, SqlTime.of(at)}))
              .map(version);
        });
  }

  /** The paper's title, locked, when it belongs to the meeting. */
  public Future<String> titleOf(SqlClient db, long meetingId, long paperId) {
    return db.preparedQuery("SELECT title FROM meeting_paper WHERE id = $1 AND meeting_id = $2 FOR UPDATE")
        .execute(Tuple.of(paperId, meetingId))
        .map(rows -> {
          if (rows.size() == 0) {
            throw DomainException.notFound("paper", paperId);
          }
          return rows.iterator().next().getString("title");
        });
  }

  /** A version's bytes; the current version when {@code version} is null. */
  public Future<Content> content(SqlClient db, long meetingId, long paperId, Integer version) {
    return db.preparedQuery("SELECT v.file_name, v.media_type, v.sha256, v.content FROM meeting_paper p "
            + "JOIN meeting_paper_version v ON v.paper_id = p.id AND v.version = coalesce($3, p.current_version) "
            + "WHERE p.id = $1 AND p.meeting_id = $2")
        .execute(Tuple.of(paperId, meetingId, version))
        .map(rows -> {
          if (rows.size() == 0) {
            throw version == null ? DomainException.notFound("uploaded file of paper", paperId)
                : DomainException.notFound("version " + version + " of paper", paperId);
          }
          var r = rows.iterator().next();
          return new Content(r.getString("file_name"), r.getString("media_type"), r.getString("sha256"), r.getBuffer("content"));
        });
  }

  public Future<List<Paper>> ofMeeting(SqlClient db, long meetingId) {
    return versions(db, meetingId).compose(versions -> db.preparedQuery("SELECT p.*, u.display_name FROM meeting_paper p "
            + "JOIN app_user u ON u.id = p.added_by WHERE p.meeting_id = $1 ORDER BY p.published_at, p.id")
        .execute(Tuple.of(meetingId))
        .map(rows -> {
          List<Paper> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Paper(r.getLong("id"), r.getLong("agenda_item_id"), r.getString("title"), r.getString("url"),
              r.getString("file_name"), r.getString("media_type"), r.getLong("size_bytes"), r.getString("sha256"),
              SqlTime.read(r, "published_at"), r.getString("display_name"), r.getInteger("current_version"),
              versions.getOrDefault(r.getLong("id"), List.of()))));
          return out;
        }));
  }

  private Future<Map<Long, List<Version>>> versions(SqlClient db, long meetingId) {
    return db.preparedQuery("SELECT v.paper_id, v.version, v.file_name, v.media_type, v.size_bytes, v.sha256, v.uploaded_at, "
            + "u.display_name FROM meeting_paper_version v JOIN meeting_paper p ON p.id = v.paper_id "
            + "JOIN app_user u ON u.id = v.uploaded_by WHERE p.meeting_id = $1 ORDER BY v.paper_id, v.version")
        .execute(Tuple.of(meetingId))
        .map(rows -> {
          Map<Long, List<Version>> out = new HashMap<>();
          rows.forEach(r -> out.computeIfAbsent(r.getLong("paper_id"), k -> new ArrayList<>()).add(new Version(r.getInteger("version"),
              r.getString("file_name"), r.getString("media_type"), r.getLong("size_bytes"), r.getString("sha256"),
              SqlTime.read(r, "uploaded_at"), r.getString("display_name"))));
          return out;
        });
  }
}
