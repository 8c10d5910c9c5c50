package dev.troupe;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** {@link TimeSource#system()}: the real clock, and one lazily started timer thread per JVM. */
final class SystemTimeSource implements TimeSource {
    static final SystemTimeSource INSTANCE = new SystemTimeSource();
    /** Delays longer than this (about 292 years) saturate instead of overflowing nanoseconds. */
    private static final long MAX_DELAY_SECONDS = Long.MAX_VALUE / 1_000_000_000L - 1;

    private SystemTimeSource() {
    }

    /** Holds the timer thread, so that it starts with the first wake-up rather than with the class. */
    private static final class Timer {
        static final ScheduledThreadPoolExecutor EXECUTOR = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                    Thread.ofPlatform().name("troupe-timers").daemon(true).factory());
            executor.setRemoveOnCancelPolicy(true);
            return executor;
        }
    }

    @Override
    public Instant instant() {
        return Instant.now();
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Wakeup schedule(Instant at, Runnable task) {
        Duration delay = Duration.between(Instant.now(), at);
        long nanos = delay.isNegative() ? 0
                : delay.getSeconds() >= MAX_DELAY_SECONDS ? Long.MAX_VALUE : delay.toNanos();
        ScheduledFuture<?> scheduled = Timer.EXECUTOR.schedule(task, nanos, TimeUnit.NANOSECONDS);
        return () -> scheduled.cancel(false);
    }

    @Override
    public String toString() {
        return "TimeSource.system()";
    }
}
