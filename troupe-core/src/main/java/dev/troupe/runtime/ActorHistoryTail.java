package dev.troupe.runtime;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.history.HistoryTail;
import dev.troupe.store.HistoryEntry;
import dev.troupe.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A {@link HistoryTail} over the store: each read asks for the entries from the next expected seq, so
 * the backlog and live entries come the same way, in order; the {@link HistoryFeed} only says when to
 * read again. Once anchored (a start seq given, or the first entry read), the first entry of every read
 * must be the expected seq: anything else means retention dropped it.
 */
final class ActorHistoryTail implements HistoryTail {
    private final Store store;
    private final HistoryFeed feed;
    private final String actorId;
    private long next;
    private boolean anchored;

    /** A tail from {@code fromSeq}, or from the oldest retained entry if {@code fromSeq} is 0. */
    ActorHistoryTail(Store store, HistoryFeed feed, String actorId, long fromSeq) {
        if (fromSeq < 0) {
            throw new IllegalArgumentException("fromSeq must not be negative: " + fromSeq);
        }
        this.store = store;
        this.feed = feed;
        this.actorId = actorId;
        this.next = fromSeq;
        this.anchored = fromSeq > 0;
    }

    @Override
    public long nextSeq() {
        return next;
    }

    @Override
    public List<HistoryEntry> next(int max, Duration wait) throws InterruptedException {
        List<HistoryEntry> page = read(max);
        if (!page.isEmpty() || wait.isZero()) {
            return page;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            CompletableFuture<Void> commit = feed.nextCommit(actorId);
            page = read(max);
            long left = deadline - System.nanoTime();
            if (!page.isEmpty() || left <= 0) {
                return page;
            }
            try {
                commit.copy().completeOnTimeout(null, left, TimeUnit.NANOSECONDS).get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a commit signal never fails", e);
            }
        }
    }

    /** The durable entries from the next expected seq, at most {@code max}, without waiting. */
    List<HistoryEntry> read(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive: " + max);
        }
        List<HistoryEntry> page = store.history(actorId, next, max);
        if (page.isEmpty()) {
            return page;
        }
        long first = page.getFirst().seq();
        if (anchored && first != next) {
            throw new TroupeException(ErrorCode.HISTORY_NOT_RETAINED, "entry " + next + " of actor " + actorId
                    + " is no longer retained; the oldest kept from there is " + first, Map.of("seq", next));
        }
        anchored = true;
        next = page.getLast().seq() + 1;
        return page;
    }
}
