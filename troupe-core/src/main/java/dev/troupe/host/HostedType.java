package dev.troupe.host;

import dev.troupe.definition.ActorDefinition;
import java.util.Collection;

/**
 * A registered actor type, as a transport sees it: its name, its definition and its actions.
 * Immutable.
 */
public interface HostedType {

    /** The type name. */
    String name();

    /** The definition the type was registered from (actions, events, schemas). */
    ActorDefinition definition();

    /** The actions, in the order the definition declares them. */
    Collection<? extends HostedAction> actions();

    /**
     * The action of that name.
     *
     * @throws dev.troupe.TroupeException {@code actor/action_not_found}
     */
    HostedAction action(String name);
}
