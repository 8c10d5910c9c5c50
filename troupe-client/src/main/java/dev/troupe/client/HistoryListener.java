package dev.troupe.client;

import dev.troupe.TroupeException;
import dev.troupe.store.HistoryEntry;
import java.util.List;

/**
 * Receives an actor's turn history from {@link RemoteConnection#followHistory}: pages of entries in
 * seq order, each entry once, across reconnects. Runs on the client's WebSocket thread; return quickly.
 */
@FunctionalInterface
public interface HistoryListener {

    /** The next entries, in seq order, as the server sent them (see {@code docs/history.md}). */
    void entries(List<HistoryEntry> entries);

    /**
     * The subscription ended: refused ({@code auth/forbidden}, {@code history/disabled}),
     * {@code history/not_retained}, or {@code history/unverifiable} when the entries received do not
     * verify. Nothing more arrives. Does nothing unless overridden.
     */
    default void ended(TroupeException error) {
    }
}
