package dev.troupe.history;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link History#verify()}.
 *
 * @param entries    how many entries were checked
 * @param firstSeq   the position verification started from (0 if there are no entries)
 * @param lastSeq    the newest position checked (0 if there are no entries)
 * @param firstBadSeq the first position whose entry is wrong or missing, or null if the chain is intact
 * @param problem    what is wrong there, or null
 */
public record Verification(long entries, long firstSeq, long lastSeq, @Nullable Long firstBadSeq,
                           @Nullable String problem) {

    /** Whether the whole retained chain checked out. */
    public boolean valid() {
        return firstBadSeq == null;
    }
}
