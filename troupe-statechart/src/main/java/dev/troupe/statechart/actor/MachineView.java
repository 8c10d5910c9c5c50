package dev.troupe.statechart.actor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.Caller;
import dev.troupe.statechart.Snapshot;

/**
 * What one caller sees of a machine actor: {@code {public, private, value}}, the public part of the
 * context, the caller's own entry of its private part (by caller id, {@code {}} if it has none) and the
 * state value. No other caller's private data is ever in it. Only those parts are copied out of the
 * snapshot, not the rest of its context.
 */
final class MachineView {
    private MachineView() {
    }

    static ObjectNode of(Snapshot snapshot, Caller caller) {
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        view.set(MachineActor.PUBLIC, orEmpty(snapshot.contextPart(MachineActor.PUBLIC)));
        view.set(MachineActor.PRIVATE, orEmpty(snapshot.contextPart(MachineActor.PRIVATE, caller.id())));
        view.set("value", snapshot.value());
        return view;
    }

    private static JsonNode orEmpty(JsonNode part) {
        return part == null || part.isNull() ? JsonNodeFactory.instance.objectNode() : part;
    }
}
