package dev.troupe.runtime;

import dev.troupe.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.definition.ActionDefinition;
import dev.troupe.definition.Parameter;
import dev.troupe.host.HostedAction;
import java.util.List;
import java.util.Map;

/**
 * One action of a registered type, as the runtime calls it: its definition, and the decoding of its
 * arguments from JSON with the checks every kind of actor shares (an array, of the right length,
 * without nulls where none are allowed). Immutable.
 */
final class Action implements HostedAction {
    private final ActionDefinition definition;
    private final String name;
    private final boolean readOnly;
    private final List<Parameter> parameters;

    Action(ActionDefinition definition) {
        this.definition = definition;
        this.name = definition.name();
        this.readOnly = definition.readOnly();
        this.parameters = List.copyOf(definition.parameters());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public ActionDefinition definition() {
        return definition;
    }

    /** How many arguments the action takes. */
    int arity() {
        return parameters.size();
    }

    /** Also see {@link ActionDefinition#decode}, which converts each value. */
    @Override
    public Object[] decodeArgs(JsonNode args) {
        if (args == null || args.isNull() || args.isMissingNode()) {
            args = Json.mapper().createArrayNode();
        }
        if (!args.isArray()) {
            throw invalid("args must be a JSON array", Map.of());
        }
        ArrayNode array = (ArrayNode) args;
        if (array.size() != parameters.size()) {
            throw invalid(name + " takes " + parameters.size() + " argument(s), got " + array.size(),
                    Map.of("expected", parameters.size(), "actual", array.size()));
        }
        Object[] decoded = new Object[array.size()];
        for (int i = 0; i < decoded.length; i++) {
            Parameter parameter = parameters.get(i);
            JsonNode value = array.get(i);
            String argument = "argument " + i + " (" + parameter.name() + ") of " + name;
            if (value.isNull() && !parameter.nullable()) {
                throw invalid(argument + " must not be null", Map.of("index", i));
            }
            try {
                decoded[i] = definition.decode(i, value);
            } catch (IllegalArgumentException e) {
                throw invalid(argument + " must be " + parameter.typeName() + ": "
                        + (e.getMessage() == null ? "it does not fit" : e.getMessage()),
                        Map.of("index", i, "expected", parameter.typeName()));
            }
        }
        return decoded;
    }

    private TroupeException invalid(String message, Map<String, Object> metadata) {
        return new TroupeException(ErrorCode.INVALID_ARGS, message, metadata);
    }
}
