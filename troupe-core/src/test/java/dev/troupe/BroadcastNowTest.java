package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.store.MemoryStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code broadcastNow} reaches subscribed connections while the turn still runs, unlike {@code
 * broadcast}, which waits for the commit; a turn that then fails does not take it back.
 */
class BroadcastNowTest {

    /** A contract whose action reports progress and then waits for the test. */
    @ActorContract("test-progress")
    public interface Progress {
        String work(String step);

        long progressThenFail();
    }

    /** Broadcasts one event now and one with the commit, around a wait on {@link #release}. */
    public static final class ProgressActor extends Actor<ProgressActor.State> implements Progress {
        static volatile CountDownLatch release = new CountDownLatch(0);

        /** The state: the last step done. */
        public record State(String step) {
        }

        @Override
        protected State initialState(Input input) {
            return new State("");
        }

        @Override
        public String work(String step) {
            broadcastNow("progress", step, "started");
            try {
                assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            update(s -> new State(step));
            broadcast("done", step);
            return step;
        }

        @Override
        public long progressThenFail() {
            broadcastNow("progress", "failing", "started");
            throw new UserException("failed", "on purpose");
        }
    }

    @Test
    void broadcastNow_arrivesWhileTheTurnRuns_broadcastAfterTheCommit() throws Exception {
        try (Troupe troupe = Troupe.builder().store(new MemoryStore()).register(ProgressActor.class).build()) {
            Progress progress = troupe.actor(Progress.class, Key.of("now"));
            List<String> seen = new CopyOnWriteArrayList<>();
            try (Subscription ignored = troupe.ref(Progress.class, Key.of("now"))
                    .subscribe((name, args) -> seen.add(name + " " + args), "progress", "done")) {
                ProgressActor.release = new CountDownLatch(1);
                CompletableFuture<String> result = CompletableFuture.supplyAsync(() -> progress.work("one"));

                await().atMost(Duration.ofSeconds(5)).until(() -> seen.equals(List.of("progress [one, started]")));
                assertThat(result).isNotDone();

                ProgressActor.release.countDown();
                assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("one");
                await().atMost(Duration.ofSeconds(5)).until(() ->
                        seen.equals(List.of("progress [one, started]", "done [one]")));
            }
        }
    }

    @Test
    void broadcastNow_ofAFailedTurn_isNotTakenBack() {
        try (Troupe troupe = Troupe.builder().store(new MemoryStore()).register(ProgressActor.class).build()) {
            Progress progress = troupe.actor(Progress.class, Key.of("fails"));
            List<String> seen = new CopyOnWriteArrayList<>();
            try (Subscription ignored = troupe.ref(Progress.class, Key.of("fails"))
                    .subscribe((name, args) -> seen.add(name + " " + args), "progress")) {
                assertThatThrownBy(progress::progressThenFail).isInstanceOf(UserException.class);

                await().atMost(Duration.ofSeconds(5)).until(() -> seen.equals(List.of("progress [failing, started]")));
            }
        }
    }
}
