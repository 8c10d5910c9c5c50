package dev.troupe.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.troupe.HistoryOptions;
import dev.troupe.history.ChainCheck;
import dev.troupe.store.HistoryEntry;
import dev.troupe.store.HistoryPrune;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/*
 * The head of one activation's history chain: the sequence number and hash of its newest entry, and
 * the state that entry describes (its JSON and hash, so that a turn that leaves the state alone costs
 * no serialisation). Each turn that gets an entry appends it here, on the turn thread, in turn order,
 * before its write is staged; the entry then rides on the pending write into the same store
 * transaction as the state.
 *
 * The head runs ahead of the store, as execution runs ahead of durability. If a commit fails, the
 * activation reloads and a new head is read from the store (resume), so the chain continues from what
 * is durable. A fenced write is refused whole, entries included, and the activation closes.
 *
 * The first entry of a chain (prev null) and every entry whose seq is a multiple of the checkpoint
 * interval carry a checkpoint, the full state. With retention set, each checkpoint entry also carries
 * the prune step that drops what is older than the newest checkpoint the limits allow dropping to.
 */
final class HistoryChain {
    /** The time bound of a prune that has no time limit: far beyond any entry, within every store's range. */
    private static final Instant NO_TIME_LIMIT = Instant.parse("9999-12-31T00:00:00Z");

    private final String actorId;
    private final ActorType type;
    private final HistoryOptions options;
    private long seq;
    private @Nullable String hash;
    private @Nullable Object state;
    private @Nullable String stateJson;
    private @Nullable String stateHash;

    /** What appending produced: the entry, the state's JSON if the turn changed it, a prune step. */
    record Link(HistoryEntry entry, @Nullable String stateJson, @Nullable HistoryPrune prune) {
    }

    private HistoryChain(String actorId, ActorType type) {
        this.actorId = actorId;
        this.type = type;
        this.options = Objects.requireNonNull(type.history(), "the type keeps no history");
    }

    /** The chain of an actor being created: empty, its first entry will be the creation's. */
    static HistoryChain start(String actorId, ActorType type) {
        return new HistoryChain(actorId, type);
    }

    /**
     * The chain of an actor loaded from the store, continuing after {@code last} (empty if the actor has
     * no history yet: its next entry starts a new chain with a checkpoint).
     *
     * @param state      the loaded state
     * @param storedJson the state as the store keeps it
     */
    static HistoryChain resume(String actorId, ActorType type, Optional<HistoryEntry> last, Object state,
                               String storedJson) {
        HistoryChain chain = new HistoryChain(actorId, type);
        last.ifPresent(entry -> {
            chain.seq = entry.seq();
            chain.hash = entry.hash();
        });
        chain.state = state;
        chain.stateJson = storedJson;
        chain.stateHash = ChainCheck.stateHash(storedJson);
        return chain;
    }

    /**
     * Appends the entry of a completed (or, recorded, a failed) turn.
     *
     * @param json the turn's new state already encoded, or null to encode it here if needed
     */
    Link append(TurnRecord record, Instant time, @Nullable String json) throws JsonProcessingException {
        Object after = record.stateAfter();
        String changedJson = null;
        if (after != state || stateHash == null) {
            changedJson = json != null ? json : type.encodeState(after);
            state = after;
            stateJson = changedJson;
            stateHash = ChainCheck.stateHash(changedJson);
        }
        long next = seq + 1;
        Instant at = EntryCodec.micros(time);
        String caller = EntryCodec.caller(record.caller());
        String message = EntryCodec.message(record);
        // A connect turn's result is the live connection handed to the transport, not a value of the turn:
        // its outcome is null, as replay (which has only a stand-in connection) gives it.
        Object result = record.error() != null || record.kind() == TurnKind.CONNECT ? null : record.result();
        String outcome = EntryCodec.outcome(result, record.error());
        String effects = EntryCodec.effects(record.effects());
        boolean checkpoint = hash == null || next % options.checkpointInterval() == 0;
        HistoryEntry.Checkpoint snapshot = checkpoint ? new HistoryEntry.Checkpoint(stateJson, type.stateVersion()) : null;
        String entryHash = ChainCheck.entryHash(actorId,
                new HistoryEntry(next, at, caller, message, outcome, effects, stateHash, hash, "", snapshot));
        HistoryEntry entry = new HistoryEntry(next, at, caller, message, outcome, effects, stateHash, hash, entryHash,
                snapshot);
        seq = next;
        hash = entryHash;
        return new Link(entry, changedJson, checkpoint && options.prunes() ? prune(next, at) : null);
    }

    private HistoryPrune prune(long newest, Instant at) {
        long seqAtMost = options.keptEntries() == Long.MAX_VALUE ? newest : newest - options.keptEntries() + 1;
        Instant atOrBefore = options.keptFor() == null ? NO_TIME_LIMIT : at.minus(options.keptFor());
        return new HistoryPrune(seqAtMost, atOrBefore);
    }
}
