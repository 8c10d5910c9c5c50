package dev.troupe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.Key;
import dev.troupe.TimeSource;
import dev.troupe.Troupe;
import dev.troupe.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cron schedules are durable on any store: subclass it, opening the store under test (the same database
 * on every call within a test) and giving a manual time source. Each run's commit stores the series' next
 * occurrence; the runtime closes, time passes several occurrences while nothing runs, and a new runtime on
 * the same database runs the schedule once for all the missed occurrences, then continues at the next
 * one; a cancel committed before the restart stays a cancel.
 *
 * @param <T> the manual time source
 */
@Timeout(120)
public abstract class AbstractCronRestartTest<T extends TimeSource> {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Key HALL = Key.of("hall");
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    private final Function<Instant, T> clocks;
    private final BiConsumer<T, Duration> advance;

    /**
     * @param clocks  a manual time source starting at the given instant
     * @param advance moves a manual time source on, running what came due
     */
    protected AbstractCronRestartTest(Function<Instant, T> clocks, BiConsumer<T, Duration> advance) {
        this.clocks = clocks;
        this.advance = advance;
    }

    /** The store under test; the same database on every call within a test. */
    protected abstract Store openStore();

    private Troupe open(Store store, T time) {
        return Troupe.builder().store(store).clock(time).register(BellActor.class).build();
    }

    @Test
    void cronSchedule_missedWhileTheRuntimeWasDown_runsOnceOnRestart_thenContinues() {
        T before = clocks.apply(START);
        try (Troupe first = open(openStore(), before)) {
            first.actor(Bell.class, HALL).ringEvery("0 * * * *", "Europe/Berlin");
            advance.accept(before, Duration.ofHours(1));
            assertThat(first.awaitQuiescence(WAIT)).isTrue();
            assertThat(first.actor(Bell.class, HALL).rings()).isEqualTo(1);
        }
        try (Store closed = openStore()) {
            assertThat(closed.nextDueAt()).as("the run's commit stored the next occurrence")
                    .contains(Instant.parse("2030-01-01T02:00:00Z"));
        }

        T after = clocks.apply(Instant.parse("2030-01-01T06:20:00Z"));
        Store store = openStore();
        try (Troupe second = open(store, after)) {
            Bell bell = second.actor(Bell.class, HALL);
            await().atMost(WAIT).until(() -> bell.rings() == 2);
            assertThat(second.awaitQuiescence(WAIT)).isTrue();
            assertThat(bell.rings()).as("five missed occurrences run once").isEqualTo(2);
            assertThat(store.nextDueAt()).contains(Instant.parse("2030-01-01T07:00:00Z"));

            advance.accept(after, Duration.ofMinutes(40));
            await().atMost(WAIT).until(() -> bell.rings() == 3);
            assertThat(store.nextDueAt()).contains(Instant.parse("2030-01-01T08:00:00Z"));
        }
    }

    @Test
    void cronSchedule_cancelledBeforeARestart_staysCancelled() {
        T before = clocks.apply(START);
        try (Troupe first = open(openStore(), before)) {
            Bell bell = first.actor(Bell.class, HALL);
            String series = bell.ringEvery("*/10 * * * *", "UTC");
            advance.accept(before, Duration.ofMinutes(10));
            assertThat(first.awaitQuiescence(WAIT)).isTrue();
            assertThat(bell.rings()).isEqualTo(1);
            bell.stop(series);
        }

        T after = clocks.apply(Instant.parse("2030-01-01T03:00:00Z"));
        Store store = openStore();
        try (Troupe second = open(store, after)) {
            assertThat(store.nextDueAt()).isEmpty();
            advance.accept(after, Duration.ofHours(1));
            assertThat(second.awaitQuiescence(WAIT)).isTrue();
            assertThat(second.actor(Bell.class, HALL).rings()).isEqualTo(1);
        }
    }
}
