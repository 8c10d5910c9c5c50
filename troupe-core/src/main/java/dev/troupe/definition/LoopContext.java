package dev.troupe.definition;

import dev.troupe.RunLoop;
import org.jspecify.annotations.Nullable;

/**
 * The run loop as the runtime gives it to a behaviour ({@link ActorBehaviour#run}): the loop the
 * actor's code sees, plus the context of the turn the message last taken opened, so that a behaviour
 * can bind that context to the loop's thread the way it binds a turn's context in its hooks.
 */
public interface LoopContext extends RunLoop {

    /** The context of the open turn of the message {@code next} last returned, or null if none is open. */
    @Nullable ActorContext turn();
}
