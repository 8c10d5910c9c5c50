package dev.troupe.runtime;

import dev.troupe.history.Verification;
import dev.troupe.store.HistoryEntry;
import org.jspecify.annotations.Nullable;

/*
 * Checks a chain entry by entry, in seq order, stopping at the first bad position:
 *
 *   - the oldest entry is the start of the chain (seq 1, no previous hash) or a checkpoint: with older
 *     entries dropped, verification anchors on a checkpoint and trusts its previous hash;
 *   - every later entry has the next seq (a gap means entries were deleted: the first missing seq is
 *     bad; a lower seq means they were reordered) and links to its predecessor's hash;
 *   - every entry's hash is recomputed from its stored fields (EntryCodec.hash), so a changed byte,
 *     a moved entry (its seq is hashed) or an entry copied from another actor (its id is hashed) fails;
 *   - every checkpoint's state hashes to the entry's state hash;
 *   - at the end, the newest entry's state hash is the hash of the state the store holds.
 */
final class ChainVerifier {
    private final String actorId;
    private long entries;
    private long firstSeq;
    private long lastSeq;
    private @Nullable String lastHash;
    private @Nullable String lastStateHash;
    private @Nullable Long badSeq;
    private @Nullable String problem;

    ChainVerifier(String actorId) {
        this.actorId = actorId;
    }

    /** Checks the next entry; returns false once the chain is broken (then stop feeding it). */
    boolean accept(HistoryEntry entry) {
        if (entries == 0) {
            firstSeq = entry.seq();
            if (entry.prevHash() == null ? entry.seq() != 1 : entry.checkpoint() == null) {
                return bad(entry.seq(), entry.prevHash() == null
                        ? "entry " + entry.seq() + " has no previous hash but is not the first entry"
                        : "the oldest retained entry " + entry.seq() + " is not a checkpoint");
            }
        } else {
            long expected = lastSeq + 1;
            if (entry.seq() != expected) {
                return bad(expected, entry.seq() > expected ? "entry " + expected + " is missing"
                        : "entry " + entry.seq() + " is out of order after " + lastSeq);
            }
            if (!lastHash.equals(entry.prevHash())) {
                return bad(entry.seq(), "entry " + entry.seq() + " does not link to entry " + lastSeq);
            }
        }
        if (!EntryCodec.hash(actorId, entry).equals(entry.hash())) {
            return bad(entry.seq(), "entry " + entry.seq() + " does not match its hash");
        }
        HistoryEntry.Checkpoint checkpoint = entry.checkpoint();
        if (checkpoint != null && !EntryCodec.stateHash(checkpoint.state()).equals(entry.stateHash())) {
            return bad(entry.seq(), "the checkpoint of entry " + entry.seq() + " does not match its state hash");
        }
        entries++;
        lastSeq = entry.seq();
        lastHash = entry.hash();
        lastStateHash = entry.stateHash();
        return true;
    }

    /**
     * The verdict, after checking the newest entry's state hash against {@code storedState} (the state
     * the store holds, or null if the actor no longer exists).
     */
    Verification finish(@Nullable String storedState) {
        if (badSeq == null && lastStateHash != null && storedState != null
                && !EntryCodec.stateHash(storedState).equals(lastStateHash)) {
            bad(lastSeq, "the stored state does not match the state hash of the newest entry " + lastSeq);
        }
        return new Verification(entries, firstSeq, lastSeq, badSeq, problem);
    }

    private boolean bad(long seq, String why) {
        badSeq = seq;
        problem = why;
        return false;
    }
}
