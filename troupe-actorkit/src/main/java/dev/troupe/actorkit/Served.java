package dev.troupe.actorkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.troupe.ErrorCode;
import dev.troupe.Key;
import dev.troupe.TroupeException;
import dev.troupe.host.ActorHost;
import dev.troupe.host.Address;
import dev.troupe.host.HostedAction;
import dev.troupe.host.HostedType;
import dev.troupe.json.CanonicalJson;
import dev.troupe.json.Json;
import dev.troupe.statechart.actor.MachineActor;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One actor as Actor Kit addresses it ({@code /api/{type}/{id}}), with how its type is served: a
 * machine's events go to {@code send} and its views are Actor Kit snapshots already; a mapped plain
 * type's events go to their actions and its views through the snapshot hook. Immutable.
 *
 * @param address the actor, {@code Key.of(id)} of the type
 * @param type    the registered type
 * @param mapping the plain type's mapping, null for a machine
 */
record Served(Address address, HostedType type, @Nullable ActorKitMapping mapping) {

    /**
     * The actor {@code id} of {@code typeName}.
     *
     * @throws TroupeException {@code actor/type_not_found} for an unknown type, {@code
     *                         actor/not_supported} for a plain type without a mapping, {@code
     *                         request/invalid_key} for an id that is no key part
     */
    static Served of(ActorKit settings, ActorHost host, String typeName, String id) {
        HostedType type = host.type(typeName);
        ActorKitMapping mapping = settings.mapping(typeName);
        if (mapping == null && !MachineActor.isMachine(type.definition())) {
            throw new TroupeException(ErrorCode.NOT_SUPPORTED, "type '" + typeName + "' is not served over Actor Kit:"
                    + " it is no machine actor and has no ActorKitMapping", Map.of("type", typeName));
        }
        return new Served(new Address(typeName, Key.of(id)), type, mapping);
    }

    /** The caller snapshot {@code {public, private, value}} of a view. */
    JsonNode snapshot(@Nullable Object view) {
        JsonNode tree = CanonicalJson.tree(view);
        return mapping == null ? tree : mapping.snapshot(tree);
    }

    /** The snapshot's checksum: SHA-256 of its canonical JSON. */
    static String checksum(JsonNode snapshot) {
        return CanonicalJson.checksum(snapshot);
    }

    /**
     * The action call an event makes.
     *
     * @throws TroupeException {@code request/invalid_request} if the event is not an object with a string
     *                         {@code type}, {@code machine/unknown_event} for a plain type's unmapped
     *                         event, or the action's own argument errors
     */
    Call call(JsonNode event) {
        if (!event.isObject() || !event.path("type").isTextual() || event.path("type").asText().isEmpty()) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST,
                    "an Actor Kit event is a JSON object with a non-empty string 'type'");
        }
        String eventType = event.path("type").asText();
        if (mapping == null) {
            HostedAction send = type.action(MachineActor.SEND);
            ArrayNode args = Json.mapper().createArrayNode().add(event);
            return new Call(send, send.decodeArgs(args));
        }
        ActorKitMapping.EventAction mapped = mapping.event(eventType);
        if (mapped == null) {
            throw new TroupeException(ErrorCode.MACHINE_UNKNOWN_EVENT, "type '" + address.type()
                    + "' takes no event '" + eventType + "'", Map.of("event", eventType));
        }
        HostedAction action = type.action(mapped.action());
        return new Call(action, action.decodeArgs(arguments(mapped.args().apply(event))));
    }

    /**
     * The arguments as a JSON array: JSON nodes, strings, booleans and integral numbers as they are (the
     * usual arguments, which {@code valueToTree} would serialize through a buffer), anything else as
     * Jackson writes it.
     */
    private static ArrayNode arguments(List<?> args) {
        ArrayNode out = Json.mapper().createArrayNode();
        for (Object arg : args) {
            switch (arg) {
                case null -> out.addNull();
                case JsonNode node -> out.add(node);
                case String text -> out.add(text);
                case Boolean flag -> out.add(flag);
                case Long number -> out.add(number);
                case Integer number -> out.add(number);
                default -> out.add(Json.mapper().<JsonNode>valueToTree(arg));
            }
        }
        return out;
    }

    /** An action and its decoded arguments. */
    record Call(HostedAction action, Object[] args) {
    }
}
