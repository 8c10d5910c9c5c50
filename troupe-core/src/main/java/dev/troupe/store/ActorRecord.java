package dev.troupe.store;

import dev.troupe.Key;
import java.time.Instant;
import java.util.Objects;

/**
 * An actor as a store keeps it.
 *
 * @param id           the actor's unique, stable id
 * @param type         the actor type name
 * @param key          the actor key
 * @param state        the state as JSON text
 * @param stateVersion the schema version the state was written with (for upcasting on load)
 * @param epoch        the activation epoch; a commit must carry the current epoch to be accepted
 * @param createdAt    when the actor was created
 */
public record ActorRecord(String id, String type, Key key, String state, int stateVersion, long epoch,
                          Instant createdAt) {

    /** Checks that no field is missing. */
    public ActorRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The same record with another epoch. */
    public ActorRecord withEpoch(long newEpoch) {
        return new ActorRecord(id, type, key, state, stateVersion, newEpoch, createdAt);
    }
}
