package dev.troupe.runtime;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-ordered unique ids (UUIDv7, RFC 9562): actor ids and schedule ids sort by creation time, which
 * gives schedules due at the same instant a stable order. Monotonic within this process.
 */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong LAST = new AtomicLong();

    private Ids() {
    }

    /** A new UUIDv7 string. Thread-safe. */
    public static String next() {
        long now = System.currentTimeMillis() << 12;
        long stamp = LAST.accumulateAndGet(now, (last, candidate) -> Math.max(last + 1, candidate));
        long millis = stamp >>> 12;
        long counter = stamp & 0xFFF;
        long msb = (millis << 16) | 0x7000L | counter;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
