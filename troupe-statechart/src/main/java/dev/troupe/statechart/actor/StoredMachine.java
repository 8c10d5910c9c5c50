package dev.troupe.statechart.actor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * The stored state of a machine actor, a JSON object: {@code snapshot} (the engine's
 * {@link dev.troupe.statechart.Snapshot#toJson}), {@code delays} (each pending delayed event's engine id
 * to the id of the durable schedule that delivers it) and, for one wake after a migration,
 * {@code migratedFrom} (the version the snapshot was stored with). Static helpers over that JSON.
 *
 * <p>Turns keep the state as a {@link MachineState}, which writes this JSON; the JSON itself is what a
 * wake loads and what upcasters see.
 */
final class StoredMachine {
    static final String SNAPSHOT = "snapshot";
    static final String DELAYS = "delays";
    static final String MIGRATED_FROM = "migratedFrom";

    private StoredMachine() {
    }

    static JsonNode snapshot(JsonNode stored) {
        return stored.path(SNAPSHOT);
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
