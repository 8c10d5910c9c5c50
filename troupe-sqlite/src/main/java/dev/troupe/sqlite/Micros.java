package dev.troupe.sqlite;

import java.time.Instant;

/**
 * Instants as the store keeps them: whole microseconds since the Unix epoch in an {@code INTEGER}
 * column, about 292,000 years either side of 1970. Finer parts of a second are truncated towards the
 * past, so an instant never becomes later by being stored.
 */
final class Micros {
    private static final long PER_SECOND = 1_000_000L;
    private static final long NANOS_PER_MICRO = 1_000L;

    private Micros() {
    }

    /**
     * The microseconds since the epoch of an instant to be stored.
     *
     * @throws IllegalArgumentException if the instant is outside the representable range
     */
    static long of(Instant instant) {
        try {
            return exact(instant);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("instant " + instant + " is too far from 1970 to be stored", e);
        }
    }

    /**
     * The microseconds since the epoch of an instant used as a query bound; instants outside the
     * representable range become the smallest or largest value, which every stored instant is within.
     */
    static long bound(Instant instant) {
        try {
            return exact(instant);
        } catch (ArithmeticException e) {
            return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** The instant that {@code micros} microseconds since the epoch denote. */
    static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, PER_SECOND),
                Math.floorMod(micros, PER_SECOND) * NANOS_PER_MICRO);
    }

    private static long exact(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), PER_SECOND),
                instant.getNano() / NANOS_PER_MICRO);
    }
}
