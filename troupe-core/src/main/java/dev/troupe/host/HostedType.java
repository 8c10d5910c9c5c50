package dev.troupe.host;

import dev.troupe.Caller;
import dev.troupe.definition.ActorDefinition;
import dev.troupe.definition.EventDefinition;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A registered actor type, as a transport sees it: its name, its definition, its actions, its queues
 * and its events. Immutable.
 */
public interface HostedType {

    /** The type name. */
    String name();

    /** The definition the type was registered from (actions, events, schemas). */
    ActorDefinition definition();

    /** The names of the durable queues the type declares ({@code TypeOptions.queues}), sorted. */
    Set<String> queues();

    /**
     * The events the type declares, its definition's ({@link ActorDefinition#events}) then its
     * options' ({@code TypeOptions.event}), with the schemas of their arguments; empty if it declares
     * none (it may then broadcast any name).
     */
    List<EventDefinition> events();

    /**
     * Checks that {@code caller} may subscribe to {@code event} ({@code *} always). A transport calls it
     * before it opens a stream subscribed to named events, so that a refused name fails the request;
     * {@link HostConnection#subscribe} checks the same.
     *
     * @throws dev.troupe.TroupeException {@code event/not_found} if the type declares events but not
     *                                    this one, {@code event/forbidden} if its access rules do not
     *                                    allow {@code caller} {@code #event:NAME}
     */
    void checkSubscription(Caller caller, String event);

    /** The actions, in the order the definition declares them. */
    Collection<? extends HostedAction> actions();

    /**
     * The action of that name.
     *
     * @throws dev.troupe.TroupeException {@code actor/action_not_found}
     */
    HostedAction action(String name);
}
