package dev.troupe.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.ErrorCode;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.testing.Counter;
import dev.troupe.testing.CounterActor;
import dev.troupe.testing.FaultyStore;
import dev.troupe.testing.crash.CallLedger;
import dev.troupe.testing.crash.CallLedger.Outcome;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    private FaultyStore aStore;
    private Troupe a;
    private Troupe b;

    @BeforeEach
    void startBothRuntimes() {
        String url = EmbeddedPostgresSupport.newDatabaseUrl();
        aStore = new FaultyStore(PostgresStore.open(url, EmbeddedPostgresSupport.USER, null));
        a = Troupe.builder().store(aStore).register(CounterActor.class).build();
        b = Troupe.builder().store(PostgresStore.open(url, EmbeddedPostgresSupport.USER, null))
                .register(CounterActor.class).build();
    }

    @AfterEach
    void stopBothRuntimes() {
        aStore.open();
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

        CountDownLatch held = aStore.hold();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Outcome> refused = callers.submit(() -> aCalls.increment(key, () -> onA.increment(1)));
            assertThat(held.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("a commit reached the gate").isTrue();
            long turns = a.stats().turns();
            Future<Outcome> stagedBehind = callers.submit(() -> aCalls.increment(key, () -> onA.increment(1)));
            await("A's second turn ran while its first commit is held").atMost(WAIT)
                    .until(() -> a.stats().turns() > turns);
            aStore.open();

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
}
