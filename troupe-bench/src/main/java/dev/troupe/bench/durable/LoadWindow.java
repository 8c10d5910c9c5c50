package dev.troupe.bench.durable;

import dev.troupe.RuntimeStats;
import dev.troupe.Troupe;
import dev.troupe.bench.harness.ClosedLoop;
import dev.troupe.demo.Counter;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One measured window of durable load: closed-loop callers incrementing random counters, and the
 * runtime's commit counters over the same window.
 *
 * @param actionsPerSecond durable increments completed per second
 * @param writesPerSecond  actor writes committed per second (turns of one actor coalesce into one)
 * @param commitsPerSecond store transactions per second
 * @param writesPerCommit  actor writes per store transaction
 * @param turnsPerCommit   durable turns per store transaction
 */
public record LoadWindow(double actionsPerSecond, double writesPerSecond, double commitsPerSecond, double writesPerCommit,
                  double turnsPerCommit) {

    /**
     * Runs {@code callers} callers on {@code counters} for {@code settle} and then measures them for
     * {@code window}; the callers stop before this returns.
     *
     * @throws IllegalStateException if calls failed during the window
     */
    public static LoadWindow measure(Troupe troupe, Counter[] counters, int callers, Duration settle, Duration window)
            throws InterruptedException {
        ClosedLoop loop = ClosedLoop.start(callers,
                caller -> counters[ThreadLocalRandom.current().nextInt(counters.length)].increment(1));
        try {
            Thread.sleep(settle);
            RuntimeStats before = troupe.stats();
            long completedBefore = loop.completed();
            long failedBefore = loop.failed();
            long start = System.nanoTime();
            Thread.sleep(window);
            long completed = loop.completed() - completedBefore;
            long failed = loop.failed() - failedBefore;
            double seconds = (System.nanoTime() - start) / 1e9;
            RuntimeStats after = troupe.stats();
            if (failed > 0) {
                throw new IllegalStateException(failed + " calls failed in the window", loop.firstFailure());
            }
            long commits = after.commitBatches() - before.commitBatches();
            long writes = after.committedWrites() - before.committedWrites();
            long turns = after.durableTurns() - before.durableTurns();
            return new LoadWindow(completed / seconds, writes / seconds, commits / seconds,
                    commits == 0 ? 0 : (double) writes / commits, commits == 0 ? 0 : (double) turns / commits);
        } finally {
            loop.close();
        }
    }
}
