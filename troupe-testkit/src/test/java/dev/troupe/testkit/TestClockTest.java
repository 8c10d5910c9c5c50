package dev.troupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.ErrorCode;
import dev.troupe.Key;
import dev.troupe.TroupeException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Advancing the kit's clock runs what came due to its end before it returns: schedules, timers, idle
 * sleep and call deadlines, asserted at once, without waiting.
 */
@Timeout(60)
class TestClockTest {
    private final TroupeTestKit kit = TroupeTestKit.builder()
            .register(TallyActor.class, type -> type.sleepAfter(Duration.ofMinutes(10)))
            .register(GateActor.class)
            .configure(runtime -> runtime.callTimeout(Duration.ofSeconds(5)))
            .start();

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void durableSchedule_firesNothingBeforeItsDelay_andOnceWhenTheClockPassesIt() {
        Tally tally = kit.actor(Tally.class, Key.of("later"));
        tally.addLater(1_000, 5);

        kit.clock().advance(Duration.ofMillis(999));
        assertThat(tally.total()).isZero();
        assertThat(kit.store().nextDueAt()).contains(kit.clock().now().plusMillis(1));

        kit.clock().advance(Duration.ofMillis(1));
        assertThat(tally.total()).isEqualTo(5);
        assertThat(kit.store().nextDueAt()).isEmpty();

        kit.clock().advance(Duration.ofHours(1));
        assertThat(tally.total()).isEqualTo(5);
    }

    @Test
    void volatileTimer_firesOnce_whenTheClockPassesItsDelay() {
        Tally tally = kit.actor(Tally.class, Key.of("soon"));
        try (EventCapture added = kit.events(kit.ref(Tally.class, Key.of("soon")), "added")) {
            tally.addSoon(50, 3);

            kit.clock().advance(Duration.ofMillis(49));
            assertThat(added.all()).isEmpty();

            kit.clock().advance(Duration.ofMillis(1));
            kit.clock().advance(Duration.ofSeconds(1));
            assertThat(added.of("added")).containsExactly(java.util.List.of(3L, 3L));
        }
    }

    @Test
    void idleActor_sleepsAfterItsIdleTimeout_andWakesOnTheNextCallWithItsDurableState() {
        Tally tally = kit.actor(Tally.class, Key.of("idle"));
        tally.add(7);

        kit.clock().advance(Duration.ofMinutes(9));
        assertThat(kit.troupe().stats().activeActors()).isEqualTo(1);

        kit.clock().advance(Duration.ofMinutes(2));
        assertThat(kit.troupe().stats().activeActors()).isZero();

        assertThat(tally.total()).isEqualTo(7);
        assertThat(kit.troupe().stats().activeActors()).isEqualTo(1);
    }

    @Test
    void callDeadline_passes_whenTheClockDoes() throws Exception {
        Gate gate = kit.actor(Gate.class, Key.of("deadline"));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                gate.pass();
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        await("the caller waits at the gate").atMost(Duration.ofSeconds(10))
                .until(() -> caller.getState() == Thread.State.WAITING);

        kit.clock().advanceWithoutWaiting(Duration.ofSeconds(4));
        assertThat(caller.isAlive()).isTrue();

        kit.clock().advanceWithoutWaiting(Duration.ofSeconds(1));
        caller.join(Duration.ofSeconds(10));
        assertThat(failure.get()).isInstanceOfSatisfying(TroupeException.class,
                e -> assertThat(e.is(ErrorCode.TIMEOUT)).isTrue());

        GateActor.open("deadline");
        kit.settle();
    }

    @Test
    void advance_whileATurnIsHeld_failsNamingWhatItWaitedFor() throws Exception {
        try (TroupeTestKit impatient = TroupeTestKit.builder().register(GateActor.class)
                .settleTimeout(Duration.ofMillis(200)).start()) {
            Gate gate = impatient.actor(Gate.class, Key.of("held"));
            Thread caller = Thread.ofVirtual().start(gate::pass);
            await("the caller waits at the gate").atMost(Duration.ofSeconds(10))
                    .until(() -> caller.getState() == Thread.State.WAITING);

            assertThatThrownBy(() -> impatient.clock().advance(Duration.ofMillis(1)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("still busy")
                    .hasMessageContaining("advancing the clock by PT0.001S");

            GateActor.open("held");
            caller.join(Duration.ofSeconds(10));
        }
    }

    @Test
    void clock_startsAtTheGivenInstant_andDoesNotGoBack() {
        java.time.Instant origin = java.time.Instant.parse("2031-06-01T12:00:00Z");
        try (TroupeTestKit later = TroupeTestKit.builder().register(TallyActor.class).startingAt(origin).start()) {
            later.ref(Tally.class, Key.of("born")).create(null);

            assertThat(later.ref(Tally.class, Key.of("born")).info())
                    .hasValueSatisfying(info -> assertThat(info.createdAt()).isEqualTo(origin));
            assertThatThrownBy(() -> later.clock().advance(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
