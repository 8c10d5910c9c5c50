package dev.troupe.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.ErrorCode;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.store.ActorRecord;
import dev.troupe.store.ActorWrite;
import dev.troupe.store.CommitResult;
import dev.troupe.store.DueSchedule;
import dev.troupe.store.ScheduleRecord;
import dev.troupe.store.Store;
import dev.troupe.testing.Counter;
import dev.troupe.testing.CounterActor;
import dev.troupe.testing.crash.CallLedger;
import dev.troupe.testing.crash.CallLedger.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the callers of a fenced activation see, step by step: two runtimes on one database in this JVM
 * (fencing is in SQL, so this is what two processes see), runtime A's commits held at a gate where a
 * test needs to order them against its turns.
 */
class FencedCallsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final CallLedger aCalls = new CallLedger();
    private GatedStore aStore;
    private Troupe a;
    private Troupe b;

    @BeforeEach
    void startBothRuntimes() {
        String url = EmbeddedPostgresSupport.newDatabaseUrl();
        aStore = new GatedStore(PostgresStore.open(url, EmbeddedPostgresSupport.USER, null));
        a = Troupe.builder().store(aStore).register(CounterActor.class).build();
        b = Troupe.builder().store(PostgresStore.open(url, EmbeddedPostgresSupport.USER, null))
                .register(CounterActor.class).build();
    }

    @AfterEach
    void stopBothRuntimes() {
        aStore.release();
        try {
            a.close();
        } finally {
            b.close();
        }
    }

    /*
     * A turn that ran while the refused commit was in flight is discarded with the reason of the
     * refusal, actor/fenced, not as an internal error.
     */
    @Test
    void aTurnStagedBehindARefusedCommit_failsWithFenced() throws Exception {
        String key = "staged-behind";
        Counter onA = a.actor(Counter.class, Key.of(key));
        assertThat(onA.increment(1)).isEqualTo(1);
        assertThat(b.actor(Counter.class, Key.of(key)).increment(1)).as("B activates").isEqualTo(2);

        aStore.hold();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Outcome> refused = callers.submit(() -> aCalls.increment(key, () -> onA.increment(1)));
            aStore.awaitHeld();
            long turns = a.stats().turns();
            Future<Outcome> stagedBehind = callers.submit(() -> aCalls.increment(key, () -> onA.increment(1)));
            await("A's second turn ran while its first commit is held").atMost(WAIT)
                    .until(() -> a.stats().turns() > turns);
            aStore.release();

            assertThat(refused.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Outcome.failure("actor/fenced"));
            assertThat(stagedBehind.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("the turn staged behind the refused commit was not applied either, and says why")
                    .isEqualTo(Outcome.failure("actor/fenced"));
        }
    }

    /*
     * After a refused commit the stale activation closes on its next message and hands that message to
     * a fresh activation, which re-activates the actor on the newest state.
     */
    @Test
    void theCallAfterAFencedCall_runsOnAFreshActivation() {
        String key = "after-fenced";
        Counter onA = a.actor(Counter.class, Key.of(key));
        assertThat(onA.increment(1)).isEqualTo(1);
        assertThat(b.actor(Counter.class, Key.of(key)).increment(1)).as("B activates").isEqualTo(2);
        assertThatThrownBy(() -> onA.increment(1)).isInstanceOfSatisfying(TroupeException.class,
                e -> assertThat(e.is(ErrorCode.FENCED)).isTrue());

        assertThat(aCalls.increment(key, () -> onA.increment(1)))
                .as("the next call re-activates the actor on A, on B's state")
                .isEqualTo(Outcome.ack(3));
    }

    /** A store whose commits wait while it holds them. */
    private static final class GatedStore implements Store {
        private final Store delegate;
        private volatile @Nullable CountDownLatch gate;
        private final CountDownLatch held = new CountDownLatch(1);

        GatedStore(Store delegate) {
            this.delegate = delegate;
        }

        /** From now on commits wait until {@link #release()}. */
        void hold() {
            gate = new CountDownLatch(1);
        }

        /** Lets held and later commits through. */
        void release() {
            CountDownLatch holding = gate;
            gate = null;
            if (holding != null) {
                holding.countDown();
            }
        }

        /** Waits until a commit is held. */
        void awaitHeld() throws InterruptedException {
            assertThat(held.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("a commit reached the gate").isTrue();
        }

        @Override
        public CommitResult commit(List<ActorWrite> writes) {
            CountDownLatch holding = gate;
            if (holding != null) {
                held.countDown();
                try {
                    holding.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted at the gate", e);
                }
            }
            return delegate.commit(writes);
        }

        @Override
        public Optional<ActorRecord> find(String type, Key key) {
            return delegate.find(type, key);
        }

        @Override
        public Optional<ActorRecord> findById(String id) {
            return delegate.findById(id);
        }

        @Override
        public Optional<ActorRecord> activate(String type, Key key) {
            return delegate.activate(type, key);
        }

        @Override
        public boolean create(ActorRecord record, List<ScheduleRecord> schedules) {
            return delegate.create(record, schedules);
        }

        @Override
        public boolean destroy(String actorId, long epoch) {
            return delegate.destroy(actorId, epoch);
        }

        @Override
        public List<DueSchedule> dueSchedules(Instant until, int limit) {
            return delegate.dueSchedules(until, limit);
        }

        @Override
        public Optional<Instant> nextDueAt() {
            return delegate.nextDueAt();
        }

        @Override
        public List<ActorRecord> scan(String type, @Nullable String afterId, int limit) {
            return delegate.scan(type, afterId, limit);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
