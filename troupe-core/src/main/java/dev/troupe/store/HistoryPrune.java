package dev.troupe.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A retention step carried by an {@link ActorWrite}: after appending the write's entries, the store
 * deletes the actor's entries older than its <em>newest checkpoint at or before the boundary</em>,
 * the checkpoint with the greatest {@code seq} such that {@code seq <= seqAtMost} and
 * {@code at <= atOrBefore}. Without such a checkpoint nothing is deleted. What remains always starts
 * at a checkpoint, so it stays verifiable.
 *
 * @param seqAtMost  the newest position the kept checkpoint may have
 * @param atOrBefore the newest time the kept checkpoint may have
 */
public record HistoryPrune(long seqAtMost, Instant atOrBefore) {
    /** Checks that the time is present. */
    public HistoryPrune {
        Objects.requireNonNull(atOrBefore, "atOrBefore");
    }
}
