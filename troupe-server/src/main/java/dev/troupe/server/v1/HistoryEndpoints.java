package dev.troupe.server.v1;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.history.History;
import dev.troupe.history.HistoryJson;
import dev.troupe.history.Verification;
import dev.troupe.json.Json;
import dev.troupe.server.protocol.Exchange;
import dev.troupe.store.HistoryEntry;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The history routes of wire protocol v1 ({@code docs/history.md}): page through an actor's entries,
 * verify its chain, reconstruct its state at a position, export the chain as JSON Lines. Each needs {@code #history}, which the
 * runtime authorises for the caller (denied to clients unless a rule grants it by name). Query
 * parameters are checked before the runtime is asked. Stateless; runs on the request's virtual thread.
 */
final class HistoryEndpoints {
    /** The media type of an export: JSON Lines. */
    static final String EXPORT_TYPE = "application/jsonl";

    private HistoryEndpoints() {
    }

    /**
     * {@code GET /v1/actors/{type}/history?from=&limit=}: {@code {"actorId","entries":[…],"next"}}, the
     * retained entries from seq {@code from} (default 1), {@code next} the seq to ask for next, or null
     * at the end.
     */
    static void entries(Exchange ex, String typeName) {
        long from = Paging.number(ex, "from", 1, Long.MAX_VALUE, 1);
        int limit = Paging.limit(ex);
        History history = history(ex, typeName);
        List<HistoryEntry> page = history.entries(from, limit + 1);
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("actorId", history.actorId());
        ArrayNode entries = answer.putArray("entries");
        page.stream().limit(limit).forEach(entry -> entries.add(HistoryJson.entry(entry)));
        if (page.size() > limit) {
            answer.put("next", page.get(limit).seq());
        } else {
            answer.putNull("next");
        }
        ex.json(200, answer);
    }

    /** {@code GET /v1/actors/{type}/history/verify}: the verdict of {@link History#verify()}. */
    static void verify(Exchange ex, String typeName) {
        History history = history(ex, typeName);
        Verification verification = history.verify();
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("actorId", history.actorId());
        answer.put("valid", verification.valid());
        answer.put("entries", verification.entries());
        answer.put("firstSeq", verification.firstSeq());
        answer.put("lastSeq", verification.lastSeq());
        if (verification.firstBadSeq() == null) {
            answer.putNull("firstBadSeq");
            answer.putNull("problem");
        } else {
            answer.put("firstBadSeq", verification.firstBadSeq());
            answer.put("problem", verification.problem());
        }
        ex.json(200, answer);
    }

    /** {@code GET /v1/actors/{type}/history/state?seq=}: {@code {"seq","state"}}, see {@link History#stateAt}. */
    static void state(Exchange ex, String typeName) {
        if (ex.queryValue("seq") == null) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "query parameter 'seq' is required",
                    Map.of("parameter", "seq"));
        }
        long seq = Paging.number(ex, "seq", 1, Long.MAX_VALUE, 1);
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("seq", seq);
        answer.set("state", history(ex, typeName).stateAt(seq));
        ex.json(200, answer);
    }

    /**
     * {@code GET /v1/actors/{type}/history/export}: the retained chain as JSON Lines
     * ({@link History#export}), streamed as the store is read.
     */
    static void export(Exchange ex, String typeName) throws IOException {
        History history = history(ex, typeName);
        ex.stream(200, EXPORT_TYPE, history::export);
    }

    private static History history(Exchange ex, String typeName) {
        return ex.gateway().host().history(Addressing.address(ex, new Target.ByKey(typeName)), ex.caller());
    }
}
