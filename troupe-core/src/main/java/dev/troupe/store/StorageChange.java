package dev.troupe.store;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One change to an actor's own key–value storage ({@link dev.troupe.Storage}), committed with the
 * turn that made it: {@code value} replaces what {@code key} held, or, if null, the key is deleted.
 * The store keeps values byte for byte.
 *
 * @param key   the key, non-empty
 * @param value the new value, or null to delete the key
 */
public record StorageChange(String key, byte @Nullable [] value) {

    /** Checks that the key is present. */
    public StorageChange {
        Objects.requireNonNull(key, "key");
    }

    /** Whether this change deletes its key. */
    public boolean deletes() {
        return value == null;
    }
}
