package org.quorate.server.meetings;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.quorate.server.domain.DomainException;

/** SQL for questions from the floor and their up-votes. The asker is always stored. */
public final class QuestionStore {

  public record Question(long id, Long itemId, long askedBy, String askerName, boolean anonymous, String text, Instant askedAt,
      int votes, Long takenBy, Instant takenAt) {

    public boolean taken() {
      return takenAt != null;
    }
  }

  private static final String SELECT = "SELECT q.*, u.display_name AS asker_name, "
      + "(SELECT count(*) FROM floor_question_vote v WHERE v.question_id = q.id) AS votes "
      + "FROM floor_question q JOIN app_user u ON u.id = q.asked_by ";

  public Future<Long> insert(SqlClient db, long meetingId, Long itemId, long askedBy, boolean anonymous, String text, Instant at) {
    return db.preparedQuery("INSERT INTO floor_question (meeting_id, agenda_item_id, asked_by, anonymous, text, asked_at) "
            + "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .execute(Tuple.of(meetingId, itemId, askedBy, anonymous, text, SqlTime.of(at)))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<Question> get(SqlClient db, long meetingId, long questionId) {
    return list(db, SELECT + "WHERE q.meeting_id = $1 AND q.id = $2", Tuple.of(meetingId, questionId)).map(list -> {
      if (list.isEmpty()) {
        throw DomainException.notFound("question", questionId);
      }
      return list.get(0);
    });
  }

  public Future<List<Question>> ofMeeting(SqlClient db, long meetingId) {
    return list(db, SELECT + "WHERE q.meeting_id = $1 ORDER BY q.id", Tuple.of(meetingId));
  }

  /** The chair takes questions in turn: most up-votes first, then the earliest asked. */
  public Future<List<Question>> openInTurn(SqlClient db, long meetingId) {
    return list(db, SELECT + "WHERE q.meeting_id = $1 AND q.taken_at IS NULL ORDER BY votes DESC, q.asked_at, q.id", Tuple.of(meetingId));
  }

  /** False when this user had already up-voted the question. */
  public Future<Boolean> upvote(SqlClient db, long questionId, long userId, Instant at) {
    return db.preparedQuery("INSERT INTO floor_question_vote (question_id, user_id, at) VALUES ($1, $2, $3) "
            + "ON CONFLICT DO NOTHING RETURNING user_id")
        .execute(Tuple.of(questionId, userId, SqlTime.of(at)))
        .map(rows -> rows.size() == 1);
  }

  public Future<Void> take(SqlClient db, long questionId, long by, Instant at) {
    return MeetingStore.exec(db, "UPDATE floor_question SET taken_by = $2, taken_at = $3 WHERE id = $1", Tuple.of(questionId, by, SqlTime.of(at)));
  }

  private Future<List<Question>> list(SqlClient db, String sql, Tuple args) {
    return db.preparedQuery(sql).execute(args).map(rows -> {
      List<Question> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new Question(r.getLong("id"), r.getLong("agenda_item_id"), r.getLong("asked_by"), r.getString("asker_name"),
            r.getBoolean("anonymous"), r.getString("text"), SqlTime.read(r, "asked_at"), r.getLong("votes").intValue(),
            r.getLong("taken_by"), SqlTime.read(r, "taken_at")));
      }
      return out;
    });
  }
}
