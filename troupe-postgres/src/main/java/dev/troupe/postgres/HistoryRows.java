package dev.troupe.postgres;

import dev.troupe.store.HistoryEntry;
import dev.troupe.store.HistoryPrune;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Writes and reads {@code troupe_history}. Hashes are kept as {@code bytea} (the SPI's lower-case hex
 * on the way in and out), instants as {@code timestamptz}; every other field is text kept byte for
 * byte. Appends of one transaction go in one JDBC batch.
 */
final class HistoryRows {
    private static final HexFormat HEX = HexFormat.of();
    private static final String COLUMNS =
            "seq, at, caller, message, result, effects, state_hash, prev_hash, hash, checkpoint, checkpoint_version";
    private static final String APPEND = "INSERT INTO troupe_history (actor_id, " + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String PRUNE = """
            DELETE FROM troupe_history WHERE actor_id = ? AND seq < (
                SELECT max(seq) FROM troupe_history
                WHERE actor_id = ? AND checkpoint IS NOT NULL AND seq <= ? AND at <= ?)""";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM troupe_history ";
    static final String PAGE = SELECT + "WHERE actor_id = ? AND seq >= ? ORDER BY seq LIMIT ?";
    static final String LAST = SELECT + "WHERE actor_id = ? ORDER BY seq DESC LIMIT 1";
    static final String CHECKPOINT = SELECT
            + "WHERE actor_id = ? AND seq <= ? AND checkpoint IS NOT NULL ORDER BY seq DESC LIMIT 1";

    /** One actor's entries to append, as a write or a create carries them. */
    record Appended(String actorId, List<HistoryEntry> entries) {
    }

    private HistoryRows() {
    }

    /** Appends the entries, in order, in the caller's transaction. */
    static void append(Connection connection, List<Appended> appends) throws SQLException {
        if (appends.isEmpty() || appends.stream().allMatch(append -> append.entries().isEmpty())) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(APPEND)) {
            for (Appended append : appends) {
                for (HistoryEntry entry : append.entries()) {
                    bind(insert, append.actorId(), entry);
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private static void bind(PreparedStatement insert, String actorId, HistoryEntry entry) throws SQLException {
        insert.setString(1, actorId);
        insert.setLong(2, entry.seq());
        insert.setObject(3, Timestamps.toColumn(entry.at()));
        insert.setString(4, entry.caller());
        insert.setString(5, entry.message());
        insert.setString(6, entry.outcome());
        insert.setString(7, entry.effects());
        insert.setBytes(8, HEX.parseHex(entry.stateHash()));
        insert.setBytes(9, entry.prevHash() == null ? null : HEX.parseHex(entry.prevHash()));
        insert.setBytes(10, HEX.parseHex(entry.hash()));
        HistoryEntry.Checkpoint checkpoint = entry.checkpoint();
        insert.setString(11, checkpoint == null ? null : checkpoint.state());
        if (checkpoint == null) {
            insert.setNull(12, Types.INTEGER);
        } else {
            insert.setInt(12, checkpoint.stateVersion());
        }
    }

    /** Applies a retention step for {@code actorId}, see {@link HistoryPrune}. */
    static void prune(Connection connection, String actorId, HistoryPrune prune) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(PRUNE)) {
            delete.setString(1, actorId);
            delete.setString(2, actorId);
            delete.setLong(3, prune.seqAtMost());
            delete.setObject(4, Timestamps.toBound(prune.atOrBefore()));
            delete.executeUpdate();
        }
    }

    /** Runs one of this class's queries for {@code actorId}, then binding {@code numbers} in order. */
    static List<HistoryEntry> query(Connection connection, String sql, String actorId, long... numbers)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, actorId);
            for (int i = 0; i < numbers.length; i++) {
                query.setLong(i + 2, numbers[i]);
            }
            List<HistoryEntry> entries = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entries.add(read(rows));
                }
            }
            return entries;
        }
    }

    /** The first entry a query returns, if any. */
    static Optional<HistoryEntry> first(List<HistoryEntry> entries) {
        return entries.stream().findFirst();
    }

    private static HistoryEntry read(ResultSet row) throws SQLException {
        byte[] prev = row.getBytes("prev_hash");
        String checkpoint = row.getString("checkpoint");
        return new HistoryEntry(row.getLong("seq"), Timestamps.read(row, "at"), row.getString("caller"),
                row.getString("message"), row.getString("result"), row.getString("effects"),
                HEX.formatHex(row.getBytes("state_hash")), prev == null ? null : HEX.formatHex(prev),
                HEX.formatHex(row.getBytes("hash")),
                checkpoint == null ? null : new HistoryEntry.Checkpoint(checkpoint, row.getInt("checkpoint_version")));
    }
}
