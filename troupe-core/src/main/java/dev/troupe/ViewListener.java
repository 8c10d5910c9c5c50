package dev.troupe;

import org.jspecify.annotations.Nullable;

/**
 * Receives a caller's view of an actor ({@code Actor.view}) after every durable state change, as a
 * connection with view sync receives it. Called on a runtime thread, in commit order, once the state
 * the view shows is durable; implementations must return quickly and not block.
 */
@FunctionalInterface
public interface ViewListener {

    /** The caller's view of the state after one turn that changed it ({@code null} if the actor shows none). */
    void onView(@Nullable Object view);
}
