package dev.troupe.rivetkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.util.Map;
import java.util.Set;

/**
 * The tree shape that the {@code json} and {@code cbor} encodings share ({@code client-protocol-zod.ts}):
 * {@code {"body":{"tag":"ActionRequest","val":{…}}}}. Going out, ids are {@code $BigInt}s (the client's
 * schema wants bigints) and values are in compat form (the client revives both encodings). Stateless.
 */
final class MessageTrees {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> ENVELOPE = Set.of("body");
    private static final Set<String> BODY = Set.of("tag", "val");
    private static final Set<String> ACTION = Set.of("id", "name", "args");
    private static final Set<String> SUBSCRIPTION = Set.of("eventName", "subscribe");

    private MessageTrees() {
    }

    /** The tree of a message to the client. */
    static ObjectNode tree(ToClient message) {
        ObjectNode val = NODES.objectNode();
        String tag = switch (message) {
            case ToClient.Init init -> {
                val.put("actorId", init.actorId());
                val.put("connectionId", init.connectionId());
                yield "Init";
            }
            case ToClient.Error error -> {
                val.put("group", error.group());
                val.put("code", error.code());
                val.put("message", error.message());
                if (error.metadata() != null) {
                    val.set("metadata", JsonCompat.encode(error.metadata()));
                }
                val.set("actionId", error.actionId() == null ? NODES.nullNode() : JsonCompat.bigInt(error.actionId()));
                yield "Error";
            }
            case ToClient.ActionResponse response -> {
                val.set("id", JsonCompat.bigInt(response.id()));
                val.set("output", JsonCompat.encode(response.output()));
                yield "ActionResponse";
            }
            case ToClient.Event event -> {
                val.put("name", event.name());
                val.set("args", JsonCompat.encode(event.args()));
                yield "Event";
            }
        };
        ObjectNode body = NODES.objectNode();
        body.put("tag", tag);
        body.set("val", val);
        ObjectNode envelope = NODES.objectNode();
        envelope.set("body", body);
        return envelope;
    }

    /**
     * The message a tree from the client holds (values as they are: the caller revives compat forms
     * first where the encoding has them).
     *
     * @throws TroupeException {@code request/invalid_request} naming the field that is wrong
     */
    static ToServer message(JsonNode tree) {
        JsonNode body = object(tree, "the message", ENVELOPE).get("body");
        object(body, "body", BODY);
        JsonNode val = body.get("val");
        return switch (text(body, "tag", "body")) {
            case "ActionRequest" -> {
                object(val, "ActionRequest", ACTION);
                JsonNode args = val.get("args");
                if (args == null) {
                    throw invalid("ActionRequest needs 'args'");
                }
                yield new ToServer.ActionRequest(id(val.get("id")), text(val, "name", "ActionRequest"), args);
            }
            case "SubscriptionRequest" -> {
                object(val, "SubscriptionRequest", SUBSCRIPTION);
                JsonNode subscribe = val.get("subscribe");
                if (subscribe == null || !subscribe.isBoolean()) {
                    throw invalid("SubscriptionRequest needs a boolean 'subscribe'");
                }
                yield new ToServer.SubscriptionRequest(text(val, "eventName", "SubscriptionRequest"),
                        subscribe.booleanValue());
            }
            default -> throw new TroupeException(ErrorCode.INVALID_REQUEST, "unknown message tag '"
                    + body.get("tag").asText() + "'; expected ActionRequest or SubscriptionRequest",
                    Map.of("tag", body.get("tag").asText()));
        };
    }

    private static JsonNode object(JsonNode node, String what, Set<String> fields) {
        if (node == null || !node.isObject()) {
            throw invalid(what + " must be an object");
        }
        for (String field : (Iterable<String>) node::fieldNames) {
            if (!fields.contains(field)) {
                throw new TroupeException(ErrorCode.INVALID_REQUEST, what + " has an unknown field '" + field
                        + "'; expected " + fields, Map.of("field", field));
            }
        }
        return node;
    }

    private static String text(JsonNode node, String field, String what) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw invalid(what + " needs a non-empty string '" + field + "'");
        }
        return value.asText();
    }

    private static long id(JsonNode id) {
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong() || id.longValue() < 0) {
            throw invalid("ActionRequest needs an 'id' that is an integer from 0 to 2^63-1");
        }
        return id.longValue();
    }

    private static TroupeException invalid(String message) {
        return new TroupeException(ErrorCode.INVALID_REQUEST, message);
    }
}
