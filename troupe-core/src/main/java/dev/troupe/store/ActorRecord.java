package dev.troupe.store;

import dev.troupe.Key;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
 * @param parentId     the id of the actor that spawned this one as its child, or null for an actor
 *                     created from outside; fixed at creation (the durable parent-child link)
 * @param input        the JSON of the input a child was spawned with, or null (no input, or not a
 *                     child); kept so that a restart from the initial state starts from the same input
 */
public record ActorRecord(String id, String type, Key key, String state, int stateVersion, long epoch,
                          Instant createdAt, @Nullable String parentId, @Nullable String input) {

    /** Checks that no field is missing. */
    public ActorRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** An actor spawned without input, or created from outside ({@code parentId} null). */
    public ActorRecord(String id, String type, Key key, String state, int stateVersion, long epoch,
                       Instant createdAt, @Nullable String parentId) {
        this(id, type, key, state, stateVersion, epoch, createdAt, parentId, null);
    }

    /** An actor without a parent. */
    public ActorRecord(String id, String type, Key key, String state, int stateVersion, long epoch,
                       Instant createdAt) {
        this(id, type, key, state, stateVersion, epoch, createdAt, null, null);
    }

    /** The same record with another epoch. */
    public ActorRecord withEpoch(long newEpoch) {
        return new ActorRecord(id, type, key, state, stateVersion, newEpoch, createdAt, parentId, input);
    }

    /** The same record with another state, written with {@code version}. */
    public ActorRecord withState(String newState, int version) {
        return new ActorRecord(id, type, key, newState, version, epoch, createdAt, parentId, input);
    }
}
