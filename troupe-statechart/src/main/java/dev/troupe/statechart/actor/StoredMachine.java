package dev.troupe.statechart.actor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * The stored state of a machine actor, a JSON object: {@code snapshot} (the engine's
 * {@link dev.troupe.statechart.Snapshot#toJson}), {@code delays} (each pending delayed event's engine id
 * to the id of the durable schedule that delivers it) and, for one wake after a migration,
 * {@code migratedFrom} (the version the snapshot was stored with). Static helpers over that JSON.
 *
 * <p>Nothing changes a stored state in place: each turn that changes it stores a new object, which may
 * share the parts that stayed the same (the pending delays, most often) with the one before.
 */
final class StoredMachine {
    static final String SNAPSHOT = "snapshot";
    static final String DELAYS = "delays";
    static final String MIGRATED_FROM = "migratedFrom";

    private StoredMachine() {
    }

    static ObjectNode of(ObjectNode snapshot, ObjectNode delays) {
        ObjectNode stored = JsonNodeFactory.instance.objectNode();
        stored.set(SNAPSHOT, snapshot);
        stored.set(DELAYS, delays);
        return stored;
    }

    static JsonNode snapshot(JsonNode stored) {
        return stored.path(SNAPSHOT);
    }

    /** The pending delays themselves, to read (an empty object if there are none). */
    static ObjectNode pendingDelays(JsonNode stored) {
        return stored.get(DELAYS) instanceof ObjectNode delays ? delays : JsonNodeFactory.instance.objectNode();
    }

    /** A copy of the pending delays, to change. */
    static ObjectNode delays(JsonNode stored) {
        return stored.get(DELAYS) instanceof ObjectNode delays ? delays.deepCopy() : JsonNodeFactory.instance.objectNode();
    }

    static @Nullable Integer migratedFrom(JsonNode stored) {
        JsonNode from = stored.get(MIGRATED_FROM);
        return from == null ? null : from.asInt();
    }

    /** The stored state of an older version marked as migrated from {@code version}, unless marked already. */
    static ObjectNode markMigrated(JsonNode stored, int version) {
        ObjectNode marked = ((ObjectNode) stored).deepCopy();
        if (!marked.has(MIGRATED_FROM)) {
            marked.put(MIGRATED_FROM, version);
        }
        return marked;
    }
}
