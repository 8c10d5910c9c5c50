package dev.troupe.host;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.definition.ActionDefinition;

/**
 * One action of a hosted actor type, as a transport sees it: its name, whether it only reads, its
 * definition (parameter and result schemas, for documents) and the decoding of its arguments from the
 * wire. Obtained from {@link HostedType#action}; a transport passes it back to
 * {@link ActorHost#call}, which accepts only actions of its own types. Immutable.
 */
public interface HostedAction {

    /** The action name. */
    String name();

    /** Whether the action only reads ({@link dev.troupe.ReadOnly} for Java classes). */
    boolean readOnly();

    /** The definition: the parameter and result schemas. */
    ActionDefinition definition();

    /**
     * Converts JSON arguments to what the actor receives. A missing or null {@code args} is no
     * arguments.
     *
     * @throws dev.troupe.TroupeException {@code request/invalid_args} naming the action, the parameter
     *                                    and the problem
     */
    Object[] decodeArgs(JsonNode args);
}
