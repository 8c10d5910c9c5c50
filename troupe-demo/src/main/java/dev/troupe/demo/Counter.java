package dev.troupe.demo;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;

/**
 * The demo counter: a number that anyone may increment, broadcasting {@code newCount} after each
 * durable change.
 */
@ActorContract("counter")
public interface Counter {

    /** Adds {@code amount} (which may be negative) and returns the new count. */
    long increment(long amount);

    /** The current count. */
    @ReadOnly
    long count();
}
