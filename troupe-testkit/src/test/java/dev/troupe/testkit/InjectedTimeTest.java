package dev.troupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.ActorRef;
import dev.troupe.ErrorCode;
import dev.troupe.Key;
import dev.troupe.TimeSource;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.store.MemoryStore;
import dev.troupe.store.Store;
import dev.troupe.testing.Counter;
import dev.troupe.testing.CounterActor;
import dev.troupe.testing.FaultyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The runtime's time is the injected {@link TimeSource}: advancing a {@link ManualTimeSource}, and nothing
 * else, makes idle actors sleep, calls time out, schedules and timers fire, and it stamps creation
 * times. A plain {@link Troupe} on the manual time source, without the kit: advancing runs the wake-ups,
 * and their effects follow on the runtime's threads. (Moved here from troupe-core with the manual time
 * source.)
 */
@Timeout(60)
class InjectedTimeTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ManualTimeSource time = new ManualTimeSource();

    @Test
    void idleActor_sleeps_onlyWhenTheClockPassesSleepAfter() {
        try (Troupe troupe = builder(new MemoryStore()).clock(time)
                .sleepAfter(Duration.ofMinutes(10)).idleCheckInterval(Duration.ofSeconds(1)).build()) {
            troupe.actor(Counter.class, Key.of("idle")).increment(1);

            time.advance(Duration.ofMinutes(9));
            assertThat(troupe.stats().activeActors()).isEqualTo(1);

            time.advance(Duration.ofMinutes(2));
            await("the idle actor sleeps").atMost(WAIT).until(() -> troupe.stats().activeActors() == 0);
        }
    }

    @Test
    void callDeadline_passes_whenTheClockDoes() throws Exception {
        FaultyStore store = new FaultyStore();
        try (Troupe troupe = builder(store).clock(time).callTimeout(Duration.ofSeconds(5)).build()) {
            Counter counter = troupe.actor(Counter.class, Key.of("slow"));
            counter.increment(1);
            CountDownLatch held = store.hold();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    counter.increment(1);
                } catch (RuntimeException e) {
                    failure.set(e);
                }
            });
            held.await();
            await("the caller waits for its reply").atMost(WAIT).until(() -> caller.getState() == Thread.State.WAITING);

            time.advance(Duration.ofSeconds(4));
            assertThat(caller.isAlive()).isTrue();

            time.advance(Duration.ofSeconds(2));
            caller.join(WAIT);
            assertThat(failure.get()).isInstanceOfSatisfying(TroupeException.class,
                    e -> assertThat(e.is(ErrorCode.TIMEOUT)).isTrue());
            store.open();
        }
    }

    @Test
    void durableSchedule_isDueByTheClock_andFiresWhenItGetsThere() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = builder(store).clock(time).build()) {
            Counter counter = troupe.actor(Counter.class, Key.of("later"));
            counter.incrementLater(100, 7);
            assertThat(store.nextDueAt()).contains(time.instant().plusMillis(100));

            time.advance(Duration.ofMillis(100));
            await("the schedule fires").atMost(WAIT).until(() -> counter.count() == 7);
            await("the schedule is removed").atMost(WAIT).until(() -> store.nextDueAt().isEmpty());
        }
    }

    @Test
    void volatileTimer_fires_whenTheClockPassesItsDelay() {
        try (Troupe troupe = builder(new MemoryStore()).clock(time).build()) {
            Counter counter = troupe.actor(Counter.class, Key.of("soon"));
            counter.incrementSoon(50, 3);
            assertThat(counter.count()).isZero();

            time.advance(Duration.ofMillis(50));
            await("the timer fires").atMost(WAIT).until(() -> counter.count() == 3);
        }
    }

    @Test
    void creationTime_isTheClocksInstant() {
        time.advance(Duration.ofDays(3));
        Instant now = time.instant();
        try (Troupe troupe = builder(new MemoryStore()).clock(time).build()) {
            ActorRef<Counter> ref = troupe.ref(Counter.class, Key.of("born"));
            ref.create(null);

            assertThat(ref.info()).hasValueSatisfying(info -> assertThat(info.createdAt()).isEqualTo(now));
        }
    }

    private static Troupe.Builder builder(Store store) {
        return Troupe.builder().store(store).register(CounterActor.class)
                .schedulePollInterval(Duration.ofMillis(200)).idleCheckInterval(Duration.ofMillis(50));
    }
}
