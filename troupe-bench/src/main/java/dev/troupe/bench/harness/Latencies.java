package dev.troupe.bench.harness;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A log-linear histogram of latencies in nanoseconds (32 linear sub-buckets per power of two, so a
 * quantile is within about 3% of the true value). Recording is lock-free and allocation-free, so many
 * callers can share one; {@link #quantile} reads it while recording goes on.
 */
public final class Latencies {
    private static final int SUB_BITS = 5;
    private static final int SUB = 1 << SUB_BITS;
    private final AtomicLongArray counts = new AtomicLongArray(64 * SUB);

    /** Adds one latency of {@code nanos} (negative values count as 0). */
    public void record(long nanos) {
        counts.incrementAndGet(index(Math.max(0, nanos)));
    }

    /** How many latencies were recorded. */
    public long count() {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return total;
    }

    /** The {@code q} quantile (0..1) in milliseconds (the middle of its bucket), or NaN if empty. */
    public double quantileMillis(double q) {
        long total = count();
        if (total == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < counts.length(); i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return middle(i) / 1e6;
            }
        }
        return middle(counts.length() - 1) / 1e6;
    }

    static int index(long value) {
        if (value < SUB) {
            return (int) value;
        }
        int bits = 64 - Long.numberOfLeadingZeros(value); // value in [2^(bits-1), 2^bits)
        int shift = bits - 1 - SUB_BITS;
        int sub = (int) (value >>> shift) - SUB; // 0..SUB-1
        return (shift + 1) * SUB + sub;
    }

    static double middle(int index) {
        if (index < SUB) {
            return index;
        }
        int shift = index / SUB - 1;
        int sub = index % SUB;
        long low = (long) (SUB + sub) << shift;
        return low + ((1L << shift) / 2.0);
    }
}
