package org.quorate.server.meetings;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** SQL for a meeting's papers: links, or the metadata of uploaded files. */
public final class PaperStore {

  public record Paper(long id, Long itemId, String title, String url, String fileName, String mediaType, Long sizeBytes,
      String sha256, Instant publishedAt, String addedBy) {}

  public Future<Long> insert(SqlClient db, long meetingId, MeetingRequests.PaperInput in, Instant publishedAt, long by) {
    MeetingRequests.FileInput f = in.file();
    return db.preparedQuery("INSERT INTO meeting_paper (meeting_id, agenda_item_id, title, url, file_name, media_type, size_bytes, "
            + "sha256, published_at, added_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id")
        .execute(Tuple.of(meetingId, in.agendaItemId(), in.title(), in.url(), f == null ? null : f.name(),
            f == null ? null : f.mediaType(), f == null ? null : f.sizeBytes(), f == null ? null : f.sha256(),
            SqlTime.of(publishedAt), by))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<List<Paper>> ofMeeting(SqlClient db, long meetingId) {
    return db.preparedQuery("SELECT p.*, u.display_name FROM meeting_paper p JOIN app_user u ON u.id = p.added_by "
            + "WHERE p.meeting_id = $1 ORDER BY p.published_at, p.id")
        .execute(Tuple.of(meetingId))
        .map(rows -> {
          List<Paper> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Paper(r.getLong("id"), r.getLong("agenda_item_id"), r.getString("title"), r.getString("url"),
              r.getString("file_name"), r.getString("media_type"), r.getLong("size_bytes"), r.getString("sha256"),
              SqlTime.read(r, "published_at"), r.getString("display_name"))));
          return out;
        });
  }
}
