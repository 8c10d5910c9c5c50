package dev.troupe.wasm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.definition.EventDefinition;
import dev.troupe.definition.Parameter;
import dev.troupe.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The JSON manifest that describes a WebAssembly module as an actor type: its name (the type name),
 * version, actions with the JSON Schemas of their arguments and result, events, the capabilities it
 * asks for and its initial state. See {@code docs/wasm.md} for the format.
 *
 * @param name         the actor type name
 * @param version      the module's version, the state version of the type
 * @param actions      the actions, each exported by the module as {@code action_<name>}
 * @param events       the events it broadcasts
 * @param capabilities the capabilities it asks for
 * @param initialState the module's state for a new actor (a JSON value)
 */
public record Manifest(String name, int version, List<Action> actions, List<EventDefinition> events,
                       Set<Capability> capabilities, JsonNode initialState) {

    /**
     * One action of the manifest.
     *
     * @param name       the action name
     * @param readOnly   whether it only reads (runs on its own instance, may not set state)
     * @param parameters its positional parameters
     * @param result     the JSON Schema of its result
     */
    public record Action(String name, boolean readOnly, List<Parameter> parameters, JsonNode result) {
        /** Copies the parameters. */
        public Action {
            Objects.requireNonNull(name, "name");
            parameters = List.copyOf(parameters);
            Objects.requireNonNull(result, "result");
        }
    }

    /** Copies the lists and checks that nothing is missing. */
    public Manifest {
        Objects.requireNonNull(name, "name");
        actions = List.copyOf(actions);
        events = List.copyOf(events);
        capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
        Objects.requireNonNull(initialState, "initialState");
    }

    /**
     * Reads a manifest from its JSON text.
     *
     * @throws TroupeException {@code wasm/invalid_module} saying what is missing or wrong
     */
    public static Manifest parse(byte[] json) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw invalid("the manifest is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid("the manifest is not a JSON object");
        }
        try {
            List<Action> actions = new ArrayList<>();
            for (JsonNode action : array(root, "actions")) {
                actions.add(new Action(text(action, "name"), action.path("readOnly").asBoolean(false),
                        parameters(action), action.has("result") ? action.get("result") : nullSchema()));
            }
            List<EventDefinition> events = new ArrayList<>();
            for (JsonNode event : array(root, "events")) {
                events.add(new EventDefinition(text(event, "name"), parameters(event)));
            }
            Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
            for (JsonNode capability : array(root, "capabilities")) {
                capabilities.add(Capability.of(capability.asText()));
            }
            return new Manifest(text(root, "name"), root.path("version").asInt(1), actions, events, capabilities,
                    root.has("initialState") ? root.get("initialState") : JsonNodeFactory.instance.objectNode());
        } catch (IllegalArgumentException e) {
            throw invalid("the manifest is not usable: " + e.getMessage());
        }
    }

    private static List<Parameter> parameters(JsonNode owner) {
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode parameter : array(owner, "parameters")) {
            parameters.add(Parameter.of(text(parameter, "name"), parameter.path("schema")));
        }
        return parameters;
    }

    private static Iterable<JsonNode> array(JsonNode owner, String field) {
        JsonNode node = owner.path(field);
        if (node.isMissingNode()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("'" + field + "' must be an array");
        }
        Iterator<JsonNode> elements = node.elements();
        return () -> elements;
    }

    private static String text(JsonNode owner, String field) {
        JsonNode node = owner.path(field);
        if (!node.isTextual() || node.asText().isEmpty()) {
            throw new IllegalArgumentException("'" + field + "' must be a non-empty string");
        }
        return node.asText();
    }

    private static JsonNode nullSchema() {
        return Json.mapper().valueToTree(Map.of("type", "null"));
    }

    static TroupeException invalid(String message) {
        return new TroupeException(ErrorCode.WASM_INVALID_MODULE, message);
    }
}
