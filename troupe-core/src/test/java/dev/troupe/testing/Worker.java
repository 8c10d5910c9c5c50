package dev.troupe.testing;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;

/** A supervised child for tests: a count, and ways to fail that a parent hears of (or not). */
@ActorContract("test-worker")
public interface Worker {
    long add(long amount);

    @ReadOnly
    long count();

    /** How many times the worker woke (onWake) since it was created. */
    @ReadOnly
    long wakes();

    /** Throws an unexpected exception: a failure its parent hears of. */
    void crash();

    /** Throws a {@code UserException}: an answer to the caller, not a failure. */
    void refuse();

    /** Calls the {@link Relay} keyed {@code relay} and waits at its gate: times out if the gate stays shut. */
    String awaitRelay(String relay);

    /** From now on, every onWake throws (it is committed first). */
    void breakWake();

    /** Finishes the worker with {@code result}: it is destroyed and its parent told. */
    void complete(String result);
}
