package dev.troupe.testkit;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;

/** The example actor of the README and the kit's tests: a running total that remembers who added what. */
@ActorContract("tally")
public interface Tally {
    /** Adds {@code amount} for the caller and broadcasts {@code added(amount, total)}; returns the total. */
    long add(long amount);

    /** The total. */
    @ReadOnly
    long total();

    /** Adds {@code amount} after {@code delayMillis}, by a durable schedule. */
    void addLater(long delayMillis, long amount);

    /** Adds {@code amount} after {@code delayMillis}, by a volatile timer. */
    void addSoon(long delayMillis, long amount);
}
