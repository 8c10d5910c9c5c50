package dev.troupe.postgres;

import dev.troupe.store.StorageChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The actors' key–value storage in {@code troupe_storage}: a batch commit's changes, collapsed to the
 * last change of each key (so the upserts and the deletes of one batch touch different keys and may run
 * as two JDBC batches), and an actor's storage read whole.
 */
final class StorageRows {
    private static final String UPSERT = """
            INSERT INTO troupe_storage (actor_id, key, value) VALUES (?, ?, ?)
            ON CONFLICT (actor_id, key) DO UPDATE SET value = excluded.value""";
    private static final String DELETE = "DELETE FROM troupe_storage WHERE actor_id = ? AND key = ?";
    private static final String SELECT = "SELECT key, value FROM troupe_storage WHERE actor_id = ? ORDER BY key";

    /** The storage changes of one applied write. */
    record Changed(String actorId, List<StorageChange> changes) {
    }

    private StorageRows() {
    }

    /** Applies {@code changed}, in order, in the caller's transaction. */
    static void apply(Connection connection, List<Changed> changed) throws SQLException {
        if (changed.isEmpty()) {
            return;
        }
        Map<List<String>, byte[]> last = new LinkedHashMap<>();
        for (Changed write : changed) {
            for (StorageChange change : write.changes()) {
                List<String> target = List.of(write.actorId(), change.key());
                last.remove(target);
                last.put(target, change.value());
            }
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT);
             PreparedStatement delete = connection.prepareStatement(DELETE)) {
            boolean upserts = false;
            boolean deletes = false;
            for (Map.Entry<List<String>, byte[]> entry : last.entrySet()) {
                PreparedStatement statement = entry.getValue() == null ? delete : upsert;
                statement.setString(1, entry.getKey().get(0));
                statement.setString(2, entry.getKey().get(1));
                if (entry.getValue() != null) {
                    statement.setBytes(3, entry.getValue());
                    upserts = true;
                } else {
                    deletes = true;
                }
                statement.addBatch();
            }
            if (upserts) {
                upsert.executeBatch();
            }
            if (deletes) {
                delete.executeBatch();
            }
        }
    }

    /** Every key of {@code actorId} with its value, in key order. */
    static NavigableMap<String, byte[]> read(Connection connection, String actorId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(SELECT)) {
            query.setString(1, actorId);
            TreeMap<String, byte[]> values = new TreeMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.put(rows.getString(1), rows.getBytes(2));
                }
            }
            return values;
        }
    }
}
