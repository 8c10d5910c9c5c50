package dev.troupe.wasm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.TroupeException;
import dev.troupe.json.Json;
import java.util.EnumSet;
import java.util.Set;

/**
 * The rules of capability sets: how a grant travels to a child (as its creation input) and that a
 * grant can only narrow. A top-level actor holds its manifest's capabilities; a child holds what its
 * parent granted, which must be within both the parent's own set and the child's manifest.
 */
final class Capabilities {
    static final String GRANT = "capabilities";

    private Capabilities() {
    }

    /** The capabilities named in a JSON array of names. */
    static Set<Capability> read(JsonNode names) {
        if (!names.isArray()) {
            throw Manifest.invalid("capabilities must be a JSON array of names, got " + names);
        }
        Set<Capability> set = EnumSet.noneOf(Capability.class);
        for (JsonNode name : names) {
            try {
                set.add(Capability.of(name.asText()));
            } catch (IllegalArgumentException e) {
                throw Manifest.invalid(e.getMessage());
            }
        }
        return set;
    }

    static ArrayNode write(Set<Capability> capabilities) {
        ArrayNode names = Json.mapper().createArrayNode();
        EnumSet.copyOf(capabilities.isEmpty() ? EnumSet.noneOf(Capability.class) : capabilities)
                .forEach(capability -> names.add(capability.wireName()));
        return names;
    }

    /** Refuses {@code wanted} unless every capability of it is in {@code held}. */
    static void requireSubset(Set<Capability> wanted, Set<Capability> held, String rule) {
        Set<Capability> extra = EnumSet.noneOf(Capability.class);
        extra.addAll(wanted);
        extra.removeAll(held);
        if (!extra.isEmpty()) {
            throw new TroupeException(ErrorCode.WASM_CAPABILITY_DENIED, rule + ": " + write(extra) + " not held");
        }
    }

    /** The creation input that carries a grant to a child. */
    static ObjectNode grantInput(Set<Capability> grant) {
        ObjectNode input = Json.mapper().createObjectNode();
        input.set(GRANT, write(grant));
        return input;
    }

    /** What an actor being created holds: the grant in its input, if any, else its manifest's set. */
    static Set<Capability> initial(Input input, Manifest manifest) {
        Object raw = input.raw();
        JsonNode node = raw == null ? null : Json.mapper().valueToTree(raw);
        if (node == null || !node.has(GRANT)) {
            return manifest.capabilities();
        }
        Set<Capability> grant = read(node.get(GRANT));
        requireSubset(grant, manifest.capabilities(), "a grant may not exceed the child's manifest");
        return grant;
    }
}
