package dev.troupe.host;

import java.time.Duration;

/**
 * A started runtime as its owner ({@code Troupe}) holds it: the {@link ActorHost} it serves, plus what
 * only the owner may do, wait for quiescence and close it. Thread-safe.
 */
public interface RunningHost extends ActorHost, AutoCloseable {
    /**
     * Waits until the runtime has nothing left to do (see {@code Troupe.awaitQuiescence}).
     *
     * @return false if work was still in flight after {@code timeout}
     * @throws IllegalStateException if called from inside a turn, which would wait for itself
     * @throws InterruptedException  if the thread is interrupted while waiting
     */
    boolean awaitQuiescence(Duration timeout) throws InterruptedException;

    /**
     * Stops accepting calls, puts every actor to sleep, commits what is pending and closes the store.
     * Idempotent.
     */
    @Override
    void close();
}
