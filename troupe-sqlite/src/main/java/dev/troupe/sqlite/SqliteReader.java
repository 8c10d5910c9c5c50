package dev.troupe.sqlite;

import dev.troupe.Key;
import dev.troupe.store.ActorRecord;
import dev.troupe.store.DueSchedule;
import dev.troupe.store.HistoryEntry;
import dev.troupe.store.KeyRange;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The store's queries, each one statement on a connection from the {@link ReaderPool}. A statement
 * reads one consistent snapshot, and in WAL mode it runs concurrently with the writer and sees every
 * transaction committed before it started.
 */
final class SqliteReader implements AutoCloseable {
    private static final String SELECT_ACTORS = "SELECT " + Rows.ACTOR_COLUMNS + " FROM actors ";
    private static final String SELECT_INDEXED_HISTORY = "SELECT " + Rows.JOURNAL_COLUMNS
            + " FROM history_index i JOIN history h ON h.id = i.entry ";

    private final ReaderPool pool;

    SqliteReader(ReaderPool pool) {
        this.pool = pool;
    }

    /** See {@link dev.troupe.store.Store#find}. */
    Optional<ActorRecord> find(String type, Key key) throws SQLException {
        return pool.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(SELECT_ACTORS + "WHERE type = ? AND key = ?")) {
                query.setString(1, type);
                query.setString(2, key.toJson());
                return single(query);
            }
        });
    }

    /** See {@link dev.troupe.store.Store#findById}. */
    Optional<ActorRecord> findById(String id) throws SQLException {
        return pool.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(SELECT_ACTORS + "WHERE id = ?")) {
                query.setString(1, id);
                return single(query);
            }
        });
    }

    /** See {@link dev.troupe.store.Store#dueSchedules}. */
    List<DueSchedule> dueSchedules(Instant until, int limit) throws SQLException {
        if (limit <= 0) {
            return List.of();
        }
        return pool.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + Rows.DUE_SCHEDULE_COLUMNS + """
                     FROM schedules s JOIN actors a ON a.id = s.actor_id
                    WHERE s.due_at <= ?
                    ORDER BY s.due_at, s.id
                    LIMIT ?""")) {
                query.setLong(1, Micros.bound(until));
                query.setInt(2, limit);
                List<DueSchedule> due = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        due.add(Rows.dueSchedule(rows));
                    }
                }
                return due;
            }
        });
    }

    /** See {@link dev.troupe.store.Store#nextDueAt}. */
    Optional<Instant> nextDueAt() throws SQLException {
        return pool.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT MIN(due_at) FROM schedules");
                 ResultSet row = query.executeQuery()) {
                row.next();
                long micros = row.getLong(1);
                return row.wasNull() ? Optional.empty() : Optional.of(Micros.toInstant(micros));
            }
        });
    }

    /**
     * See {@link dev.troupe.store.Store#scan(String, Key, String, int)}. A key prefix is one range of
     * the key text ({@link KeyRange}), which the {@code (type, key)} index serves; without one the
     * {@code (type, id)} index serves the id order.
     */
    List<ActorRecord> scan(String type, Key keyPrefix, @Nullable String afterId, int limit) throws SQLException {
        if (limit <= 0) {
            return List.of();
        }
        boolean prefixed = keyPrefix.size() > 0;
        return pool.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(SELECT_ACTORS + "WHERE type = ? AND id > ? "
                    + (prefixed ? "AND " + KeyRange.condition("key") + " " : "") + "ORDER BY id LIMIT ?")) {
                int parameter = 1;
                query.setString(parameter++, type);
                query.setString(parameter++, afterId == null ? "" : afterId);
                for (String value : prefixed ? KeyRange.of(keyPrefix).parameters() : List.<String>of()) {
                    query.setString(parameter++, value);
                }
                query.setInt(parameter, limit);
                return list(query);
            }
        });
    }

    /** See {@link dev.troupe.store.Store#children}. */
    List<ActorRecord> children(String parentId, int limit) throws SQLException {
        if (limit <= 0) {
            return List.of();
        }
        return pool.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(SELECT_ACTORS
                    + "WHERE parent_id = ? ORDER BY id LIMIT ?")) {
                query.setString(1, parentId);
                query.setInt(2, limit);
                return list(query);
            }
        });
    }

    /** See {@link dev.troupe.store.Store#storage}. */
    NavigableMap<String, byte[]> storage(String actorId) throws SQLException {
        return pool.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT key, value FROM actor_storage WHERE actor_id = ? ORDER BY key")) {
                query.setString(1, actorId);
                TreeMap<String, byte[]> values = new TreeMap<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        values.put(rows.getString(1), rows.getBytes(2));
                    }
                }
                return values;
            }
        });
    }

    /**
     * Whether the history journal holds entries the index does not cover yet (see {@link HistoryJournal}):
     * {@link #history} and {@link #checkpointAtOrBefore} read through the index only.
     */
    boolean historyIndexBehind() throws SQLException {
        return pool.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT (SELECT coalesce(max(id), 0) FROM history) > (SELECT upto FROM history_indexed)");
                 ResultSet row = query.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        });
    }

    /** See {@link dev.troupe.store.Store#history}. */
    List<HistoryEntry> history(String actorId, long fromSeq, int limit) throws SQLException {
        if (limit <= 0) {
            return List.of();
        }
        return pool.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(SELECT_INDEXED_HISTORY
                    + "WHERE i.actor_id = ? AND i.seq >= ? ORDER BY i.seq LIMIT ?")) {
                query.setString(1, actorId);
                query.setLong(2, fromSeq);
                query.setInt(3, limit);
                return entries(query);
            }
        });
    }

    /** See {@link dev.troupe.store.Store#lastHistoryEntry}. */
    Optional<HistoryEntry> lastHistoryEntry(String actorId) throws SQLException {
        return pool.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + Rows.HISTORY_COLUMNS
                    + " FROM history WHERE id = (SELECT history_head FROM actors WHERE id = ?)")) {
                query.setString(1, actorId);
                return entries(query).stream().findFirst();
            }
        });
    }

    /** See {@link dev.troupe.store.Store#checkpointAtOrBefore}. */
    Optional<HistoryEntry> checkpointAtOrBefore(String actorId, long seq) throws SQLException {
        return pool.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(SELECT_INDEXED_HISTORY
                    + "WHERE i.actor_id = ? AND i.seq <= ? AND h.checkpoint IS NOT NULL ORDER BY i.seq DESC LIMIT 1")) {
                query.setString(1, actorId);
                query.setLong(2, seq);
                return entries(query).stream().findFirst();
            }
        });
    }

    private static List<HistoryEntry> entries(PreparedStatement query) throws SQLException {
        List<HistoryEntry> entries = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                entries.add(Rows.history(rows));
            }
        }
        return entries;
    }

    /** Closes the pool's connections. */
    @Override
    public void close() throws SQLException {
        pool.close();
    }

    private static Optional<ActorRecord> single(PreparedStatement query) throws SQLException {
        try (ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.of(Rows.actor(row)) : Optional.empty();
        }
    }

    private static List<ActorRecord> list(PreparedStatement query) throws SQLException {
        List<ActorRecord> actors = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                actors.add(Rows.actor(rows));
            }
        }
        return actors;
    }
}
