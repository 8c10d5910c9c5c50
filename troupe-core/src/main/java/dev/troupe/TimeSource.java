package dev.troupe;

import java.time.Instant;
import java.time.InstantSource;

/**
 * The runtime's one source of time. It tells the wall-clock instant (due times of schedules, creation
 * times), counts monotonic nanoseconds (idle sleep, call deadlines, turn durations) and wakes the
 * runtime up at a given instant (volatile timers, the idle sweep, the deadline sweep, the schedule
 * poller). Everything time-dependent in the runtime goes through the instance given to
 * {@link Troupe.Builder#clock}, so a test can swap in a manual time source: advancing it runs every
 * wake-up that has come due, and the effects follow without real waiting.
 *
 * <p>Implementations are thread-safe. The {@link #instant()} and {@link #nanoTime()} of one time
 * source move together: a wake-up due at instant {@code t} never runs while {@code instant()} is
 * still before {@code t}.
 */
public interface TimeSource extends InstantSource {

    /**
     * A monotonic count of nanoseconds with the semantics of {@link System#nanoTime()}: only the
     * difference of two readings means anything, and it never goes backwards.
     */
    long nanoTime();

    /**
     * Runs {@code task} once, when this time source reaches {@code at}. An instant not in the future
     * is due at once: the system time source runs the task at once on its timer thread, a manual one
     * when it is next advanced. Tasks of every runtime may share one thread: they must be short and
     * must not block. A task that throws is not run again; the runtime catches and logs its own.
     *
     * @return a handle that cancels the task if it has not started
     */
    Wakeup schedule(Instant at, Runnable task);

    /** A scheduled {@link #schedule wake-up}. */
    @FunctionalInterface
    interface Wakeup {
        /**
         * Cancels the task unless it has started or finished. Idempotent.
         *
         * @return true if this call kept the task from running
         */
        boolean cancel();
    }

    /**
     * The system clock in UTC, {@link System#nanoTime()}, and one daemon timer thread shared by every
     * runtime in the JVM (as the JDK's {@code CompletableFuture.delayedExecutor} shares one).
     */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }
}
