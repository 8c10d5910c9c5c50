package dev.troupe.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.history.ChainCheck;
import dev.troupe.history.Verification;
import dev.troupe.store.HistoryEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One connection's history subscription: the seq it wants next and the id of the history frame that
 * asked for it. Each (re)subscription asks from the seq after the last entry delivered, so a listener
 * sees every entry once, in order, across reconnects; and each entry is checked against the chain
 * before it is delivered ({@link ChainCheck}), so a broken chain ends the subscription instead of
 * reaching the listener. Guarded by its connection's monitor.
 */
final class HistoryFollowing {
    private final HistoryListener listener;
    private long next;
    private long frameId = -1;
    private @Nullable ChainCheck check;

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

    /** The frame that stops the connection's history subscription on the server. */
    static String stopFrame() {
        return WireJson.MAPPER.createObjectNode().put("type", "stopHistory").toString();
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

    /**
     * The entries of a history frame of this subscription that it has not delivered yet, in order, each
     * checked against the chain delivered before (across reconnects too).
     *
     * @param actorId the id of the connection's actor, which the entry hashes cover
     * @throws TroupeException {@code history/unverifiable} if an entry breaks the chain: then none of
     *                         the frame's entries may be delivered, and the subscription is over
     */
    List<HistoryEntry> take(JsonNode frame, String actorId) {
        if (check == null) {
            check = next <= 1 ? new ChainCheck(actorId) : ChainCheck.from(actorId, next, null);
        }
        List<HistoryEntry> entries = new ArrayList<>();
        for (JsonNode node : frame.path("entries")) {
            HistoryEntry entry = entry(node);
            if (entry.seq() < next) {
                continue;
            }
            if (!check.accept(entry)) {
                Verification verdict = check.verdict();
                throw new TroupeException(ErrorCode.HISTORY_UNVERIFIABLE, "the history does not verify: "
                        + verdict.problem(), Map.of("firstBadSeq", verdict.firstBadSeq()));
            }
            entries.add(entry);
            next = entry.seq() + 1;
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
