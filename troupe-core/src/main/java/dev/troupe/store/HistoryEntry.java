package dev.troupe.store;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of an actor's turn history, as a store keeps it: a link of a SHA-256 hash chain, written
 * in the same transaction as the state it describes. A store keeps the fields byte for byte and never
 * interprets them; the runtime computes and checks the hashes (the encoding is in
 * {@code docs/history.md}).
 *
 * @param seq        the position in the actor's chain, from 1, without gaps
 * @param at         when the turn ran, to the microsecond
 * @param caller     who sent the message, as canonical JSON
 * @param message    what the turn handled, as canonical JSON
 * @param outcome    the result or error, as canonical JSON
 * @param effects    the recorded effects, as a canonical JSON array
 * @param stateHash  lower-case hex SHA-256 of the canonical JSON of the state the turn left
 * @param prevHash   the previous entry's {@code hash}, or null for the first entry of the chain
 * @param hash       lower-case hex SHA-256 of this entry's canonical encoding
 * @param checkpoint the full state at this position, if this entry is a checkpoint
 */
public record HistoryEntry(long seq, Instant at, String caller, String message, String outcome, String effects,
                           String stateHash, @Nullable String prevHash, String hash,
                           @Nullable Checkpoint checkpoint) {

    /** Checks that no required field is missing. */
    public HistoryEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(effects, "effects");
        Objects.requireNonNull(stateHash, "stateHash");
        Objects.requireNonNull(hash, "hash");
    }

    /**
     * A full state snapshot bound to a chain position: its canonical JSON hashes to the entry's
     * {@code stateHash}, so verification and reconstruction can start here.
     *
     * @param state        the state as JSON text, as the actor's type encodes it
     * @param stateVersion the schema version of {@code state}
     */
    public record Checkpoint(String state, int stateVersion) {
        /** Checks that the state is present. */
        public Checkpoint {
            Objects.requireNonNull(state, "state");
        }
    }
}
