package dev.troupe.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.CallerType;
import dev.troupe.Caller;
import dev.troupe.Input;
import dev.troupe.TypeOptions;
import dev.troupe.definition.ActionDefinition;
import dev.troupe.definition.ActorBehaviour;
import dev.troupe.definition.ActorContext;
import dev.troupe.definition.ActorDefinition;
import dev.troupe.definition.EventDefinition;
import dev.troupe.definition.Parameter;
import dev.troupe.json.Json;
import java.time.Duration;
import java.util.List;

/**
 * A kind of actor that is not a Java class: the type {@code test-tally}, whose actions, schemas and
 * behaviour are written by hand over JSON, the way a state machine, WASM module or agent definition
 * would be. Its state is a JSON object {@code {"total": n, "label": s, "notes": n}}; open to clients
 * through its own {@link #configure}.
 */
public final class TallyDefinition implements ActorDefinition {
    /** The type name. */
    public static final String TYPE = "test-tally";

    private static final JsonNode INTEGER = json("{\"type\":\"integer\",\"format\":\"int64\"}");
    private static final JsonNode NOTE = json("""
            {"type":"object","required":["author"],"additionalProperties":false,
             "properties":{"author":{"type":"string"},"stars":{"type":"integer","minimum":1,"maximum":5}}}""");

    /** An action declared by hand. */
    private record JsonAction(String name, boolean readOnly, List<Parameter> parameters, JsonNode result)
            implements ActionDefinition {
    }

    @Override
    public String typeName() {
        return TYPE;
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                new JsonAction("add", false, List.of(Parameter.of("amount", INTEGER)), INTEGER),
                new JsonAction("total", true, List.of(), INTEGER),
                new JsonAction("label", false, List.of(Parameter.of("text", json("{\"type\":\"string\",\"maxLength\":20}"))),
                        json("{\"type\":\"null\"}")),
                new JsonAction("note", false, List.of(Parameter.of("entry", NOTE)), json("{\"type\":\"string\"}")),
                new JsonAction("addLater", false, List.of(Parameter.of("amount", INTEGER)), json("{\"type\":\"null\"}")));
    }

    @Override
    public List<EventDefinition> events() {
        return List.of(new EventDefinition("added", List.of(Parameter.of("amount", INTEGER), Parameter.of("total", INTEGER))));
    }

    @Override
    public void configure(TypeOptions options) {
        options.allow(CallerType.CLIENT);
    }

    @Override
    public ActorBehaviour newBehaviour() {
        return new ActorBehaviour() {
            @Override
            public Object initialState(ActorContext context, Input input) {
                return json("{\"total\":0,\"label\":\"\",\"notes\":0}");
            }

            @Override
            public Object invoke(ActorContext context, String action, Object[] args) {
                ObjectNode state = ((ObjectNode) context.state()).deepCopy();
                switch (action) {
                    case "add" -> {
                        long total = state.get("total").asLong() + ((JsonNode) args[0]).asLong();
                        context.setState(state.put("total", total));
                        context.broadcast("added", args[0], total);
                        return total;
                    }
                    case "total" -> {
                        return state.get("total").asLong();
                    }
                    case "label" -> {
                        context.setState(state.put("label", ((JsonNode) args[0]).asText()));
                        return null;
                    }
                    case "note" -> {
                        JsonNode entry = (JsonNode) args[0];
                        context.setState(state.put("notes", state.get("notes").asInt() + 1));
                        return entry.get("author").asText() + " gave " + entry.path("stars").asInt(0) + " stars";
                    }
                    case "addLater" -> {
                        context.schedules().after(Duration.ZERO, "add", args[0]);
                        return null;
                    }
                    default -> throw new IllegalArgumentException("no action " + action);
                }
            }

            @Override
            public Object view(ActorContext context, Object state, Caller caller) {
                return state;
            }
        };
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
