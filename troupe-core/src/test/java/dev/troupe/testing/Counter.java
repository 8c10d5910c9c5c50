package dev.troupe.testing;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;

/** A counter for runtime tests. */
@ActorContract("test-counter")
public interface Counter {
    long increment(long amount);

    @ReadOnly
    long count();

    /** Increments, then throws: the increment must leave no trace. */
    long incrementThenFail(long amount);

    /** Sets a durable schedule that increments by {@code amount} after {@code delayMillis}. */
    String incrementLater(long delayMillis, long amount);

    /** Sets a volatile timer that increments by {@code amount} after {@code delayMillis}. */
    void incrementSoon(long delayMillis, long amount);

    /** How many increments overlapped another turn of this actor (must stay 0). */
    @ReadOnly
    int overlaps();
}
