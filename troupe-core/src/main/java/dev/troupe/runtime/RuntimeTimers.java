package dev.troupe.runtime;

import dev.troupe.TimeSource;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's wake-ups on its {@link TimeSource}: one-off timers and repeating sweeps. After
 * {@link #close()} nothing scheduled here runs any more, even if the time source still fires it, so a
 * shared timer thread never calls into a closed runtime. A task that throws is logged; a repeating
 * one runs again at its next interval. Thread-safe.
 */
final class RuntimeTimers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeTimers.class);

    private final TimeSource time;
    private final Set<Repeating> repeating = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    RuntimeTimers(TimeSource time) {
        this.time = time;
    }

    TimeSource time() {
        return time;
    }

    /** Runs {@code task} once after {@code delay} on the time source, unless cancelled or closed first. */
    TimeSource.Wakeup after(Duration delay, Runnable task) {
        return time.schedule(time.instant().plus(delay), () -> run(task));
    }

    /** Runs {@code task} every {@code interval}, measured from the end of one run to the start of the next. */
    void every(Duration interval, Runnable task) {
        Repeating sweep = new Repeating(interval, task);
        repeating.add(sweep);
        sweep.next();
    }

    private void run(Runnable task) {
        if (closed) {
            return;
        }
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("a runtime timer task failed", e);
        }
    }

    /** Stops every wake-up of this runtime. Idempotent. */
    @Override
    public void close() {
        closed = true;
        repeating.forEach(Repeating::cancel);
    }

    /** A sweep that schedules its next run when the current one ends. */
    private final class Repeating implements Runnable {
        private final Duration interval;
        private final Runnable task;
        private volatile TimeSource.Wakeup wakeup = () -> false;

        Repeating(Duration interval, Runnable task) {
            this.interval = interval;
            this.task = task;
        }

        @Override
        public void run() {
            RuntimeTimers.this.run(task);
            next();
        }

        void next() {
            if (!closed) {
                wakeup = time.schedule(time.instant().plus(interval), this);
            }
        }

        void cancel() {
            wakeup.cancel();
        }
    }
}
