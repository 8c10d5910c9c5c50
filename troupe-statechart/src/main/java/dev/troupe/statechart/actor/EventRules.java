package dev.troupe.statechart.actor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.CallerType;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.schema.SchemaCheck;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Which caller type may send which event, with each payload's schema compiled once: the check a
 * {@code send} passes before the machine sees its event. Immutable and thread-safe.
 */
final class EventRules {
    /** Schema keywords that only annotate: a schema of these and {@code "type": "object"} takes every payload. */
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$comment", "title", "description");

    private final Map<CallerType, Map<String, Payload>> checks = new EnumMap<>(CallerType.class);
    private final Set<String> declared = new TreeSet<>();

    /** How an event's payload is checked: by its compiled schema, or not at all if that takes every object. */
    private record Payload(@Nullable SchemaCheck check) {
        static final Payload ANY = new Payload(null);
    }

    EventRules(Map<CallerType, Map<String, JsonNode>> schemas) {
        schemas.forEach((callerType, ofCaller) -> {
            Map<String, Payload> compiled = new HashMap<>();
            ofCaller.forEach((eventType, schema) -> {
                try {
                    compiled.put(eventType, takesEveryObject(schema) ? Payload.ANY : new Payload(SchemaCheck.of(schema)));
                } catch (IllegalArgumentException e) {
                    throw new TroupeException(ErrorCode.INVALID_REGISTRATION, "the payload schema of "
                            + callerType.wireName() + " event " + eventType + " is unusable: " + e.getMessage(), e);
                }
            });
            checks.put(callerType, Map.copyOf(compiled));
            declared.addAll(ofCaller.keySet());
        });
    }

    /**
     * Refuses {@code event} unless {@code callerType} may send its type and its payload fits.
     *
     * @throws TroupeException {@code machine/unknown_event}, {@code machine/event_forbidden} or
     *                         {@code machine/invalid_event}, with the type and caller type as metadata
     */
    void check(CallerType callerType, String eventType, ObjectNode event) {
        Payload payload = checks.getOrDefault(callerType, Map.of()).get(eventType);
        if (payload == null) {
            if (declared.contains(eventType)) {
                throw new TroupeException(ErrorCode.MACHINE_EVENT_FORBIDDEN, callerType.wireName()
                        + " callers may not send " + eventType, metadata(callerType, eventType));
            }
            throw new TroupeException(ErrorCode.MACHINE_UNKNOWN_EVENT, "no caller may send an event of type '"
                    + eventType + "'; known: " + List.copyOf(declared), metadata(callerType, eventType));
        }
        if (payload.check() == null) {
            return;
        }
        Optional<String> problem = payload.check().problem(payload(event));
        if (problem.isPresent()) {
            throw new TroupeException(ErrorCode.MACHINE_INVALID_EVENT, eventType + " does not fit its schema: "
                    + problem.get(), metadata(callerType, eventType));
        }
    }

    /**
     * Whether {@code schema} holds for every JSON object ({@code true}, or {@code "type": "object"} with
     * annotations at most): every payload is an object, so such a schema needs no check.
     */
    private static boolean takesEveryObject(JsonNode schema) {
        if (schema.isBoolean()) {
            return schema.booleanValue();
        }
        for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
            boolean objectType = keyword.getKey().equals("type") && keyword.getValue().asText().equals("object");
            if (!objectType && !ANNOTATIONS.contains(keyword.getKey())) {
                return false;
            }
        }
        return schema.isObject();
    }

    /** The event without {@code type} and {@code caller}, sharing its other members: the check only reads. */
    private static ObjectNode payload(ObjectNode event) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> member : event.properties()) {
            if (!member.getKey().equals(MachineActor.TYPE) && !member.getKey().equals(MachineActor.CALLER)) {
                payload.set(member.getKey(), member.getValue());
            }
        }
        return payload;
    }

    private static Map<String, Object> metadata(CallerType callerType, String eventType) {
        return Map.of("event", eventType, "callerType", callerType.wireName());
    }
}
