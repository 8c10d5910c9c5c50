package dev.troupe.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.store.HistoryEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One connection's history subscription: the seq it wants next and the id of the history frame that
 * asked for it. Each (re)subscription asks from the seq after the last entry delivered, so a listener
 * sees every entry once, in order, across reconnects. Guarded by its connection's monitor.
 */
final class HistoryFollowing {
    private final HistoryListener listener;
    private long next;
    private long frameId = -1;

    HistoryFollowing(long from, HistoryListener listener) {
        if (from < 0) {
            throw new IllegalArgumentException("from must not be negative: " + from);
        }
        this.next = from;
        this.listener = listener;
    }

    HistoryListener listener() {
        return listener;
    }

    /** The history frame that subscribes from the next seq wanted, with frame id {@code id}. */
    String frame(long id) {
        frameId = id;
        return WireJson.MAPPER.createObjectNode().put("type", "history").put("id", id).put("from", next).toString();
    }

    /** Whether a frame with {@code id} answers this subscription's latest history frame. */
    boolean owns(@Nullable JsonNode id) {
        return id != null && id.canConvertToLong() && id.asLong() == frameId;
    }

    /** The entries of a history frame of this subscription that it has not delivered yet, in order. */
    List<HistoryEntry> take(JsonNode frame) {
        List<HistoryEntry> entries = new ArrayList<>();
        for (JsonNode node : frame.path("entries")) {
            HistoryEntry entry = entry(node);
            if (entry.seq() >= next) {
                entries.add(entry);
                next = entry.seq() + 1;
            }
        }
        return entries;
    }

    /** An entry from its wire form; the time from {@code atMicros}, the microseconds the hash covers. */
    static HistoryEntry entry(JsonNode node) {
        long micros = node.path("atMicros").asLong();
        Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        JsonNode checkpoint = node.get("checkpoint");
        return new HistoryEntry(node.path("seq").asLong(), at, node.path("caller").asText(),
                node.path("message").asText(), node.path("outcome").asText(), node.path("effects").asText(),
                node.path("stateHash").asText(), node.path("prevHash").isTextual() ? node.get("prevHash").asText() : null,
                node.path("hash").asText(), checkpoint == null || checkpoint.isNull() ? null
                        : new HistoryEntry.Checkpoint(checkpoint.path("state").asText(),
                                checkpoint.path("stateVersion").asInt()));
    }
}
