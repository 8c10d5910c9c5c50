package dev.troupe.statechart.actor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.Caller;

/**
 * What one caller sees of a machine actor: {@code {public, private, value}}, the public part of the
 * context, the caller's own entry of its private part (by caller id, {@code {}} if it has none) and the
 * state value. No other caller's private data is ever in it.
 */
final class MachineView {
    private MachineView() {
    }

    static ObjectNode of(JsonNode stored, Caller caller) {
        JsonNode snapshot = StoredMachine.snapshot(stored);
        JsonNode context = snapshot.path("context");
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        view.set(MachineActor.PUBLIC, orEmpty(context.get(MachineActor.PUBLIC)));
        view.set(MachineActor.PRIVATE, orEmpty(context.path(MachineActor.PRIVATE).get(caller.id())));
        view.set("value", snapshot.path("value").deepCopy());
        return view;
    }

    private static JsonNode orEmpty(JsonNode part) {
        return part == null || part.isNull() ? JsonNodeFactory.instance.objectNode() : part.deepCopy();
    }
}
