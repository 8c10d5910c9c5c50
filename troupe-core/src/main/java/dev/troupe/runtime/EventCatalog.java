package dev.troupe.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.AccessRule;
import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.definition.EventDefinition;
import dev.troupe.definition.Parameter;
import dev.troupe.json.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The events a type declares (its definition's and its options'), and the rules that follow from them:
 * which names a turn may broadcast, whether their arguments fit the schemas (when validation is on),
 * and whether a caller may subscribe to or receive one. A type that declares none keeps the old rules:
 * any name, no check, every subscriber receives every event it subscribed to. Immutable and
 * thread-safe.
 */
final class EventCatalog {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    private final String typeName;
    private final Map<String, EventDefinition> events;
    private final boolean validate;

    private EventCatalog(String typeName, Map<String, EventDefinition> events, boolean validate) {
        this.typeName = typeName;
        this.events = events;
        this.validate = validate;
    }

    /**
     * The catalogue of these declarations.
     *
     * @throws IllegalArgumentException naming a name that breaks the naming rule or is declared twice
     */
    static EventCatalog of(String typeName, List<EventDefinition> declared, boolean validate) {
        Map<String, EventDefinition> events = new LinkedHashMap<>();
        for (EventDefinition event : declared) {
            if (!NAME.matcher(event.name()).matches()) {
                throw new IllegalArgumentException("event name '" + event.name() + "' must match " + NAME);
            }
            if (events.putIfAbsent(event.name(), event) != null) {
                throw new IllegalArgumentException("declares event '" + event.name() + "' twice; event names must be unique");
            }
        }
        return new EventCatalog(typeName, Collections.unmodifiableMap(events), validate);
    }

    /** The declared events, in declaration order. */
    List<EventDefinition> events() {
        return events.values().stream().toList();
    }

    /** Whether the type declares events, and so checks their names and their access. */
    boolean declares() {
        return !events.isEmpty();
    }

    /**
     * Checks that a turn may broadcast {@code event} with {@code args}: a declared name, and with
     * validation on, arguments that fit its schemas.
     *
     * @throws TroupeException {@code event/undeclared} or {@code event/invalid_payload}
     */
    void checkBroadcast(String event, Object[] args) {
        if (events.isEmpty()) {
            return;
        }
        EventDefinition definition = events.get(event);
        if (definition == null) {
            throw new TroupeException(ErrorCode.EVENT_UNDECLARED, "actor type '" + typeName + "' declares no event '"
                    + event + "'; it declares " + events.keySet(), Map.of("type", typeName, "event", event));
        }
        if (!validate) {
            return;
        }
        List<Parameter> parameters = definition.parameters();
        if (args.length != parameters.size()) {
            throw invalidPayload(event, "takes " + parameters.size() + " argument(s), got " + args.length);
        }
        for (int i = 0; i < args.length; i++) {
            Parameter parameter = parameters.get(i);
            String argument = "argument " + i + " (" + parameter.name() + ")";
            JsonNode value;
            try {
                value = Json.mapper().valueToTree(args[i]);
            } catch (IllegalArgumentException e) {
                throw invalidPayload(event, argument + " is not serialisable: " + e.getMessage());
            }
            Optional<String> problem = value.isNull()
                    ? parameter.nullable() ? Optional.empty() : Optional.of("must not be null")
                    : parameter.problem(value);
            if (problem.isPresent()) {
                throw invalidPayload(event, argument + " does not fit its schema: " + problem.get());
            }
        }
    }

    private TroupeException invalidPayload(String event, String problem) {
        return new TroupeException(ErrorCode.EVENT_INVALID_PAYLOAD, "event '" + event + "' of actor type '" + typeName
                + "': " + problem, Map.of("type", typeName, "event", event));
    }

    /**
     * Checks that {@code caller} may subscribe to {@code event} ({@code *} always: what it reaches is
     * filtered per event on delivery).
     *
     * @throws TroupeException {@code event/not_found} or {@code event/forbidden}
     */
    void checkSubscription(Caller caller, String event, AccessRule rule) {
        if (events.isEmpty() || event.equals("*")) {
            return;
        }
        if (!events.containsKey(event)) {
            throw new TroupeException(ErrorCode.EVENT_NOT_FOUND, "actor type '" + typeName + "' declares no event '"
                    + event + "'; it declares " + events.keySet(), Map.of("type", typeName, "event", event));
        }
        if (!rule.allows(caller, AccessRule.event(event))) {
            throw new TroupeException(ErrorCode.EVENT_FORBIDDEN, caller.type().wireName() + " caller '" + caller.id()
                    + "' may not receive event '" + event + "' of actor type '" + typeName + "'",
                    Map.of("type", typeName, "event", event));
        }
    }

    /** Whether a connection of {@code caller} may receive {@code event}; always, for a type declaring none. */
    boolean mayReceive(Caller caller, String event, AccessRule rule) {
        return events.isEmpty() || rule.allows(caller, AccessRule.event(event));
    }
}
