package dev.troupe.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.CallerType;
import dev.troupe.definition.ActorDefinition;
import dev.troupe.json.Json;
import dev.troupe.statechart.Implementations;
import dev.troupe.statechart.Machine;
import dev.troupe.statechart.actor.MachineActor;
import dev.troupe.statechart.actor.MachineOptions;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The machine actor type {@code test-door} of the server tests: {@code closed} and {@code opened}
 * ({@code OPEN}, {@code CLOSE} from clients, counted in {@code public.opens}), {@code locked} by the
 * service-only {@code LOCK}, each caller's {@code NOTE} kept as its private draft, and {@code LOOP},
 * an eventless cycle.
 */
public final class DoorMachine {
    /** The type name. */
    public static final String TYPE = "test-door";

    private DoorMachine() {
    }

    /** The definition, to register open to clients. */
    public static ActorDefinition definition() {
        Implementations implementations = Implementations.builder()
                .assign("count", (context, event) -> {
                    context.with("public").put("opens", context.path("public").path("opens").asInt() + 1);
                    return context;
                })
                .assign("note", (context, event) -> {
                    context.with("private").with(event.path("caller").path("id").asText())
                            .put("draft", event.path("text").asText());
                    return context;
                })
                .build();
        Machine machine = Machine.fromJson("""
                {"id": "door", "initial": "closed", "context": {"public": {"opens": 0}, "private": {}},
                 "on": {"NOTE": {"actions": "note"}},
                 "states": {
                   "closed": {"on": {"OPEN": {"target": "opened", "actions": "count"}, "LOCK": "locked", "LOOP": "spin"}},
                   "opened": {"on": {"CLOSE": "closed"}},
                   "locked": {},
                   "spin": {"always": "spun"},
                   "spun": {"always": "spin"}}}
                """, implementations);
        JsonNode empty = json("{\"type\":\"object\",\"additionalProperties\":false}");
        return MachineActor.define(TYPE, machine, MachineOptions.builder()
                .event(CallerType.CLIENT, "OPEN", empty)
                .event(CallerType.CLIENT, "CLOSE", empty)
                .event(CallerType.CLIENT, "LOOP", empty)
                .event(CallerType.CLIENT, "NOTE", json("""
                        {"type":"object","required":["text"],"properties":{"text":{"type":"string","maxLength":40}}}"""))
                .event(CallerType.SERVICE, "LOCK", empty)
                .build());
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
