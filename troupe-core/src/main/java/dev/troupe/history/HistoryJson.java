package dev.troupe.history;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.store.HistoryEntry;
import java.time.Instant;

/**
 * The JSON form of a history entry, as the HTTP routes, the WebSocket subscription and the JSON Lines
 * export write it ({@code docs/history.md}): every stored field as it is, the JSON fields as their
 * canonical <em>text</em> (so a verifier hashes exactly those bytes), the time as ISO-8601 {@code at}
 * and as {@code atMicros}, the microseconds the hash covers. Stateless.
 */
public final class HistoryJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private HistoryJson() {
    }

    /**
     * {@code {"seq","at","atMicros","caller","message","outcome","effects","stateHash","prevHash","hash"}},
     * plus {@code "checkpoint":{"state","stateVersion"}} on a checkpoint entry.
     */
    public static ObjectNode entry(HistoryEntry entry) {
        ObjectNode node = NODES.objectNode();
        node.put("seq", entry.seq());
        node.put("at", entry.at().toString());
        node.put("atMicros", epochMicros(entry.at()));
        node.put("caller", entry.caller());
        node.put("message", entry.message());
        node.put("outcome", entry.outcome());
        node.put("effects", entry.effects());
        node.put("stateHash", entry.stateHash());
        node.put("prevHash", entry.prevHash());
        node.put("hash", entry.hash());
        HistoryEntry.Checkpoint checkpoint = entry.checkpoint();
        if (checkpoint != null) {
            node.putObject("checkpoint").put("state", checkpoint.state()).put("stateVersion", checkpoint.stateVersion());
        }
        return node;
    }

    /** Microseconds since 1970-01-01T00:00:00Z, as the entry hash encodes {@code at}. */
    public static long epochMicros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }
}
