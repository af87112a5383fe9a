package org.quorate.server.threads;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.quorate.protocol.ClientCommand;
import org.quorate.protocol.RoomEvent;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.DomainException;
import org.quorate.server.notifications.NotificationService;
import org.quorate.server.rooms.Room;
import org.quorate.server.rooms.RoomAccess;
import org.quorate.server.rooms.RoomEventLog;
import org.quorate.server.rooms.RoomEventLog.CommandKey;
import org.quorate.server.rooms.RoomEventLog.Outcome;
import org.quorate.server.rooms.RoomStore;
import org.quorate.server.rooms.WriteBatcher;
import org.quorate.server.threads.MessageStore.NewMessage;

/**
 * Writes a batch of posts and replies in one transaction, in a fixed number of round trips and
 * statements whatever its size (plus one per post that mentions or notifies someone): PostgreSQL's
 * cost per statement, not per row, is what limits durable posts on a shared core.
 *
 * <ol>
 *   <li>one read ({@link PostStore}): each room and the poster's standing in it, followers, a message
 *       id, and the outcome of any command already written (a resend is answered with it, marked
 *       duplicate); pipelined with it, the thread roots of replies and mentioned users; a post that
 *       fails its checks is answered with its error here;
 *   <li>in a room a meeting may gate, the rooms locked and the chair's rulings checked under the lock;
 *   <li>sequence numbers taken last, for every room at once (rooms locked in ascending id), then
 *       events, messages, mentions and command outcomes inserted by one statement
 *       ({@link RoomEventLog.Tx#combineInserts}), notifications beside it, and the commit.
 * </ol>
 *
 * Everything a post can fail on is checked before anything is written, so a failing post writes
 * nothing and the others commit; what no check foresaw fails the transaction, and
 * {@link WriteBatcher} then runs each post alone.
 */
final class PostBatch implements WriteBatcher.Runner<PostBatch.Post> {
  /** One post command and who sent it. */
  record Post(Principal user, ClientCommand.PostMessage cmd) {
    CommandKey key() {
      return new CommandKey(user.userId(), cmd.id());
    }
  }

  private final RoomEventLog log;
  private final MessageStore messages;
  private final NotificationService notifications;
  private final PostingGate gate;
  private final PostStore store = new PostStore();

  PostBatch(RoomEventLog log, MessageStore messages, NotificationService notifications, PostingGate gate) {
    this.log = log;
    this.messages = messages;
    this.notifications = notifications;
    this.gate = gate;
  }

  /** What the checks found out about one post. */
  private record Checked(Post post, Room room, Long root, long messageId, List<Long> mentioned, List<Long> followers) {}

  @Override
  public Future<List<Future<Outcome>>> run(List<Post> batch) {
    return log.writeBatch(tx -> {
      SqlConnection db = tx.conn();
      int n = batch.size();
      @SuppressWarnings("unchecked")
      Future<Outcome>[] answers = new Future[n];
      tx.combineInserts();
      List<CommandKey> keys = new ArrayList<>(n);
      List<Long> roomIds = new ArrayList<>(n);
      List<Boolean> topLevel = new ArrayList<>(n);
      List<Long> roots = new ArrayList<>();
      for (Post p : batch) {
        keys.add(p.key());
        roomIds.add(p.cmd().room());
        topLevel.add(p.cmd().threadRoot() == null);
        if (p.cmd().threadRoot() != null) {
          roots.add(p.cmd().threadRoot());
        }
      }
      // Pipelined: one statement for every post, one for the thread roots replies hang on (if any),
      // one per post that mentions someone.
      Future<List<PostStore.Opening>> opened = store.open(db, roomIds, keys, topLevel);
      Future<Map<Long, MessageStore.Anchor>> anchors = messages.anchors(db, roots);
      List<Future<List<Long>>> mentioned = new ArrayList<>(n);
      for (Post p : batch) {
        mentioned.add(p.cmd().mentions().isEmpty() ? Future.succeededFuture(List.of())
            : Future.succeededFuture(p.cmd().mentions()).compose(m -> notifications.mentioned(db, m)));
      }
      List<Future<?>> reads = List.of(opened, anchors);
      return Future.join(reads).compose(v -> Future.join(new ArrayList<>(mentioned))).transform(ar -> {
        if (reads.stream().anyMatch(Future::failed)) {
          return Future.failedFuture(ar.cause());
        }
        List<Checked> ok = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          PostStore.Opening o = opened.result().get(i);
          try {
            Checked c = check(batch.get(i), o, anchors.result(), mentioned.get(i));
            if (o.prior() != null) {
              answers[i] = Future.succeededFuture(o.prior());
            } else {
              ok.add(c);
            }
          } catch (DomainException e) {
            answers[i] = Future.failedFuture(e);
          }
        }
        return write(tx, ok).map(written -> {
          for (int i = 0, k = 0; i < n; i++) {
            if (answers[i] == null) {
              answers[i] = written.get(k++);
            }
          }
          return Arrays.asList(answers);
        });
      });
    });
  }

  private static Checked check(Post p, PostStore.Opening opening, Map<Long, MessageStore.Anchor> anchors,
      Future<List<Long>> mentioned) {
    RoomStore.Opening o = opening.opening();
    if (o.room() == null) {
      throw DomainException.notFound("room", p.cmd().room());
    }
    RoomAccess.requirePost(p.user(), o.room(), o.standing());
    Long root = null;
    if (p.cmd().threadRoot() != null) {
      MessageStore.Anchor a = anchors.get(p.cmd().threadRoot());
      if (a == null || a.roomId() != p.cmd().room()) {
        throw DomainException.invalid("thread_root", "no such message in this room");
      }
      // A reply to a reply joins the same thread: threads are one level deep, as in Zulip and Slack.
      root = a.threadRootId() != null ? a.threadRootId() : a.id();
    }
    if (mentioned.failed()) {
      if (mentioned.cause() instanceof DomainException e) {
        throw e;
      }
      throw new IllegalStateException(mentioned.cause());
    }
    return new Checked(p, o.room(), root, opening.messageId(), mentioned.result(), root == null ? opening.followers() : List.of());
  }

  /** Gates and writes the checked posts; answers them in order. */
  private Future<List<Future<Outcome>>> write(RoomEventLog.Tx tx, List<Checked> fresh) {
    if (fresh.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return gated(tx, fresh).compose(refused -> {
      List<Future<Outcome>> answers = new ArrayList<>(fresh.size());
      List<Checked> posting = new ArrayList<>();
      List<Integer> postingAt = new ArrayList<>();
      for (int j = 0; j < fresh.size(); j++) {
        answers.add(refused.get(j) == null ? null : Future.failedFuture(refused.get(j)));
        if (refused.get(j) == null) {
          posting.add(fresh.get(j));
          postingAt.add(j);
        }
      }
      return append(tx, posting).map(outcomes -> {
        for (int j = 0; j < posting.size(); j++) {
          answers.set(postingAt.get(j), Future.succeededFuture(outcomes.get(j)));
        }
        return answers;
      });
    });
  }

  /**
   * The chair's rulings, asked under the room's lock so that a mute and a post are ordered like their
   * sequence numbers; only rooms a meeting can gate pay for the extra round trip.
   */
  private Future<List<DomainException>> gated(RoomEventLog.Tx tx, List<Checked> fresh) {
    List<Checked> gatable = fresh.stream().filter(c -> c.room().bodyId() != null).toList();
    if (gatable.isEmpty()) {
      return Future.succeededFuture(java.util.Collections.nCopies(fresh.size(), null));
    }
    return tx.lockRooms(gatable.stream().map(c -> c.room().id()).toList()).compose(v -> {
      List<Future<Void>> checks = fresh.stream().map(c -> c.room().bodyId() == null ? Future.<Void>succeededFuture()
          : gate.checkPost(tx.conn(), c.room(), c.post().user())).toList();
      return Future.join(new ArrayList<>(checks)).transform(ar -> {
        List<DomainException> out = new ArrayList<>(checks.size());
        for (Future<Void> c : checks) {
          if (c.failed() && !(c.cause() instanceof DomainException)) {
            return Future.failedFuture(c.cause());
          }
          out.add(c.failed() ? (DomainException) c.cause() : null);
        }
        return Future.succeededFuture(out);
      });
    });
  }

  private Future<List<Outcome>> append(RoomEventLog.Tx tx, List<Checked> posting) {
    if (posting.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Instant now = Instant.now();
    List<LongFunction<RoomEvent>> events = posting.stream().<LongFunction<RoomEvent>>map(c -> seq -> new RoomEvent.MessagePosted(
        c.room().id(), seq, c.messageId(), ThreadService.ref(c.post().user()), c.post().cmd().body(), c.root(),
        c.post().cmd().mentions(), now, false)).toList();
    return tx.appendAll(posting.stream().map(c -> c.room().id()).toList(), events).compose(appended -> {
      List<NewMessage> rows = new ArrayList<>(posting.size());
      List<Outcome> outcomes = new ArrayList<>(posting.size());
      List<Future<?>> writes = new ArrayList<>();
      for (int j = 0; j < posting.size(); j++) {
        Checked c = posting.get(j);
        long seq = appended.get(j).seq();
        rows.add(new NewMessage(c.messageId(), c.room().id(), seq, c.post().user().userId(), c.root(), c.post().cmd().body(),
            c.post().cmd().mentions()));
        outcomes.add(new Outcome(c.room().id(), seq, c.messageId(), false));
      }
      messages.insertAll(tx, rows);
      tx.recordAll(posting.stream().map(c -> c.post().key()).toList(), outcomes);
      // One statement for events, messages, mentions and outcomes; notifications pipelined behind it.
      tx.sendInserts();
      for (int j = 0; j < posting.size(); j++) {
        writes.add(notify(tx, posting.get(j), appended.get(j).seq()));
      }
      return Future.all(writes).map(outcomes);
    });
  }

  private Future<Void> notify(RoomEventLog.Tx tx, Checked c, long seq) {
    String body = c.post().cmd().body();
    String excerpt = body.length() > 140 ? body.substring(0, 140) + "…" : body;
    long sender = c.post().user().userId();
    Future<Void> mentions = notifications.notify(tx, new NotificationService.Notice("mention", c.room(), seq, c.messageId(),
        ThreadService.ref(c.post().user()), excerpt), c.mentioned(), sender);
    if (c.root() != null) {
      return mentions;
    }
    Future<Void> thread = notifications.notify(tx, new NotificationService.Notice("new_thread", c.room(), seq, c.messageId(),
        ThreadService.ref(c.post().user()), excerpt), c.followers(), sender);
    return Future.all(mentions, thread).mapEmpty();
  }
}
