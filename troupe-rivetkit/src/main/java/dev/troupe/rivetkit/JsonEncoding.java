package dev.troupe.rivetkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.json.Json;
import dev.troupe.server.wire.Targets;
import java.util.Map;

/**
 * The {@code json} encoding: JSON text whose values are in compat form both ways ({@link JsonCompat}),
 * as {@code jsonStringifyCompat} writes them. HTTP actions send {@code {"args":[…]}} and get
 * {@code {"output":…}}.
 */
final class JsonEncoding implements WireEncoding {
    static final JsonEncoding INSTANCE = new JsonEncoding();
    private static final ObjectWriter WRITER = Json.mapper().writerFor(JsonNode.class);

    private JsonEncoding() {
    }

    @Override
    public String name() {
        return "json";
    }

    @Override
    public boolean binary() {
        return false;
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public ToServer readMessage(byte[] payload) {
        return MessageTrees.message(JsonCompat.revive(Targets.parse(payload)));
    }

    @Override
    public byte[] writeMessage(ToClient message) {
        return write(MessageTrees.tree(message));
    }

    /** The JSON text itself, written straight to a string rather than to bytes decoded again. */
    @Override
    public String writeFrame(ToClient message) {
        try {
            return WRITER.writeValueAsString(MessageTrees.tree(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    @Override
    public JsonNode readActionArgs(byte[] body) {
        return args(JsonCompat.revive(Targets.parse(body)));
    }

    @Override
    public byte[] writeActionOutput(JsonNode output) {
        return write(output(output));
    }

    /** The {@code args} of an HTTP action request tree {@code {"args":[…]}}. */
    static JsonNode args(JsonNode request) {
        if (!request.isObject()) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "the action body must be an object {\"args\":[…]}");
        }
        for (String field : (Iterable<String>) request::fieldNames) {
            if (!field.equals("args")) {
                throw new TroupeException(ErrorCode.INVALID_REQUEST, "the action body has an unknown field '" + field
                        + "'; expected only 'args'", Map.of("field", field));
            }
        }
        JsonNode args = request.get("args");
        return args == null ? Json.mapper().createArrayNode() : args;
    }

    /** The tree {@code {"output":…}} of an HTTP action answer, the output in compat form. */
    static ObjectNode output(JsonNode output) {
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.set("output", JsonCompat.encode(output));
        return answer;
    }

    private static byte[] write(JsonNode tree) {
        try {
            return WRITER.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
