package dev.troupe;

import java.util.List;

/**
 * Receives an actor's events. Called on a runtime thread once the turn that broadcast the event is
 * durable, in the order the actor broadcast them; implementations must return quickly and not block.
 */
@FunctionalInterface
public interface EventListener {

    /** One event: its name and the arguments the actor broadcast. */
    void onEvent(String event, List<Object> args);
}
