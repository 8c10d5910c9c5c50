package dev.troupe.history;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link History#replay()}.
 *
 * @param fromSeq          the checkpoint replay started from (0 if there is no history)
 * @param replayed         how many turns were re-executed and matched
 * @param firstDivergedSeq the first entry whose turn did not reproduce its recorded state, outcome or
 *                         effects, or null if every turn did
 * @param problem          what differed, or null
 */
public record ReplayReport(long fromSeq, long replayed, @Nullable Long firstDivergedSeq, @Nullable String problem) {

    /** Whether every replayed turn reproduced the chain. */
    public boolean deterministic() {
        return firstDivergedSeq == null;
    }
}
