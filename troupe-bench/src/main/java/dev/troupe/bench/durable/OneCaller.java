package dev.troupe.bench.durable;

import dev.troupe.bench.harness.FsyncCeiling;
import dev.troupe.bench.harness.Latencies;
import dev.troupe.demo.Counter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/*
 * The latency-bound case: one caller incrementing one counter, each call waiting for its commit, next
 * to the disk's serial fsync rate measured right after in the store's own directory. With one caller
 * there is nothing to batch, so a durable increment can be no faster than one synced write; the
 * ratio says how much of the rest (the turn, the commit hand-offs, the SQL) Troupe adds to it.
 */
final class OneCaller {
    /** Issue #22: one caller's durable increments at least this share of the serial fsync rate. */
    static final double TARGET = 0.8;

    /**
     * One round: the caller's window, then the fsync ceiling's.
     *
     * @param perSecond  durable increments per second
     * @param p50Millis  median increment latency
     * @param fsync      the serial fsync ceiling right after
     */
    record Round(double perSecond, double p50Millis, FsyncCeiling.Result fsync) {
    }

    private OneCaller() {
    }

    static Round measure(Counter counter, Path directory, Duration settle, Duration window) throws IOException {
        run(counter, settle, new Latencies());
        Latencies latencies = new Latencies();
        long start = System.nanoTime();
        long calls = run(counter, window, latencies);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Round(calls / seconds, latencies.quantileMillis(0.50), FsyncCeiling.measure(directory, window));
    }

    private static long run(Counter counter, Duration window, Latencies latencies) {
        long end = System.nanoTime() + window.toNanos();
        long calls = 0;
        for (long now = System.nanoTime(); now < end; calls++) {
            counter.increment(1);
            long after = System.nanoTime();
            latencies.record(after - now);
            now = after;
        }
        return calls;
    }
}
