package dev.troupe.client;

import dev.troupe.store.HistoryEntry;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of an actor's turn history as the server sent it ({@code GET /v1/actors/{type}/history}).
 *
 * @param actorId the actor's id, which every entry hash covers
 * @param entries the entries, in seq order
 * @param next    the seq to ask for next, or null after the newest entry
 */
public record HistoryPage(String actorId, List<HistoryEntry> entries, @Nullable Long next) {

    /** Copies the entries. */
    public HistoryPage {
        entries = List.copyOf(entries);
    }
}
