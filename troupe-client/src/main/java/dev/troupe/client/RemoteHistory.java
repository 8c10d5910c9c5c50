package dev.troupe.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.Key;
import dev.troupe.history.ChainCheck;
import dev.troupe.history.Verification;
import dev.troupe.store.HistoryEntry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * An actor's turn history over HTTP ({@code /v1/actors/{type}/history}), checked here: {@link #verify}
 * pages through the retained chain and recomputes every hash with the runtime's own
 * {@link ChainCheck}, so a server (or anything between) that changed, dropped, reordered or inserted
 * an entry is caught, and the first bad position named. Needs {@code #history}, which clients have
 * only where a rule grants it by name (else {@code auth/forbidden}). Thread-safe; each page is one
 * blocking request.
 */
public final class RemoteHistory {
    private final WireHttp wire;
    private final URI base;
    private final String type;
    private final Key key;

    RemoteHistory(WireHttp wire, URI base, String type, Key key) {
        this.wire = wire;
        this.base = base;
        this.type = type;
        this.key = key;
    }

    /**
     * The retained entries from seq {@code from} (1 or less: from the oldest retained), at most
     * {@code limit} (1 to {@link TroupeClient#MAX_PAGE}), as the server sent them, unchecked.
     *
     * @throws IllegalArgumentException if {@code limit} is out of range
     */
    public HistoryPage page(long from, int limit) {
        if (limit < 1 || limit > TroupeClient.MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1 to " + TroupeClient.MAX_PAGE + ": " + limit);
        }
        String keys = HttpInvoker.keyQuery(key);
        String query = (keys.isEmpty() ? "?" : keys + "&") + "from=" + Math.max(1, from) + "&limit=" + limit;
        JsonNode json = wire.send(HttpRequest.newBuilder(base.resolve("/v1/actors/" + type + "/history" + query)).GET(),
                "history of " + type + " " + key);
        List<HistoryEntry> entries = new ArrayList<>();
        for (JsonNode entry : json.path("entries")) {
            entries.add(HistoryFollowing.entry(entry));
        }
        JsonNode next = json.path("next");
        return new HistoryPage(json.path("actorId").asText(), entries,
                next.canConvertToLong() && !next.isNull() ? next.asLong() : null);
    }

    /**
     * Reads the whole retained chain, oldest first, a page of {@link TroupeClient#MAX_PAGE} at a time,
     * and checks it as {@code History.verify()} does on the server (apart from comparing the newest
     * state hash with the stored state, which a client does not hold): the verdict names the first bad
     * position. A page that repeats or skips positions fails there too.
     */
    public Verification verify() {
        HistoryPage page = page(1, TroupeClient.MAX_PAGE);
        ChainCheck check = new ChainCheck(page.actorId());
        while (true) {
            for (HistoryEntry entry : page.entries()) {
                if (!check.accept(entry)) {
                    return check.verdict();
                }
            }
            Long next = page.next();
            if (next == null) {
                return check.verdict();
            }
            page = page(next, TroupeClient.MAX_PAGE);
        }
    }
}
