package dev.troupe.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ActorInfo;
import dev.troupe.Input;
import dev.troupe.Key;
import dev.troupe.host.Address;
import dev.troupe.json.Json;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of the values that cross nodes: arguments, creation input, results, actor info, and
 * the sharding entity id of an address ({@code type/["key"]}, as {@link Address#toString()} prints it).
 */
final class WireValues {
    private WireValues() {
    }

    static JsonNode json(@Nullable Object value) {
        return value == null ? NullNode.getInstance() : Json.mapper().valueToTree(value);
    }

    static JsonNode input(Input input) {
        return json(input.raw());
    }

    static Input input(@Nullable JsonNode json) {
        return json == null || json.isNull() ? Input.none() : Input.of(json);
    }

    static JsonNode info(ActorInfo info) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("id", info.id());
        node.put("type", info.type());
        node.put("key", info.key().toJson());
        node.put("createdAt", info.createdAt().toString());
        return node;
    }

    static ActorInfo info(JsonNode node) {
        return new ActorInfo(node.path("id").asText(), node.path("type").asText(),
                Key.fromJson(node.path("key").asText()), Instant.parse(node.path("createdAt").asText()));
    }

    static String entityId(Address address) {
        return address.toString();
    }

    static Address address(String entityId) {
        int slash = entityId.indexOf('/');
        return new Address(entityId.substring(0, slash), Key.fromJson(entityId.substring(slash + 1)));
    }
}
