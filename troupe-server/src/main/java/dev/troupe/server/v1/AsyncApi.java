package dev.troupe.server.v1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.definition.EventDefinition;
import dev.troupe.definition.Parameter;
import dev.troupe.host.HostedType;
import dev.troupe.json.Json;
import java.util.List;

/**
 * The AsyncAPI 3.1 document of the events the server's WebSocket connections carry
 * ({@code GET /v1/asyncapi.json}), which OpenAPI cannot describe: per registered type a channel (its
 * {@code /v1/actors/TYPE/connect} address) with one message per declared event, the {@code event}
 * frame of that name whose {@code args} fit the event's argument schemas (for a type that declares no
 * events, one message for an event of any name), the operation of the server sending them, and the
 * operation of the client's {@code subscribe} frame, whose {@code event} takes the declared names or
 * {@code *}. Its one server is the host the request reached. Payload schemas are AsyncAPI schema
 * objects (the default format, a superset of JSON Schema draft-07), so argument tuples are draft-07
 * {@code items} arrays. The document passes Spectral's AsyncAPI ruleset without a finding (the
 * TypeScript client's integration tests run it). Built per request from the hosted types; stateless.
 */
final class AsyncApi {
    private AsyncApi() {
    }

    /**
     * The document for these types, served by {@code host} ({@code host[:port]}, as the request's
     * {@code Host} header names it) over {@code ws}, or {@code wss} if {@code secure}.
     */
    static ObjectNode document(List<? extends HostedType> types, String host, boolean secure) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("asyncapi", "3.1.0");
        ObjectNode info = doc.putObject("info").put("title", "Troupe WebSocket events v1").put("version", "v1")
                .put("description", "The event frames of the WebSocket connections to the actors this server hosts "
                        + "(docs/protocol.md, WebSocket). A subscription to an event the type does not declare is "
                        + "refused with event/not_found, one the caller may not receive with event/forbidden; "
                        + "events the caller may not receive never reach its connection.");
        info.putObject("contact").put("name", "Troupe");
        info.putObject("license").put("name", "Apache-2.0");
        info.putArray("tags").addObject().put("name", "events").put("description", "Actor events over WebSocket");
        doc.putObject("servers").putObject("this").put("host", host).put("protocol", secure ? "wss" : "ws")
                .put("description", "The server serving this document");
        doc.put("defaultContentType", "application/json");
        ObjectNode channels = doc.putObject("channels");
        ObjectNode operations = doc.putObject("operations");
        for (HostedType type : types) {
            ObjectNode channel = channels.putObject(type.name())
                    .put("address", ProtocolV1.PREFIX + "/actors/" + type.name() + "/connect")
                    .put("title", "Connections to " + type.name() + " actors")
                    .put("description", "A WebSocket of protocol v1 JSON frames with one " + type.name()
                            + " actor, named by the key query parameters");
            ObjectNode messages = channel.putObject("messages");
            ArrayNode sent = operations.putObject(type.name() + "-events").put("action", "send")
                    .put("summary", "The events of a " + type.name() + " actor")
                    .put("description", "Sends each event a " + type.name() + " actor broadcasts, once its turn is "
                            + "durable, to the connections subscribed to it whose callers may receive it")
                    .<ObjectNode>set("channel", ref("#/channels/" + type.name()))
                    .putArray("messages");
            if (type.events().isEmpty()) {
                messages.set("event", message("event", "An event of any name, with any arguments",
                        eventFrame(string(), any())));
                sent.add(ref("#/channels/" + type.name() + "/messages/event"));
            }
            for (EventDefinition event : type.events()) {
                String key = key(messages, event.name());
                messages.set(key, message(event.name(), "The event " + event.name() + " of " + type.name(),
                        eventFrame(constant(event.name()), arguments(event.parameters()))));
                sent.add(ref("#/channels/" + type.name() + "/messages/" + key));
            }
            messages.set("subscribe", message("subscribe", "Subscribes the connection to an event", subscribeFrame(type)));
            operations.putObject(type.name() + "-subscribe").put("action", "receive")
                    .put("summary", "Subscribes a connection to an event of a " + type.name() + " actor")
                    .put("description", "Receives the subscribe frames; a name the type does not declare is refused "
                            + "with event/not_found, one the caller may not receive with event/forbidden")
                    .<ObjectNode>set("channel", ref("#/channels/" + type.name()))
                    .putArray("messages").add(ref("#/channels/" + type.name() + "/messages/subscribe"));
        }
        return doc;
    }

    /** A message key for {@code event} in {@code messages}: its name with {@code .} as {@code _}, made unique. */
    private static String key(ObjectNode messages, String event) {
        String base = event.replace('.', '_');
        String key = base;
        for (int n = 2; messages.has(key) || key.equals("subscribe"); n++) {
            key = base + n;
        }
        return key;
    }

    private static ObjectNode message(String name, String title, ObjectNode schema) {
        ObjectNode message = Json.mapper().createObjectNode().put("name", name).put("title", title);
        message.set("payload", schema);
        return message;
    }

    private static ObjectNode eventFrame(ObjectNode name, ObjectNode args) {
        ObjectNode frame = Json.mapper().createObjectNode().put("type", "object");
        frame.putArray("required").add("type").add("name").add("args");
        ObjectNode properties = frame.putObject("properties");
        properties.set("type", constant("event"));
        properties.set("name", name);
        properties.set("args", args);
        return frame;
    }

    private static ObjectNode subscribeFrame(HostedType type) {
        ObjectNode frame = Json.mapper().createObjectNode().put("type", "object");
        frame.putArray("required").add("type").add("event");
        ObjectNode properties = frame.putObject("properties");
        properties.set("type", constant("subscribe"));
        ObjectNode event = string().put("description", "The event's name, or * for every event the caller may receive");
        if (!type.events().isEmpty()) {
            ArrayNode names = event.putArray("enum");
            type.events().forEach(declared -> names.add(declared.name()));
            names.add("*");
        }
        properties.set("event", event);
        ArrayNode id = properties.putObject("id").put("description", "Acknowledged by a result frame of this id")
                .putArray("type");
        id.add("integer").add("string");
        return frame;
    }

    /** The arguments as a draft-07 tuple: exactly these, in order. */
    private static ObjectNode arguments(List<Parameter> parameters) {
        ObjectNode args = Json.mapper().createObjectNode().put("type", "array")
                .put("minItems", parameters.size()).put("maxItems", parameters.size());
        ArrayNode items = args.putArray("items");
        for (Parameter parameter : parameters) {
            JsonNode schema = parameter.schema().deepCopy();
            items.add(schema instanceof ObjectNode object ? object.put("title", parameter.name()) : schema);
        }
        return args.put("additionalItems", false);
    }

    private static ObjectNode any() {
        return Json.mapper().createObjectNode().put("type", "array");
    }

    private static ObjectNode string() {
        return Json.mapper().createObjectNode().put("type", "string");
    }

    private static ObjectNode constant(String value) {
        return string().put("const", value);
    }

    private static ObjectNode ref(String to) {
        return Json.mapper().createObjectNode().put("$ref", to);
    }
}
