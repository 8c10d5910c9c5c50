package dev.troupe.statechart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.json.Json;
import java.util.List;
import java.util.Map;

/**
 * A compiled statechart: the states, transitions, guards and actions of one definition, checked once so
 * that every transition can work. Run it with {@link Statecharts}.
 *
 * <p>A definition is XState v5's config shape ({@code id}, {@code initial}, {@code states}, {@code on},
 * {@code after}, {@code always}, {@code onDone}, {@code entry}, {@code exit}, {@code type}, {@code history},
 * {@code target}, {@code reenter}, {@code context}, {@code output}), given as JSON or built with
 * {@link #builder(String)}; guards and actions are names resolved in {@link Implementations}. Immutable
 * and thread-safe.
 *
 * {@snippet file=dev/troupe/statechart/MachineSnippetsTest.java region=json}
 */
public final class Machine {
    private final String id;
    private final StateNode root;
    private final List<StateNode> nodes;
    private final Map<String, StateNode> byId;
    private final Implementations implementations;
    private final ObjectNode definedContext;
    private final boolean eventless;

    /** {@code nodes} are complete: their transitions compiled. */
    Machine(String id, StateNode root, List<StateNode> nodes, Map<String, StateNode> byId,
            Implementations implementations, ObjectNode definedContext) {
        this.id = id;
        this.root = root;
        this.nodes = nodes;
        this.byId = byId;
        this.implementations = implementations;
        this.definedContext = definedContext;
        this.eventless = nodes.stream().anyMatch(node -> !node.always.isEmpty());
    }

    /**
     * Compiles a definition in XState's JSON config shape.
     *
     * @throws TroupeException {@code config/invalid_registration} if the definition cannot work: an unknown
     *     target or state, a compound state without {@code initial}, a guard or action name without an
     *     implementation, an unsupported key such as {@code invoke}; the message names the state
     */
    public static Machine fromJson(JsonNode definition, Implementations implementations) {
        return new MachineCompiler(definition, implementations).compile();
    }

    /** {@link #fromJson(JsonNode, Implementations)} for JSON text. */
    public static Machine fromJson(String definition, Implementations implementations) {
        try {
            return fromJson(Json.mapper().readTree(definition), implementations);
        } catch (JsonProcessingException e) {
            throw new TroupeException(ErrorCode.INVALID_REGISTRATION,
                    "a machine definition is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Starts a definition in Java; it builds the same JSON config shape {@link #fromJson} reads. */
    public static MachineBuilder builder(String id) {
        return new MachineBuilder(id);
    }

    /** The machine's id (the definition's {@code id}, or {@code (machine)} as in XState). */
    public String id() {
        return id;
    }

    StateNode root() {
        return root;
    }

    int size() {
        return nodes.size();
    }

    /** The state with this document order. */
    StateNode nodeAt(int order) {
        return nodes.get(order);
    }

    StateNode node(String stateId) {
        StateNode node = byId.get(stateId);
        if (node == null) {
            throw new IllegalArgumentException("machine '" + id + "' has no state '#" + stateId + "'");
        }
        return node;
    }

    /** Whether any state has eventless ({@code always}) transitions. */
    boolean hasEventless() {
        return eventless;
    }

    Implementations implementations() {
        return implementations;
    }

    /** A private copy of the definition's {@code context}. */
    ObjectNode definedContext() {
        return definedContext.deepCopy();
    }

    @Override
    public String toString() {
        return "Machine[" + id + ", " + nodes.size() + " states]";
    }
}
