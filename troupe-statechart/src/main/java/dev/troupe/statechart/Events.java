package dev.troupe.statechart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Event objects: a string {@code type} and any other fields. */
final class Events {
    static final String INIT = "xstate.init";

    private Events() {}

    static ObjectNode of(String type) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("type", type);
        return event;
    }

    static ObjectNode init(JsonNode input) {
        ObjectNode event = of(INIT);
        if (input != null) {
            event.set("input", input);
        }
        return event;
    }

    static ObjectNode doneState(String stateId, JsonNode output) {
        ObjectNode event = of("xstate.done.state." + stateId);
        if (output != null) {
            event.set("output", output);
        }
        return event;
    }

    static String type(JsonNode event) {
        JsonNode type = event == null ? null : event.get("type");
        if (type == null || !type.isTextual()) {
            throw new IllegalArgumentException("an event must be an object with a string 'type'");
        }
        return type.asText();
    }

    static ObjectNode checked(ObjectNode event, String actionName) {
        if (event == null || !(event.get("type") instanceof JsonNode type) || !type.isTextual()) {
            throw new IllegalArgumentException("action '" + actionName + "' made an event without a string 'type'");
        }
        return event;
    }
}
