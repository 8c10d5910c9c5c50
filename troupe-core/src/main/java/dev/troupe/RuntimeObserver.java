package dev.troupe;

import org.jspecify.annotations.Nullable;

/**
 * Receives timings from the runtime, for metrics (turn latency histograms, commit batch sizes).
 * Register with {@link Troupe#observe}. Methods are called on runtime threads, on the hot path: they
 * must be fast, must not block and must not throw.
 */
public interface RuntimeObserver {

    /**
     * A turn ended.
     *
     * @param type      the actor type
     * @param operation the action name, or a lifecycle hook such as {@code #onWake}
     * @param nanos     how long the turn executed (excluding the wait for durability)
     * @param error     the error the turn ended with, or null if it completed
     */
    default void turnEnded(String type, String operation, long nanos, @Nullable ActorError error) {
    }

    /**
     * The group committer committed one store transaction.
     *
     * @param writes actor writes in it
     * @param turns  turns those writes carried
     * @param nanos  how long {@code Store.commit} took
     */
    default void committed(int writes, int turns, long nanos) {
    }
}
