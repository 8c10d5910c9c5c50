package dev.troupe.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One action of an {@link ActorDefinition}: its name, whether it only reads, the schemas of its
 * positional arguments and of its result. Callers send arguments as a JSON array; the runtime checks
 * its length and nulls, then {@link #decode}s each argument and hands the decoded arguments to
 * {@link ActorBehaviour#invoke}.
 *
 * <p>Implementations must be immutable and thread-safe.
 */
public interface ActionDefinition {
    /** The action name, unique within its type; see {@link ActorDefinition#actions}. */
    String name();

    /**
     * Whether the action only reads: it may then run beside another turn, against the last completed
     * state, and must not change state, schedule, broadcast or destroy. False unless overridden.
     */
    default boolean readOnly() {
        return false;
    }

    /** The positional parameters. */
    List<Parameter> parameters();

    /** The JSON Schema of the result; {@code {"type":"null"}} for an action that answers nothing. */
    JsonNode result();

    /**
     * Converts the argument at {@code index} from JSON to what the behaviour receives. The default
     * checks it against the parameter's schema ({@link Parameter#problem}, compiled once with the
     * parameter) and passes the JSON value itself on. The runtime has already refused a null for a
     * parameter that is not {@link Parameter#nullable}.
     *
     * @throws IllegalArgumentException saying in plain words what does not fit ("expected an integer,
     *                                  got a string"); the runtime reports it as {@code request/invalid_args}
     *                                  naming the action and the parameter
     */
    default Object decode(int index, JsonNode value) {
        parameters().get(index).problem(value).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return value;
    }
}
