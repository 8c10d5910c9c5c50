package dev.troupe.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/*
 * Wakes the followers of actors' histories (HistoryTail) when new entries become durable on this
 * runtime. Per actor it keeps at most one future, "the next durable commit": a follower takes it
 * before reading the store, and waits on it only if that read found nothing new; a commit with history
 * removes and completes it after its write is durable (an InternalOutput gated behind the write, and
 * the creation after the store inserted the actor).
 *
 * Taking the future before reading is what makes a wake-up impossible to miss: a commit that becomes
 * durable before the read is seen by the read; one after it completes the future taken (or, if it came
 * between the two, the follower's read sees it). A wake-up says only "read the store again": followers
 * read entries by seq, so a spurious or failed commit costs a read and never a gap or a duplicate.
 * Commits on other nodes of a cluster wake nobody here; followers also read again after a bounded wait.
 *
 * A future nobody completes stays until the actor's next commit with history: one small object per
 * followed actor. Thread-safe.
 */
final class HistoryFeed {
    private final ConcurrentMap<String, CompletableFuture<Void>> next = new ConcurrentHashMap<>();

    /** Completes at the next durable commit of {@code actorId} with history (or when it failed). */
    CompletableFuture<Void> nextCommit(String actorId) {
        return next.computeIfAbsent(actorId, id -> new CompletableFuture<>());
    }

    /** A commit of {@code actorId} finished: wake its followers. */
    void committed(String actorId) {
        CompletableFuture<Void> waiting = next.remove(actorId);
        if (waiting != null) {
            waiting.complete(null);
        }
    }
}
