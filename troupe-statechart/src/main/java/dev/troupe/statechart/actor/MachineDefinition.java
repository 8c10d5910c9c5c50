package dev.troupe.statechart.actor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.TypeOptions;
import dev.troupe.definition.ActionDefinition;
import dev.troupe.definition.ActorBehaviour;
import dev.troupe.definition.ActorDefinition;
import dev.troupe.definition.EventDefinition;
import dev.troupe.definition.Parameter;
import dev.troupe.json.Json;
import dev.troupe.statechart.Machine;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** The actor definition of a machine type: one action, {@code send}, and the snapshot versions. */
final class MachineDefinition implements ActorDefinition {
    private static final ActionDefinition SEND = new Send(
            List.of(Parameter.of("event", json("""
                    {"type":"object","required":["type"],"properties":{"type":{"type":"string","minLength":1}}}"""))),
            json("""
                    {"type":"object","required":["public","private","value"],
                     "properties":{"public":{"type":"object"},"private":{"type":"object"},"value":{}}}"""));

    private final String typeName;
    private final Machine machine;
    private final MachineOptions options;
    private final EventRules rules;

    MachineDefinition(String typeName, Machine machine, MachineOptions options) {
        this.typeName = Objects.requireNonNull(typeName, "typeName");
        this.machine = Objects.requireNonNull(machine, "machine");
        this.options = Objects.requireNonNull(options, "options");
        this.rules = new EventRules(options.events());
    }

    /** The one action. */
    private record Send(List<Parameter> parameters, JsonNode result) implements ActionDefinition {
        @Override
        public String name() {
            return MachineActor.SEND;
        }
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(SEND);
    }

    /**
     * The snapshot version is the state version; each older version's upcaster marks the state as
     * migrated (for {@code MIGRATE}) and applies the machine's own migration to the snapshot, if any.
     */
    /**
     * The events the machine emits ({@link MachineOptions.Builder#emits}): each takes one argument,
     * the emitted event.
     */
    @Override
    public List<EventDefinition> events() {
        return options.emits().entrySet().stream()
                .map(emit -> new EventDefinition(emit.getKey(), List.of(Parameter.of("event", emit.getValue()))))
                .toList();
    }

    @Override
    public void configure(TypeOptions type) {
        int current = options.snapshotVersion();
        type.stateVersion(current);
        for (int version = 1; version < current; version++) {
            UnaryOperator<JsonNode> migration = options.migrations().getOrDefault(version, UnaryOperator.identity());
            int from = version;
            type.upcaster(version, stored -> {
                var marked = StoredMachine.markMigrated(stored, from);
                marked.set(StoredMachine.SNAPSHOT, migration.apply(marked.get(StoredMachine.SNAPSHOT)));
                return marked;
            });
        }
    }

    @Override
    public ActorBehaviour newBehaviour() {
        return new MachineBehaviour(machine, rules, options);
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
