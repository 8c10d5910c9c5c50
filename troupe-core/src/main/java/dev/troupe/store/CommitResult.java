package dev.troupe.store;

import java.util.Set;

/**
 * The outcome of {@link Store#commit}: every write not listed here is durable.
 *
 * @param fenced ids of the actors whose writes were refused because their epoch was stale or the actor
 *               no longer exists; nothing of those writes was applied
 */
public record CommitResult(Set<String> fenced) {
    private static final CommitResult OK = new CommitResult(Set.of());

    /** Freezes the set. */
    public CommitResult {
        fenced = Set.copyOf(fenced);
    }

    /** A result where every write was applied. */
    public static CommitResult ok() {
        return OK;
    }
}
