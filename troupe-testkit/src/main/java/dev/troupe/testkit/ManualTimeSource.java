package dev.troupe.testkit;

import dev.troupe.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A {@link TimeSource} that stands still until a test moves it, for a {@code Troupe} built with
 * {@code Troupe.builder().clock(new ManualTimeSource())}. {@link #advance} sets the new time, then runs
 * every wake-up that has come due, in due order, on the calling thread, so the runtime's idle sweep,
 * deadline sweep, timers and schedule poller act before {@code advance} returns. Their effects, such as
 * turns, still run on the runtime's own threads: {@link TestClock#advance} also waits for those. A
 * repeating sweep runs once per advance, not once per interval skipped. Thread-safe.
 */
public final class ManualTimeSource implements TimeSource {
    /** Where a manual time source starts unless told otherwise: 2030-01-01T00:00:00Z. */
    public static final Instant DEFAULT_ORIGIN = Instant.parse("2030-01-01T00:00:00Z");
    private static final long MAX_NANOS = Long.MAX_VALUE / 2;

    private final Instant origin;
    private final PriorityQueue<Task> due = new PriorityQueue<>();
    private long elapsed;
    private long sequence;

    /** A time source reading {@code origin} until advanced. */
    public ManualTimeSource(Instant origin) {
        this.origin = origin;
    }

    /** A time source starting at {@link #DEFAULT_ORIGIN}. */
    public ManualTimeSource() {
        this(DEFAULT_ORIGIN);
    }

    @Override
    public synchronized Instant instant() {
        return origin.plusNanos(elapsed);
    }

    @Override
    public synchronized long nanoTime() {
        return elapsed;
    }

    @Override
    public synchronized Wakeup schedule(Instant at, Runnable task) {
        Duration fromOrigin = Duration.between(origin, at);
        long atNanos = fromOrigin.isNegative() ? 0
                : fromOrigin.getSeconds() >= MAX_NANOS / 1_000_000_000L ? MAX_NANOS : fromOrigin.toNanos();
        Task scheduled = new Task(atNanos, sequence++, task);
        due.add(scheduled);
        return scheduled::cancel;
    }

    /**
     * Moves time forward by {@code amount}, then runs every wake-up now due (including those the
     * tasks themselves schedule, if due), before returning.
     *
     * @throws IllegalArgumentException if {@code amount} is negative
     */
    public void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("time does not go back: " + amount);
        }
        synchronized (this) {
            elapsed += amount.toNanos();
        }
        runDue();
    }

    private void runDue() {
        while (true) {
            List<Runnable> ready = new ArrayList<>();
            synchronized (this) {
                while (!due.isEmpty() && due.peek().atNanos <= elapsed) {
                    Task task = due.poll();
                    task.started = true;
                    ready.add(task.action);
                }
            }
            if (ready.isEmpty()) {
                return;
            }
            ready.forEach(Runnable::run);
        }
    }

    private final class Task implements Comparable<Task> {
        private final long atNanos;
        private final long order;
        private final Runnable action;
        private boolean started;

        Task(long atNanos, long order, Runnable action) {
            this.atNanos = atNanos;
            this.order = order;
            this.action = action;
        }

        boolean cancel() {
            synchronized (ManualTimeSource.this) {
                return !started && due.remove(this);
            }
        }

        @Override
        public int compareTo(Task other) {
            int byTime = Long.compare(atNanos, other.atNanos);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }
}
