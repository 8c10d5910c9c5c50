package dev.troupe.history;

import dev.troupe.store.HistoryEntry;
import java.time.Duration;
import java.util.List;

/**
 * A follower of an actor's chain, from {@link History#tail(long)}: the retained entries from a position
 * on (the backlog), then each new entry once its turn is durable, in seq order, without gaps or
 * duplicates. To resume after a disconnect, open a new tail at the seq after the last one received.
 *
 * <p>A tail reads the store; it holds no resources and needs no closing. One thread at a time.
 */
public interface HistoryTail {

    /** The seq of the next entry this tail returns (0 while it starts at the oldest retained entry). */
    long nextSeq();

    /**
     * The next entries, at most {@code max}, in order: at once if some are durable, else as soon as one
     * becomes durable, or an empty list after {@code wait} (then ask again).
     *
     * @throws IllegalArgumentException     if {@code max} is not positive
     * @throws dev.troupe.TroupeException   {@code history/not_retained} if the next position was dropped
     *                                      by retention before this tail read it (the tail fell behind,
     *                                      or started before the oldest retained entry)
     * @throws InterruptedException         if the thread is interrupted while waiting
     */
    List<HistoryEntry> next(int max, Duration wait) throws InterruptedException;
}
