package dev.troupe.bench.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A closed-loop load: a fixed number of callers, each on its own virtual thread, each making the next
 * call as soon as its previous one returned, until {@link #close()}. So the offered load adapts to the
 * system's latency, as with real blocking callers.
 *
 * <p>Thread-safe. The counters are read while the load runs; read them before and after a window and
 * subtract to measure that window.
 */
public final class ClosedLoop implements AutoCloseable {
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicReference<@Nullable Throwable> firstFailure = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    private ClosedLoop() {
    }

    /**
     * Starts {@code callers} virtual threads calling {@code call} with their index (0 to callers - 1).
     * A call that throws counts as failed; the caller goes on.
     */
    public static ClosedLoop start(int callers, IntConsumer call) {
        ClosedLoop loop = new ClosedLoop();
        for (int i = 0; i < callers; i++) {
            int caller = i;
            loop.threads.add(Thread.ofVirtual().name("bench-caller-" + i).start(() -> loop.callUntilStopped(caller, call)));
        }
        return loop;
    }

    private void callUntilStopped(int caller, IntConsumer call) {
        while (running) {
            try {
                call.accept(caller);
                completed.increment();
            } catch (RuntimeException e) {
                failed.increment();
                firstFailure.compareAndSet(null, e);
            }
        }
    }

    /** Calls that returned normally so far. */
    public long completed() {
        return completed.sum();
    }

    /** Calls that threw so far. */
    public long failed() {
        return failed.sum();
    }

    /** The first exception a call threw, or null if none did. */
    public @Nullable Throwable firstFailure() {
        return firstFailure.get();
    }

    /**
     * Runs {@code callers} callers of {@code call} for {@code window} and answers the calls completed
     * per second.
     *
     * @throws IllegalStateException if a call failed
     */
    public static double callRate(int callers, IntConsumer call, Duration window) throws InterruptedException {
        ClosedLoop loop = start(callers, call);
        long started = System.nanoTime();
        Thread.sleep(window);
        long completed = loop.completed();
        double seconds = (System.nanoTime() - started) / 1e9;
        loop.close();
        loop.throwIfFailed();
        return completed / seconds;
    }

    /** Throws {@link IllegalStateException}, with the first failure as its cause, if a call failed. */
    public void throwIfFailed() {
        if (failed() > 0) {
            throw new IllegalStateException(failed() + " calls failed", firstFailure());
        }
    }

    /** Stops the callers and waits for their calls in progress to return. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
