package dev.troupe.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.WorkflowStatus;
import dev.troupe.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/*
 * One workflow's journal, kept as JSON in its actor's storage under "#workflow/<id>":
 *
 *   {"name", "input", "state", "done": {name: entry}, "order": [name...], "failures": {step: n},
 *    "timers": {name: instant}, "signals": {name: [payload...]}, "waitingOn", "wakeAt", "result", "error"}
 *
 * "done" holds what each finished step, sleep or wait answered ({"value": ...}, {"error": code and
 * message} for a step that failed its last attempt, {"slept": true}, {"timeout": true}); "timers" the
 * instants a sleep, a wait's timeout or a retry's backoff ends; "signals" payloads not yet taken by a
 * wait. Instants are ISO-8601 text.
 */
final class WorkflowJournal {
    static final String PREFIX = "#workflow/";
    private final ObjectNode json;

    private WorkflowJournal(ObjectNode json) {
        this.json = json;
    }

    static WorkflowJournal start(String name, JsonNode input) {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("name", name).set("input", input);
        json.put("state", "running");
        json.putObject("done");
        json.putArray("order");
        json.putObject("failures");
        json.putObject("timers");
        json.putObject("signals");
        return new WorkflowJournal(json);
    }

    static @Nullable WorkflowJournal read(byte @Nullable [] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return new WorkflowJournal((ObjectNode) Json.mapper().readTree(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("a workflow journal is not JSON", e);
        }
    }

    byte[] bytes() {
        try {
            return Json.mapper().writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException("a workflow journal did not serialise", e);
        }
    }

    String name() {
        return json.path("name").asText();
    }

    JsonNode input() {
        return json.path("input");
    }

    String state() {
        return json.path("state").asText();
    }

    boolean ended() {
        String state = state();
        return state.equals("completed") || state.equals("failed") || state.equals("cancelled");
    }

    void state(String state, @Nullable String waitingOn, @Nullable Instant wakeAt) {
        json.put("state", state);
        putOrRemove("waitingOn", waitingOn);
        putOrRemove("wakeAt", wakeAt == null ? null : wakeAt.toString());
    }

    @Nullable JsonNode done(String name) {
        return json.path("done").get(name);
    }

    void finish(String name, JsonNode entry) {
        ((ObjectNode) json.get("done")).set(name, entry);
        ((ArrayNode) json.get("order")).add(name);
        ((ObjectNode) json.get("failures")).remove(name);
        ((ObjectNode) json.get("timers")).remove(name);
    }

    int failures(String step) {
        return json.path("failures").path(step).asInt(0);
    }

    void failed(String step, int failures) {
        ((ObjectNode) json.get("failures")).put(step, failures);
    }

    @Nullable Instant timer(String name) {
        JsonNode at = json.path("timers").get(name);
        return at == null ? null : Instant.parse(at.asText());
    }

    void timer(String name, Instant at) {
        ((ObjectNode) json.get("timers")).put(name, at.toString());
    }

    /** Takes the oldest payload of the signal {@code name}, or null if none is waiting. */
    @Nullable JsonNode takeSignal(String name) {
        JsonNode queued = json.path("signals").get(name);
        if (queued == null || queued.isEmpty()) {
            return null;
        }
        JsonNode payload = queued.get(0);
        ((ArrayNode) queued).remove(0);
        return payload;
    }

    void signal(String name, JsonNode payload) {
        ((ObjectNode) json.get("signals")).withArray(name).add(payload);
    }

    void completed(JsonNode result) {
        json.set("result", result);
        state("completed", null, null);
    }

    void failed(String error) {
        json.put("error", error);
        state("failed", null, null);
    }

    WorkflowStatus status(String id) {
        List<String> steps = new ArrayList<>();
        json.path("order").forEach(name -> steps.add(name.asText()));
        JsonNode result = json.get("result");
        return new WorkflowStatus(id, name(), state(), steps, json.path("waitingOn").asText(null),
                json.has("wakeAt") ? Instant.parse(json.get("wakeAt").asText()) : null,
                result == null ? null : Json.mapper().convertValue(result, Object.class), json.path("error").asText(null));
    }

    private void putOrRemove(String field, @Nullable String value) {
        if (value == null) {
            json.remove(field);
        } else {
            json.put(field, value);
        }
    }
}
