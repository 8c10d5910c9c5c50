package dev.troupe.statechart.actor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.CallerType;
import dev.troupe.definition.ActorDefinition;
import dev.troupe.json.Json;
import dev.troupe.statechart.Implementations;
import dev.troupe.statechart.Machine;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The machine of the machine-actor tests: it logs every event no state handles (so every system event,
 * with its payload) in {@code public.log}, counts arrivals in {@code done} (reached 300 ms, or a
 * given delay, after {@code START} unless {@code STOP} comes first), keeps each caller's {@code NOTE} as its private draft
 * and loops forever on {@code LOOP}.
 */
final class ProbeMachine {
    static final String TYPE = "probe";
    static final long DELAY_MILLIS = 300;

    private ProbeMachine() {
    }

    static Machine machine() {
        return machine(DELAY_MILLIS);
    }

    /** The probe machine with {@code delayMillis} between {@code waiting} and {@code done}. */
    static Machine machine(long delayMillis) {
        Implementations implementations = Implementations.builder()
                .assign("record", (context, event) -> {
                    ((ArrayNode) context.with("public").withArray("log")).add(event.deepCopy());
                    return context;
                })
                .assign("arrive", (context, event) -> {
                    ObjectNode shared = context.with("public");
                    shared.put("arrivals", shared.path("arrivals").asInt() + 1);
                    return context;
                })
                .assign("note", (context, event) -> {
                    context.with("private").with(event.path("caller").path("id").asText())
                            .put("draft", event.path("text").asText());
                    return context;
                })
                .build();
        return Machine.fromJson("""
                {"id": "probe", "initial": "idle",
                 "context": {"public": {"log": [], "arrivals": 0}, "private": {}},
                 "on": {"*": {"actions": "record"}, "NOTE": {"actions": "note"}},
                 "states": {
                   "idle": {"on": {"START": "waiting", "LOOP": "spinning"}},
                   "waiting": {"after": {"%d": "done"}, "on": {"STOP": "idle", "START": {"target": "waiting", "reenter": true}}},
                   "done": {"entry": "arrive", "on": {"START": "waiting"}},
                   "spinning": {"always": "spinning2"},
                   "spinning2": {"always": "spinning"}}}
                """.formatted(delayMillis), implementations);
    }

    static MachineOptions.Builder options() {
        return MachineOptions.builder()
                .event(CallerType.CLIENT, "START", json("{\"type\":\"object\"}"))
                .event(CallerType.CLIENT, "STOP", json("{}"))
                .event(CallerType.CLIENT, "LOOP", json("{}"))
                .event(CallerType.CLIENT, "NOTE", Note.class)
                .event(CallerType.SERVICE, "NOTE", Note.class)
                .event(CallerType.SERVICE, "AUDIT", json("""
                        {"type":"object","required":["by"],"properties":{"by":{"type":"string"}}}"""));
    }

    static ActorDefinition definition() {
        return definition(DELAY_MILLIS);
    }

    static ActorDefinition definition(long delayMillis) {
        return MachineActor.define(TYPE, machine(delayMillis), options().build());
    }

    /** The payload of {@code NOTE}. */
    record Note(String text) {
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
