package dev.troupe.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ErrorCode;
import dev.troupe.Key;
import dev.troupe.TroupeException;
import dev.troupe.definition.ActionDefinition;
import dev.troupe.definition.Parameter;
import dev.troupe.host.ActorHost;
import dev.troupe.host.HostedType;
import dev.troupe.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Actions of actors offered to a model as tools. Each tool is one action of a registered type: its
 * input schema is an object with one property per parameter, the parameter's JSON Schema from the
 * type's definition (what the runtime checks and the OpenAPI document publishes), required unless the
 * parameter takes null. A tool call runs as an ordinary call of that action by the agent (the
 * by-name {@code call} of its turn): the runtime's access rules and argument checks apply, a type with
 * history records it as the effect {@code call:<type>.<action>}, and replay takes the answer from the
 * entry. A failed call becomes a tool result with {@code is_error} and the error as JSON, so the model
 * sees what went wrong. Tools are actions of other actors: a call back into the agent itself would be
 * a call cycle ({@code actor/call_cycle}), since the agent's turn waits for the answer.
 *
 * {@snippet :
 * Toolbox tools = Toolbox.builder(troupe.host())
 *         .action("counter", Key.of("demo"), "increment", "Adds to the shared counter.")
 *         .build();
 * }
 *
 * <p>Immutable and thread-safe once built; build it once, after the runtime, and share it.
 */
public final class Toolbox {
    private static final Pattern TOOL_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private final Map<String, Tool> tools;
    private final List<ToolSpec> specs;

    private Toolbox(Map<String, Tool> tools) {
        this.tools = Map.copyOf(tools);
        this.specs = tools.values().stream().map(Tool::spec).toList();
    }

    /** A builder that reads the actions' schemas from {@code host}'s registered types. */
    public static Builder builder(ActorHost host) {
        return new Builder(host);
    }

    /** The tools to put in a request ({@link LlmRequest.Builder#tool}), in the order added. */
    public List<ToolSpec> specs() {
        return specs;
    }

    /** Runs one tool call through {@code calls}; never throws for a failed call. */
    ContentBlock.ToolResult run(Calls calls, ContentBlock.ToolUse use) {
        Tool tool = tools.get(use.name());
        if (tool == null) {
            return new ContentBlock.ToolResult(use.id(), error("agent", "unknown_tool", "no tool named " + use.name()), true);
        }
        ArrayNode args = Json.mapper().createArrayNode();
        for (Parameter parameter : tool.parameters()) {
            JsonNode value = use.input().get(parameter.name());
            args.add(value == null ? Json.mapper().nullNode() : value);
        }
        try {
            JsonNode result = calls.call(tool.type(), tool.key(), tool.action(), args);
            return new ContentBlock.ToolResult(use.id(), result.isTextual() ? result.asText() : result.toString(), false);
        } catch (TroupeException e) {
            return new ContentBlock.ToolResult(use.id(), error(e.error().group(), e.error().code(), e.error().message()), true);
        }
    }

    private static String error(String group, String code, String message) {
        return Json.mapper().createObjectNode().put("group", group).put("code", code).put("message", message).toString();
    }

    /** How a tool call reaches the runtime: the by-name call of the agent's turn. */
    @FunctionalInterface
    interface Calls {
        JsonNode call(String type, Key key, String action, JsonNode args);
    }

    private record Tool(ToolSpec spec, String type, Key key, String action, List<Parameter> parameters) {
    }

    /** Adds tools; not thread-safe. */
    public static final class Builder {
        private final ActorHost host;
        private final Map<String, Tool> tools = new LinkedHashMap<>();

        private Builder(ActorHost host) {
            this.host = Objects.requireNonNull(host, "host");
        }

        /**
         * The tool {@code <type>_<action>} (hyphens as underscores): {@code action} of the actor
         * {@code key} of {@code type}.
         *
         * @throws TroupeException {@code actor/type_not_found} or {@code actor/action_not_found}
         */
        public Builder action(String type, Key key, String action, String description) {
            return add((type + "_" + action).replace('-', '_'), type, Objects.requireNonNull(key, "key"), action, description);
        }

        private Builder add(String name, String type, Key key, String action, String description) {
            if (!TOOL_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("tool name " + name + " is not 1 to 64 of [a-zA-Z0-9_-]");
            }
            if (tools.containsKey(name)) {
                throw new IllegalArgumentException("a tool named " + name + " was added already");
            }
            ActionDefinition definition = definition(type, action);
            ObjectNode schema = Json.mapper().createObjectNode().put("type", "object");
            ObjectNode properties = schema.putObject("properties");
            ArrayNode required = schema.putArray("required");
            for (Parameter parameter : definition.parameters()) {
                properties.set(parameter.name(), parameter.schema());
                if (!parameter.nullable()) {
                    required.add(parameter.name());
                }
            }
            tools.put(name, new Tool(new ToolSpec(name, description, schema), type, key, action,
                    List.copyOf(definition.parameters())));
            return this;
        }

        private ActionDefinition definition(String type, String action) {
            HostedType hosted = host.types().stream().filter(candidate -> candidate.name().equals(type)).findFirst()
                    .orElseThrow(() -> new TroupeException(ErrorCode.TYPE_NOT_FOUND, "no actor type " + type));
            return hosted.definition().actions().stream().filter(candidate -> candidate.name().equals(action)).findFirst()
                    .orElseThrow(() -> new TroupeException(ErrorCode.ACTION_NOT_FOUND, type + " has no action " + action));
        }

        /** The toolbox. */
        public Toolbox build() {
            return new Toolbox(tools);
        }
    }
}
