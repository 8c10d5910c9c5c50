package dev.troupe.testkit;

import java.time.Duration;
import java.time.Instant;

/**
 * The time of a {@link TroupeTestKit}: it stands still until the test moves it. {@link #advance} moves
 * it and returns once everything that came due has run to its end: due durable schedules have fired
 * and committed, volatile timers have fired, idle actors have gone to sleep, calls whose deadline
 * passed have failed with {@code actor/timeout}, and every event and view those turns produced has
 * been delivered. So a test asserts right after it, without waiting. Thread-safe; one thread should
 * own the clock.
 */
public final class TestClock {
    private final ManualTimeSource time;
    private final Settler settler;

    TestClock(ManualTimeSource time, Settler settler) {
        this.time = time;
        this.settler = settler;
    }

    /** The current instant of the kit's runtime. */
    public Instant now() {
        return time.instant();
    }

    /**
     * Moves time forward by {@code amount}, runs every wake-up now due, and waits until the runtime
     * has settled (see {@link TroupeTestKit#settle()}).
     *
     * @throws IllegalArgumentException if {@code amount} is negative
     * @throws AssertionError if the runtime is still busy after the kit's settle timeout (a turn that
     *                        blocks, or another thread still calling, keeps it busy)
     */
    public void advance(Duration amount) {
        time.advance(amount);
        settler.settle("advancing the clock by " + amount + " to " + now());
    }

    /**
     * Moves time forward by {@code amount} and runs every wake-up now due, without waiting for the
     * turns they start: for a test that holds an actor busy on purpose, such as one proving a call
     * deadline, where the runtime cannot settle until the test lets the actor go. Deadlines that passed
     * have failed their calls when this returns.
     *
     * @throws IllegalArgumentException if {@code amount} is negative
     */
    public void advanceWithoutWaiting(Duration amount) {
        time.advance(amount);
    }

    @Override
    public String toString() {
        return "TestClock[" + now() + "]";
    }
}
