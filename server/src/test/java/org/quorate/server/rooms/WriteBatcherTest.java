package org.quorate.server.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quorate.server.domain.DomainException;
import org.quorate.server.rooms.RoomEventLog.CommandKey;
import org.quorate.server.rooms.RoomEventLog.Outcome;

class WriteBatcherTest {
  record Cmd(long user, String id) {
    CommandKey key() {
      return new CommandKey(user, id);
    }
  }

  private final Vertx vertx = Vertx.vertx();
  /** The batches the runner was given, in order. */
  private final List<List<Cmd>> batches = new CopyOnWriteArrayList<>();
  private final List<Promise<Void>> commits = new CopyOnWriteArrayList<>();
  private final AtomicInteger seq = new AtomicInteger();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  /** Answers each command with the next number, once its batch's "commit" promise is completed. */
  private WriteBatcher<Cmd> batcher(int maxBatch, int maxInFlight, boolean holdCommits) {
    return new WriteBatcher<>(vertx, batch -> {
      batches.add(batch);
      Promise<Void> commit = Promise.promise();
      commits.add(commit);
      if (!holdCommits) {
        commit.complete();
      }
      return commit.future().compose(v -> {
        if (batch.size() > 1 && batch.stream().anyMatch(c -> c.id().startsWith("breaks-"))) {
          return Future.failedFuture(new IllegalStateException("the transaction failed"));
        }
        List<Future<Outcome>> out = new ArrayList<>();
        for (Cmd c : batch) {
          out.add(c.id().startsWith("refused-") || c.id().startsWith("breaks-")
              ? Future.failedFuture(DomainException.notAuthorised(c.id()))
              : Future.succeededFuture(new Outcome(1, (long) seq.incrementAndGet(), null, false)));
        }
        return Future.succeededFuture(out);
      });
    }, Cmd::key, maxBatch, maxInFlight);
  }

  private static Outcome answer(Future<Outcome> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static Throwable failure(Future<Outcome> f) throws Exception {
    try {
      answer(f);
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  @Test
  void commandsSubmittedWhileABatchIsCommittingAreWrittenTogetherInTheNextBatch() throws Exception {
    WriteBatcher<Cmd> b = batcher(256, 1, true);
    Future<Outcome> first = b.submit(new Cmd(1, "first"));
    Awaitility.await().until(() -> batches.size() == 1);
    List<Future<Outcome>> waiting = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      waiting.add(b.submit(new Cmd(2 + i % 5, "c" + i)));
    }
    commits.get(0).complete();
    Awaitility.await().until(() -> batches.size() == 2);
    commits.get(1).complete();

    assertThat(answer(first).seq()).isEqualTo(1);
    assertThat(batches.get(1)).hasSize(50);
    List<Long> seqs = new ArrayList<>();
    for (Future<Outcome> f : waiting) {
      seqs.add(answer(f).seq());
    }
    assertThat(seqs).doesNotHaveDuplicates().allMatch(s -> s >= 2 && s <= 51);
  }

  @Test
  void aUsersLaterCommandWaitsForTheBatchWritingTheirEarlierOneWhileOtherUsersPassIt() throws Exception {
    WriteBatcher<Cmd> b = batcher(256, 2, true);
    Future<Outcome> first = b.submit(new Cmd(1, "approve"));
    Awaitility.await().until(() -> batches.size() == 1);
    Future<Outcome> change = b.submit(new Cmd(1, "reject"));
    Future<Outcome> other = b.submit(new Cmd(2, "abstain"));
    Awaitility.await().until(() -> batches.size() == 2);

    // A second batch in flight could take the decision's lock first and store the change before the
    // ballot it changes; so it carries only the other user's command.
    assertThat(batches.get(1)).containsExactly(new Cmd(2, "abstain"));
    commits.get(1).complete();
    answer(other);
    assertThat(batches).hasSize(2);

    commits.get(0).complete();
    Awaitility.await().until(() -> batches.size() == 3);
    assertThat(batches.get(2)).containsExactly(new Cmd(1, "reject"));
    commits.get(2).complete();
    assertThat(answer(change).seq()).isGreaterThan(answer(first).seq());
  }

  @Test
  void noBatchIsLargerThanTheLimitAndNoMoreAreInFlightThanAllowed() throws Exception {
    WriteBatcher<Cmd> b = batcher(10, 2, true);
    List<Future<Outcome>> all = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      all.add(b.submit(new Cmd(1, "c" + i)));
    }
    int completed = 0;
    while (!all.stream().allMatch(Future::isComplete)) {
      int d = completed;
      Awaitility.await().until(() -> commits.size() > d || all.stream().allMatch(Future::isComplete));
      assertThat(commits.size() - completed).isLessThanOrEqualTo(2);
      if (commits.size() > d) {
        commits.get(d).complete();
        completed++;
      }
    }
    for (Future<Outcome> f : all) {
      answer(f);
    }
    assertThat(batches).hasSizeGreaterThanOrEqualTo(5).allMatch(batch -> batch.size() <= 10);
    assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(45);
  }

  @Test
  void aResendInTheSameBatchGetsTheFirstCopysAnswerMarkedDuplicate() throws Exception {
    WriteBatcher<Cmd> b = batcher(256, 1, true);
    Future<Outcome> blocker = b.submit(new Cmd(9, "blocker"));
    Awaitility.await().until(() -> batches.size() == 1);
    Future<Outcome> original = b.submit(new Cmd(1, "same"));
    Future<Outcome> resend = b.submit(new Cmd(1, "same"));
    Future<Outcome> otherUser = b.submit(new Cmd(2, "same"));
    commits.get(0).complete();
    Awaitility.await().until(() -> batches.size() == 2);
    commits.get(1).complete();

    answer(blocker);
    assertThat(batches.get(1)).containsExactly(new Cmd(1, "same"), new Cmd(2, "same"));
    assertThat(answer(original).duplicate()).isFalse();
    assertThat(answer(resend).duplicate()).isTrue();
    assertThat(answer(resend).seq()).isEqualTo(answer(original).seq());
    assertThat(answer(otherUser).seq()).isNotEqualTo(answer(original).seq());
  }

  @Test
  void aCommandRefusedByItsChecksFailsAloneWhileTheRestOfItsBatchCommits() throws Exception {
    WriteBatcher<Cmd> b = batcher(256, 1, false);
    List<Future<Outcome>> all = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      all.add(b.submit(new Cmd(1, i == 7 ? "refused-7" : "c" + i)));
    }
    for (int i = 0; i < 20; i++) {
      if (i == 7) {
        assertThat(failure(all.get(i))).isInstanceOf(DomainException.class).hasMessageContaining("refused-7");
      } else {
        assertThat(answer(all.get(i)).duplicate()).isFalse();
      }
    }
  }

  @Test
  void whenABatchsTransactionFailsEachCommandIsWrittenAloneAndOnlyTheCulpritFails() throws Exception {
    WriteBatcher<Cmd> b = batcher(256, 1, true);
    Future<Outcome> blocker = b.submit(new Cmd(9, "blocker"));
    Awaitility.await().until(() -> batches.size() == 1);
    List<Future<Outcome>> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      all.add(b.submit(new Cmd(1, i == 2 ? "breaks-2" : "c" + i)));
    }
    commits.get(0).complete();
    for (int k = 1; k <= 6; k++) {
      int n = k;
      Awaitility.await().until(() -> commits.size() > n);
      commits.get(n).complete();
    }
    answer(blocker);
    assertThat(batches.subList(2, 7)).allMatch(batch -> batch.size() == 1);
    for (int i = 0; i < 5; i++) {
      if (i == 2) {
        assertThat(failure(all.get(i))).isInstanceOf(DomainException.class);
      } else {
        assertThat(answer(all.get(i)).seq()).isNotNull();
      }
    }
  }

  @Test
  void answersArriveOnTheContextThatSubmitted() throws Exception {
    WriteBatcher<Cmd> b = batcher(256, 1, false);
    var context = vertx.getOrCreateContext();
    Promise<Boolean> sameContext = Promise.promise();
    context.runOnContext(v -> b.submit(new Cmd(1, "c")).onComplete(ar -> sameContext.complete(Vertx.currentContext() == context)));
    assertThat(sameContext.future().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS)).isTrue();
  }
}
