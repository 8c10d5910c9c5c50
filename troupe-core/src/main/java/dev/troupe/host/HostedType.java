package dev.troupe.host;

import dev.troupe.definition.ActorDefinition;
import java.util.Collection;
import java.util.Set;

/**
 * A registered actor type, as a transport sees it: its name, its definition, its actions and its queues.
 * Immutable.
 */
public interface HostedType {

    /** The type name. */
    String name();

    /** The definition the type was registered from (actions, events, schemas). */
    ActorDefinition definition();

    /** The names of the durable queues the type declares ({@code TypeOptions.queues}), sorted. */
    Set<String> queues();

    /** The actions, in the order the definition declares them. */
    Collection<? extends HostedAction> actions();

    /**
     * The action of that name.
     *
     * @throws dev.troupe.TroupeException {@code actor/action_not_found}
     */
    HostedAction action(String name);
}
