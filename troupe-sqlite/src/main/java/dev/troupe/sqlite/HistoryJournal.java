package dev.troupe.sqlite;

import dev.troupe.store.HistoryEntry;
import dev.troupe.store.HistoryPrune;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HexFormat;
import java.util.List;

/*
 * Why a journal and a lazy index (decision 0012). SQLite's WAL logs whole pages. A history table
 * keyed by (actor_id, seq) puts each actor's newest entries on a leaf page of their own, so a commit
 * of N actors' writes rewrote N index pages (about 4 KiB each) for entries of a few hundred bytes:
 * two MB per commit for a few hundred turns, and throughput a tenth of the same load without history.
 *
 * So entries are appended to the journal, `history`, keyed only by its rowid `id`: the entries of a
 * commit fill consecutive pages, whichever actors they belong to. The per-actor index,
 * `history_index (actor_id, seq) -> id`, is brought up to date in bulk (`index`): before a read that
 * needs it, when a retention step or a destroy needs it, and in the background once enough entries
 * are waiting, so each index page is written once for many entries. `history_indexed.upto` is the
 * newest journal id indexed; ids are assigned here in increasing order, so the un-indexed entries are
 * exactly those with a greater id. An actor's newest entry is found without the index: the actor's row
 * keeps its id and seq (`actors.history_head`, `history_seq`), set by the same UPDATE that stores the
 * state, which also checks that the new entries follow (the chain only grows).
 *
 * Everything runs on the writer connection, in the caller's transaction; `begin` starts each one.
 */

/**
 * The SQLite store's history: appends entries to the journal on the commit path and keeps the
 * per-actor index of the journal, built off the commit path in bulk. Hashes are kept as 32-byte
 * blobs (the SPI's lower-case hex on the way in and out).
 */
final class HistoryJournal {
    /** The entries waiting for the index after which the writer indexes them in the background. */
    static final int INDEX_BATCH = 100_000;
    private static final HexFormat HEX = HexFormat.of();

    private final PreparedStatement newestId;
    private final PreparedStatement indexedUpTo;
    private final PreparedStatement append;
    private final PreparedStatement indexRange;
    private final PreparedStatement markIndexed;
    private final PreparedStatement newestIndexedSeq;
    private final PreparedStatement keptCheckpoint;
    private final PreparedStatement dropEntriesBefore;
    private final PreparedStatement dropIndexBefore;
    private long nextId;
    private long unindexed;

    HistoryJournal(Connection connection) throws SQLException {
        newestId = connection.prepareStatement("SELECT coalesce(max(id), 0) FROM history");
        indexedUpTo = connection.prepareStatement("SELECT upto FROM history_indexed");
        append = connection.prepareStatement("INSERT INTO history (id, actor_id, " + Rows.HISTORY_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        indexRange = connection.prepareStatement("""
                INSERT INTO history_index (actor_id, seq, entry)
                SELECT actor_id, seq, id FROM history WHERE id > ? AND id <= ? ORDER BY actor_id, seq
                ON CONFLICT (actor_id, seq) DO UPDATE SET entry = excluded.entry""");
        markIndexed = connection.prepareStatement("UPDATE history_indexed SET upto = ?");
        newestIndexedSeq = connection.prepareStatement("SELECT max(seq) FROM history_index WHERE actor_id = ?");
        keptCheckpoint = connection.prepareStatement("""
                SELECT max(i.seq) FROM history_index i JOIN history h ON h.id = i.entry
                WHERE i.actor_id = ? AND i.seq <= ? AND h.checkpoint IS NOT NULL AND h.at <= ?""");
        dropEntriesBefore = connection.prepareStatement(
                "DELETE FROM history WHERE id IN (SELECT entry FROM history_index WHERE actor_id = ? AND seq < ?)");
        dropIndexBefore = connection.prepareStatement("DELETE FROM history_index WHERE actor_id = ? AND seq < ?");
    }

    /** Starts a transaction: the next journal id is read again when it is first needed. */
    void begin() {
        nextId = 0;
    }

    /** The journal id the last of {@code entries} will get when appended next; they must not be empty. */
    long headAfter(List<HistoryEntry> entries) throws SQLException {
        if (nextId == 0) {
            nextId = single(newestId) + 1;
        }
        return nextId + entries.size() - 1;
    }

    /**
     * Appends {@code entries} of {@code actorId}, taking the ids {@link #headAfter} announced. (That the
     * first follows the actor's newest entry is checked where the head moves, in the actor's row.)
     *
     * @throws SQLException if an entry's seq is not greater than its predecessor's: the chain only grows
     */
    void append(String actorId, List<HistoryEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        headAfter(entries);
        long previous = entries.getFirst().seq() - 1;
        for (HistoryEntry entry : entries) {
            if (entry.seq() <= previous) {
                throw new SQLException("history entry " + entry.seq() + " of actor " + actorId
                        + " does not follow entry " + previous);
            }
            previous = entry.seq();
            bind(nextId++, actorId, entry);
            append.executeUpdate();
        }
        unindexed += entries.size();
    }

    /**
     * Applies a retention step for {@code actorId} ({@link HistoryPrune}) through the index, indexing
     * the journal first if the checkpoint to keep may not be indexed yet.
     */
    void prune(String actorId, HistoryPrune prune) throws SQLException {
        newestIndexedSeq.setString(1, actorId);
        if (single(newestIndexedSeq) < prune.seqAtMost()) {
            index();
        }
        keptCheckpoint.setString(1, actorId);
        keptCheckpoint.setLong(2, prune.seqAtMost());
        keptCheckpoint.setLong(3, Micros.bound(prune.atOrBefore()));
        long kept = single(keptCheckpoint);
        if (kept > 0) {
            dropBefore(actorId, kept);
        }
    }

    /** Deletes all of {@code actorId}'s history. */
    void drop(String actorId) throws SQLException {
        index();
        dropBefore(actorId, Long.MAX_VALUE);
    }

    /** Indexes every journal entry not indexed yet. */
    void index() throws SQLException {
        long from = single(indexedUpTo);
        long to = single(newestId);
        unindexed = 0;
        if (to <= from) {
            return;
        }
        indexRange.setLong(1, from);
        indexRange.setLong(2, to);
        indexRange.executeUpdate();
        markIndexed.setLong(1, to);
        markIndexed.executeUpdate();
    }

    /** Whether so many entries wait for the index that it is worth indexing them now (approximate). */
    boolean worthIndexing() {
        return unindexed >= INDEX_BATCH;
    }

    private void dropBefore(String actorId, long seq) throws SQLException {
        dropEntriesBefore.setString(1, actorId);
        dropEntriesBefore.setLong(2, seq);
        dropEntriesBefore.executeUpdate();
        dropIndexBefore.setString(1, actorId);
        dropIndexBefore.setLong(2, seq);
        dropIndexBefore.executeUpdate();
    }

    private void bind(long id, String actorId, HistoryEntry entry) throws SQLException {
        append.setLong(1, id);
        append.setString(2, actorId);
        append.setLong(3, entry.seq());
        append.setLong(4, Micros.of(entry.at()));
        append.setString(5, entry.caller());
        append.setString(6, entry.message());
        append.setString(7, entry.outcome());
        append.setString(8, entry.effects());
        append.setBytes(9, HEX.parseHex(entry.stateHash()));
        append.setBytes(10, entry.prevHash() == null ? null : HEX.parseHex(entry.prevHash()));
        append.setBytes(11, HEX.parseHex(entry.hash()));
        HistoryEntry.Checkpoint checkpoint = entry.checkpoint();
        append.setString(12, checkpoint == null ? null : checkpoint.state());
        if (checkpoint == null) {
            append.setNull(13, Types.INTEGER);
        } else {
            append.setInt(13, checkpoint.stateVersion());
        }
    }

    /** The one number {@code query} selects; 0 for SQL NULL. */
    private static long single(PreparedStatement query) throws SQLException {
        try (ResultSet row = query.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }
}
