package dev.troupe.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: attempt {@code n} waits a random time between half and all of
 * {@code min(max, initial * 2^n)}, so many clients that lost the same server do not return in step.
 * Immutable.
 *
 * @param initial the base delay of the first retry
 * @param max     the cap of the delay
 */
record Backoff(Duration initial, Duration max) {

    /** The delay before retry number {@code attempt} (0 for the first). */
    Duration delay(int attempt) {
        long base = initial.toMillis() << Math.min(attempt, 20);
        long capped = Math.min(Math.max(base, 1), max.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(capped - half + 1));
    }
}
