package dev.troupe.server.v1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ActorError;
import dev.troupe.history.HistoryJson;
import dev.troupe.json.CanonicalJson;
import dev.troupe.json.Json;
import dev.troupe.store.HistoryEntry;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Builds the server-to-client frames of wire protocol v1. Stateless. */
final class Frames {
    private Frames() {
    }

    static String welcome(String actorId, String connectionId) {
        ObjectNode frame = Json.mapper().createObjectNode();
        frame.put("type", "welcome");
        frame.put("actorId", actorId);
        frame.put("connectionId", connectionId);
        return frame.toString();
    }

    /** A result; {@code output} is serialised with the runtime's mapper (may throw for unserialisable output). */
    static String result(JsonNode id, @Nullable Object output) {
        ObjectNode frame = Json.mapper().createObjectNode();
        frame.put("type", "result");
        frame.set("id", id);
        frame.set("output", Json.mapper().valueToTree(output));
        return frame.toString();
    }

    /** A snapshot of a view: {@code {"view":…,"checksum":…}}, as a view fetch and a wait frame answer it. */
    static ObjectNode snapshot(@Nullable Object view) {
        JsonNode tree = CanonicalJson.tree(view);
        ObjectNode snapshot = Json.mapper().createObjectNode();
        snapshot.set("view", tree);
        snapshot.put("checksum", CanonicalJson.checksum(tree));
        return snapshot;
    }

    static String error(@Nullable JsonNode id, ActorError error) {
        ObjectNode frame = Json.mapper().createObjectNode();
        frame.put("type", "error");
        frame.set("id", id == null ? Json.mapper().nullNode() : id);
        return withError(frame, error);
    }

    /** {@code frame} with the error's {@code group}, {@code code}, {@code message} and {@code metadata}, as text. */
    private static String withError(ObjectNode frame, ActorError error) {
        frame.put("group", error.group());
        frame.put("code", error.code());
        frame.put("message", error.message());
        frame.set("metadata", Json.mapper().valueToTree(error.metadata()));
        return frame.toString();
    }

    /** A page of history entries of the subscription {@code id}, in seq order. */
    static String history(JsonNode id, List<HistoryEntry> entries) {
        ObjectNode frame = Json.mapper().createObjectNode();
        frame.put("type", "history");
        frame.set("id", id);
        ArrayNode array = frame.putArray("entries");
        for (HistoryEntry entry : entries) {
            array.add(HistoryJson.entry(entry));
        }
        return frame.toString();
    }

    /** An event; the args are serialised with the runtime's mapper (may throw). */
    static String event(String name, List<Object> args) {
        ObjectNode frame = Json.mapper().createObjectNode();
        frame.put("type", "event");
        frame.put("name", name);
        frame.set("args", Json.mapper().valueToTree(args));
        return frame.toString();
    }

    /** The acceptance of the client's channel {@code name}; {@code channelId} is the runtime's id for it. */
    static String channelAccept(JsonNode name, String channelId) {
        ObjectNode frame = Json.mapper().createObjectNode();
        frame.put("type", "channel.accept");
        frame.set("channel", name);
        frame.put("channelId", channelId);
        return frame.toString();
    }

    /** A message from the actor on the channel {@code name}; {@code json} is its JSON text. */
    static String channelMessage(JsonNode name, String json) {
        ObjectNode frame = Json.mapper().createObjectNode();
        frame.put("type", "channel.message");
        frame.set("channel", name);
        try {
            frame.set("message", Json.mapper().readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("a channel message is not JSON", e);
        }
        return frame.toString();
    }

    /** The end of the channel {@code name}: {@code channel.reject} or {@code channel.close}, with why. */
    static String channelEnd(String type, JsonNode name, ActorError reason) {
        ObjectNode frame = Json.mapper().createObjectNode();
        frame.put("type", type);
        frame.set("channel", name);
        return withError(frame, reason);
    }
}
