package dev.troupe;

import java.time.Duration;
import java.util.Objects;

/**
 * How a failing workflow step is retried: at most {@code maxAttempts} runs in all, waiting
 * {@code initialBackoff} after the first failure and twice as long after each further one, at most
 * {@code maxBackoff}. The waits are durable schedules, so they survive restarts.
 *
 * @param maxAttempts    how many times the step may run, at least 1
 * @param initialBackoff the wait after the first failure
 * @param maxBackoff     the longest wait
 */
public record StepRetry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    /** Three attempts, one second after the first failure, two after the second. */
    public static final StepRetry DEFAULT = new StepRetry(3, Duration.ofSeconds(1), Duration.ofMinutes(1));
    /** One attempt: a failure is final. */
    public static final StepRetry NONE = new StepRetry(1, Duration.ZERO, Duration.ZERO);

    /** Checks the bounds. */
    public StepRetry {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1 || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("a step runs at least once and backs off for 0 <= initial <= max");
        }
    }

    /** The wait after the {@code failures}-th failure (from 1). */
    public Duration backoff(int failures) {
        Duration wait = initialBackoff;
        for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
