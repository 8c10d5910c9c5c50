package dev.troupe.actorkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * How a plain actor type (one that is not a {@code MachineActor}) looks to Actor Kit's client: a
 * snapshot hook turning the caller's Troupe view into Actor Kit's caller snapshot {@code {public,
 * private, value}}, and for each event type the action it calls with which arguments.
 *
 * {@snippet :
 * ActorKitMapping counter = ActorKitMapping.builder()
 *         .snapshot(view -> Json.mapper().createObjectNode().<ObjectNode>set("public", view)
 *                 .<ObjectNode>set("private", Json.mapper().createObjectNode()).put("value", "active"))
 *         .event("INCREMENT", "increment", event -> List.of(event.path("by").asLong()))
 *         .build();
 * ActorKit adapter = ActorKit.withSecret(secret).map("counter", counter);
 * }
 *
 * <p>The hook sees only the caller's view ({@code Actor.view(state, caller)}), so it cannot show one
 * caller another's data; it runs after every durable change on the thread delivering the view and
 * must be a fast, pure function. An event type not mapped is {@code 400 machine/unknown_event}; the
 * arguments are checked against the action's parameters like any call. Immutable and thread-safe.
 */
public final class ActorKitMapping {
    private final UnaryOperator<JsonNode> snapshot;
    private final Map<String, EventAction> events;

    /** One event type's action and how the event becomes its arguments. */
    record EventAction(String action, Function<JsonNode, List<?>> args) {
    }

    private ActorKitMapping(UnaryOperator<JsonNode> snapshot, Map<String, EventAction> events) {
        this.snapshot = snapshot;
        this.events = Map.copyOf(events);
    }

    /** Starts a mapping; without a snapshot hook the snapshot is {@code {public: view, private: {}, value: "active"}}. */
    public static Builder builder() {
        return new Builder();
    }

    JsonNode snapshot(JsonNode view) {
        return snapshot.apply(view);
    }

    @Nullable EventAction event(String type) {
        return events.get(type);
    }

    private static JsonNode publicView(JsonNode view) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.set("public", view);
        out.set("private", Json.mapper().createObjectNode());
        out.put("value", "active");
        return out;
    }

    /** Builds an {@link ActorKitMapping}. Not thread-safe. */
    public static final class Builder {
        private UnaryOperator<JsonNode> snapshot = ActorKitMapping::publicView;
        private final Map<String, EventAction> events = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * The snapshot hook: from the caller's view (as JSON) to an object {@code {public, private,
         * value}}, {@code value} an XState state value (a constant such as {@code "active"} keeps
         * {@code useMatches} harmless).
         */
        public Builder snapshot(UnaryOperator<JsonNode> hook) {
            this.snapshot = Objects.requireNonNull(hook, "hook");
            return this;
        }

        /**
         * Maps the event type {@code type} to the action {@code action}, called with the arguments
         * {@code args} makes of the event (the whole event object, {@code type} included).
         */
        public Builder event(String type, String action, Function<JsonNode, List<?>> args) {
            events.put(Objects.requireNonNull(type, "type"), new EventAction(Objects.requireNonNull(action, "action"),
                    Objects.requireNonNull(args, "args")));
            return this;
        }

        /** The mapping. */
        public ActorKitMapping build() {
            return new ActorKitMapping(snapshot, events);
        }
    }
}
