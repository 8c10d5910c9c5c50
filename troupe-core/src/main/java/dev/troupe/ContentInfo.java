package dev.troupe;

import java.time.Instant;
import java.util.Objects;

/**
 * What a store knows of one piece of content, without its bytes.
 *
 * @param hash     the SHA-256 of the bytes, the content's address
 * @param size     the number of bytes
 * @param storedAt when the content was last stored (storing the same bytes again moves it forward):
 *                 garbage collection keeps unlabelled content younger than its grace period
 */
public record ContentInfo(ContentHash hash, long size, Instant storedAt) {
    /** Checks the components. */
    public ContentInfo {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(storedAt, "storedAt");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
    }
}
