package dev.troupe.host;

import dev.troupe.AccessRule;
import java.util.Objects;

/**
 * How a runtime serves its content store ({@link dev.troupe.Contents}). A value.
 *
 * @param maxSize the largest content, in bytes, that may be stored
 * @param access  what client callers may do with content ({@link AccessRule#CONTENT_READ},
 *                {@link AccessRule#CONTENT_WRITE}, {@link AccessRule#CONTENT_LABEL}); system and
 *                service callers may do everything
 */
public record ContentSettings(long maxSize, AccessRule access) {
    /** The default limit: 64 MiB. */
    public static final long DEFAULT_MAX_SIZE = 64L * 1024 * 1024;

    /** Checks the components. */
    public ContentSettings {
        Objects.requireNonNull(access, "access");
        if (maxSize < 0) {
            throw new IllegalArgumentException("maxSize must not be negative: " + maxSize);
        }
    }

    /** The defaults: {@link #DEFAULT_MAX_SIZE}, and clients may do nothing. */
    public static ContentSettings defaults() {
        return new ContentSettings(DEFAULT_MAX_SIZE, (caller, operation) -> false);
    }
}
