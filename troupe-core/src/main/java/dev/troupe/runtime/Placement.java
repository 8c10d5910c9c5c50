package dev.troupe.runtime;

import dev.troupe.host.Address;

/**
 * Which node hosts the activation of each actor. The runtime asks before it routes a message to a
 * local activation; a message for an actor hosted elsewhere fails with {@code actor/unavailable}
 * until forwarding between nodes exists. Today every actor lives on this node
 * ({@link #singleNode()}); a cluster supplies a placement backed by its membership.
 *
 * <p>Implementations are thread-safe and fast: they run on every routed message.
 */
interface Placement {

    /** The name of the node this runtime runs on. */
    String localNode();

    /** The name of the node that hosts {@code address}'s activation. */
    String hostOf(Address address);

    /** Whether this node hosts {@code address}'s activation. */
    default boolean isLocal(Address address) {
        return hostOf(address).equals(localNode());
    }

    /** Every actor on this one node. */
    static Placement singleNode() {
        return SingleNodePlacement.INSTANCE;
    }
}
