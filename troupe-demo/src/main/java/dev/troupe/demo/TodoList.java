package dev.troupe.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * The todo list of Actor Kit's example as a machine actor, type {@value #TYPE}: whoever creates a list
 * owns it and alone may add, toggle and delete todos; every other client watches the public list;
 * each caller keeps its own draft in its private context; a service may archive the done todos.
 *
 * <p>States: {@code empty} and {@code active} (eventless transitions move between them as the list
 * empties and fills). Public context: {@code ownerId}, {@code todos} ({@code id}, {@code text},
 * {@code done}), {@code nextId}, {@code archived}; private: {@code draft}. An owner-only event from
 * someone else is ignored, as in Actor Kit (its guard fails); an event a caller type may not send at
 * all is refused.
 */
public final class TodoList {
    /** The actor type name. */
    public static final String TYPE = "todo-list";

    private static final String MACHINE = """
            {"id": "todo", "initial": "empty",
             "context": {"public": {"ownerId": null, "todos": [], "nextId": 1, "archived": 0}, "private": {}},
             "on": {
               "INITIALIZE": {"actions": "setOwner"},
               "ADD_TODO": {"guard": "isOwner", "actions": "addTodo"},
               "TOGGLE_TODO": {"guard": "isOwner", "actions": "toggleTodo"},
               "DELETE_TODO": {"guard": "isOwner", "actions": "deleteTodo"},
               "SET_DRAFT": {"actions": "setDraft"},
               "ARCHIVE_DONE": {"actions": "archiveDone"}},
             "states": {
               "empty": {"always": {"target": "active", "guard": "hasTodos"}},
               "active": {"always": {"target": "empty", "guard": {"type": "not", "guards": ["hasTodos"]}}}}}
            """;

    private TodoList() {
    }

    /** The definition; register it open to clients (the machine decides who may change what). */
    public static ActorDefinition definition() {
        return MachineActor.define(TYPE, Machine.fromJson(MACHINE, implementations()), MachineOptions.builder()
                .event(CallerType.CLIENT, "ADD_TODO", schema("""
                        {"type":"object","required":["text"],"additionalProperties":false,
                         "properties":{"text":{"type":"string","minLength":1,"maxLength":200}}}"""))
                .event(CallerType.CLIENT, "TOGGLE_TODO", schema(ID))
                .event(CallerType.CLIENT, "DELETE_TODO", schema(ID))
                .event(CallerType.CLIENT, "SET_DRAFT", schema("""
                        {"type":"object","required":["text"],"additionalProperties":false,
                         "properties":{"text":{"type":"string","maxLength":200}}}"""))
                .event(CallerType.SERVICE, "ARCHIVE_DONE", schema("{\"type\":\"object\",\"additionalProperties\":false}"))
                .build());
    }

    private static final String ID = """
            {"type":"object","required":["id"],"additionalProperties":false,
             "properties":{"id":{"type":"integer","minimum":1}}}""";

    private static Implementations implementations() {
        return Implementations.builder()
                .guard("isOwner", (context, event) ->
                        event.at("/caller/id").asText().equals(context.at("/public/ownerId").asText(null)))
                .guard("hasTodos", (context, event) -> !context.at("/public/todos").isEmpty())
                .assign("setOwner", (context, event) -> {
                    shared(context).put("ownerId", event.at("/caller/id").asText());
                    return context;
                })
                .assign("addTodo", (context, event) -> {
                    ObjectNode shared = shared(context);
                    long id = shared.path("nextId").asLong();
                    shared.withArray("todos").addObject().put("id", id).put("text", event.path("text").asText())
                            .put("done", false);
                    shared.put("nextId", id + 1);
                    context.with("private").with(event.at("/caller/id").asText()).put("draft", "");
                    return context;
                })
                .assign("toggleTodo", (context, event) -> {
                    for (JsonNode todo : shared(context).withArray("todos")) {
                        if (todo.path("id").asLong() == event.path("id").asLong()) {
                            ((ObjectNode) todo).put("done", !todo.path("done").asBoolean());
                        }
                    }
                    return context;
                })
                .assign("deleteTodo", (context, event) -> {
                    keep(shared(context), todo -> todo.path("id").asLong() != event.path("id").asLong());
                    return context;
                })
                .assign("setDraft", (context, event) -> {
                    context.with("private").with(event.at("/caller/id").asText()).put("draft", event.path("text").asText());
                    return context;
                })
                .assign("archiveDone", (context, event) -> {
                    ObjectNode shared = shared(context);
                    int before = shared.withArray("todos").size();
                    keep(shared, todo -> !todo.path("done").asBoolean());
                    shared.put("archived", shared.path("archived").asInt() + before - shared.withArray("todos").size());
                    return context;
                })
                .build();
    }

    private static ObjectNode shared(ObjectNode context) {
        return context.with("public");
    }

    private static void keep(ObjectNode shared, java.util.function.Predicate<JsonNode> kept) {
        ArrayNode todos = shared.withArray("todos");
        ArrayNode remaining = todos.arrayNode();
        todos.forEach(todo -> {
            if (kept.test(todo)) {
                remaining.add(todo);
            }
        });
        shared.set("todos", remaining);
    }

    private static JsonNode schema(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
