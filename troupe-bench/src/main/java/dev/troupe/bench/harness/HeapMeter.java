package dev.troupe.bench.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Measures the live heap: the used heap after full collections, repeated until it stops shrinking, so
 * that what remains is what is reachable (plus the collector's small, steady overhead).
 */
public final class HeapMeter {
    private static final int MAX_ROUNDS = 10;
    private static final double SETTLED = 0.001;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    /** Used heap bytes after {@link System#gc()} has settled it. Not thread-safe with other allocators. */
    public long usedAfterGc() throws InterruptedException {
        long previous = Long.MAX_VALUE;
        long used = Long.MAX_VALUE;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            System.gc();
            Thread.sleep(50);
            used = memory.getHeapMemoryUsage().getUsed();
            if (round >= 2 && previous - used <= previous * SETTLED) {
                break;
            }
            previous = used;
        }
        return used;
    }
}
