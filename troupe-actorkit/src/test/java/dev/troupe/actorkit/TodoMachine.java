package dev.troupe.actorkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.CallerType;
import dev.troupe.definition.ActorDefinition;
import dev.troupe.json.Json;
import dev.troupe.statechart.Implementations;
import dev.troupe.statechart.Machine;
import dev.troupe.statechart.actor.MachineActor;
import dev.troupe.statechart.actor.MachineOptions;

/**
 * A small todo machine for the adapter's tests, type {@value #TYPE}: its creator owns it and alone may
 * add todos; each caller has a private draft; services may clear the list.
 */
final class TodoMachine {
    static final String TYPE = "ak-todos";

    private static final String MACHINE = """
            {"id": "todo", "initial": "empty",
             "context": {"public": {"ownerId": null, "todos": []}, "private": {}},
             "on": {
               "INITIALIZE": {"actions": "setOwner"},
               "ADD_TODO": {"guard": "isOwner", "actions": "addTodo"},
               "SET_DRAFT": {"actions": "setDraft"},
               "CLEAR": {"actions": "clear"}},
             "states": {
               "empty": {"always": {"target": "active", "guard": "hasTodos"}},
               "active": {"always": {"target": "empty", "guard": {"type": "not", "guards": ["hasTodos"]}}}}}
            """;

    private TodoMachine() {
    }

    static ActorDefinition definition() {
        return MachineActor.define(TYPE, Machine.fromJson(MACHINE, Implementations.builder()
                .guard("isOwner", (context, event) ->
                        event.at("/caller/id").asText().equals(context.at("/public/ownerId").asText(null)))
                .guard("hasTodos", (context, event) -> !context.at("/public/todos").isEmpty())
                .assign("setOwner", (context, event) -> {
                    context.with("public").put("ownerId", event.at("/caller/id").asText());
                    return context;
                })
                .assign("addTodo", (context, event) -> {
                    context.with("public").withArray("todos").add(event.path("text").asText());
                    return context;
                })
                .assign("setDraft", (context, event) -> {
                    context.with("private").with(event.at("/caller/id").asText()).put("draft", event.path("text").asText());
                    return context;
                })
                .assign("clear", (context, event) -> {
                    context.with("public").putArray("todos");
                    return context;
                })
                .build()), MachineOptions.builder()
                .event(CallerType.CLIENT, "ADD_TODO", schema("""
                        {"type":"object","required":["text"],"additionalProperties":false,
                         "properties":{"text":{"type":"string","minLength":1}}}"""))
                .event(CallerType.CLIENT, "SET_DRAFT", schema("""
                        {"type":"object","required":["text"],"additionalProperties":false,
                         "properties":{"text":{"type":"string"}}}"""))
                .event(CallerType.SERVICE, "CLEAR", schema("{\"type\":\"object\",\"additionalProperties\":false}"))
                .build());
    }

    private static JsonNode schema(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
