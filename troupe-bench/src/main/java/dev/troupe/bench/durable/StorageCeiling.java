package dev.troupe.bench.durable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The storage ceiling of a durable benchmark: plain JDBC on one connection, committing transactions
 * of batched row updates (or inserts) back to back into a table of its own in the same database as the store, at
 * the same durability setting. No actor runtime, no serialisation, no coordination: what the database
 * alone can do with the same kind of work.
 *
 * <p>The table has one row per actor, shaped like an actor row (a UUID id, a small JSON state, a
 * version, an epoch and an update time), and each update is {@code UPDATE ... WHERE id = ? AND epoch = ?}
 * as the stores do. Not thread-safe; the runtime under test must be idle while it runs.
 */
final class StorageCeiling implements AutoCloseable {
    private final Connection connection;
    private final CeilingSql sql;
    private final List<String> ids;
    private long updates;
    private long inserted;

    private StorageCeiling(Connection connection, CeilingSql sql, List<String> ids) {
        this.connection = connection;
        this.sql = sql;
        this.ids = ids;
    }

    /**
     * Creates the ceiling's table with {@code rows} rows on {@code connection}, which the ceiling then
     * owns.
     */
    static StorageCeiling create(Connection connection, CeilingSql sql, int rows) throws SQLException {
        List<String> ids = new ArrayList<>(rows);
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql.createTable());
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(sql.insert())) {
                for (int i = 0; i < rows; i++) {
                    String id = UUID.randomUUID().toString();
                    ids.add(id);
                    insert.setString(1, id);
                    insert.setString(2, "{\"count\":0}");
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new StorageCeiling(connection, sql, List.copyOf(ids));
    }

    /** How many rows the table has, the most one transaction can update distinctly. */
    int rows() {
        return ids.size();
    }

    /**
     * Commits transactions of {@code batch} distinct row updates back to back for {@code duration}.
     *
     * @return rows updated per second
     */
    double updatesPerSecond(int batch, Duration duration) throws SQLException {
        int size = Math.min(Math.max(1, batch), ids.size());
        int[] next = {0};
        try (PreparedStatement update = connection.prepareStatement(sql.update())) {
            return rowsPerSecond(duration, () -> {
                for (int i = 0; i < size; i++) {
                    updates++;
                    update.setString(1, "{\"count\":" + updates + "}");
                    update.setInt(2, 1);
                    update.setLong(3, System.currentTimeMillis() * 1000);
                    update.setString(4, ids.get(next[0]));
                    update.setLong(5, 1);
                    update.addBatch();
                    next[0] = (next[0] + 1) % ids.size();
                }
                update.executeBatch();
                return size;
            });
        }
    }

    /**
     * Commits transactions of {@code batch} inserted rows back to back for {@code duration}: the classic
     * ceiling of an append-only log. The ids ascend, so each insert appends to the primary key's index,
     * as Troupe's time-ordered actor ids do.
     *
     * @return rows inserted per second
     */
    double insertsPerSecond(int batch, Duration duration) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql.insert())) {
            return rowsPerSecond(duration, () -> {
                for (int i = 0; i < batch; i++) {
                    inserted++;
                    insert.setString(1, String.format("appended-%016d", inserted));
                    insert.setString(2, "{\"count\":" + inserted + "}");
                    insert.addBatch();
                }
                insert.executeBatch();
                return batch;
            });
        }
    }

    /** Whether {@link #arrayUpdatesPerSecond} is available (PostgreSQL). */
    boolean hasArrayUpdate() {
        return sql.arrayUpdate() != null;
    }

    /**
     * Like {@link #updatesPerSecond}, but each transaction is one statement updating {@code batch} rows
     * from arrays of ids and states, instead of a JDBC batch of one statement per row.
     *
     * @throws IllegalStateException if the dialect has no array update
     */
    double arrayUpdatesPerSecond(int batch, Duration duration) throws SQLException {
        if (sql.arrayUpdate() == null) {
            throw new IllegalStateException("no array update in this dialect");
        }
        int size = Math.min(Math.max(1, batch), ids.size());
        int[] next = {0};
        try (PreparedStatement update = connection.prepareStatement(sql.arrayUpdate())) {
            return rowsPerSecond(duration, () -> {
                String[] batchIds = new String[size];
                String[] states = new String[size];
                for (int i = 0; i < size; i++) {
                    updates++;
                    batchIds[i] = ids.get(next[0]);
                    states[i] = "{\"count\":" + updates + "}";
                    next[0] = (next[0] + 1) % ids.size();
                }
                update.setLong(1, System.currentTimeMillis() * 1000);
                update.setArray(2, connection.createArrayOf("text", batchIds));
                update.setArray(3, connection.createArrayOf("text", states));
                return update.executeUpdate();
            });
        }
    }

    /** The statements of one transaction; returns the rows they wrote. */
    @FunctionalInterface
    private interface Transaction {
        int write() throws SQLException;
    }

    /** Runs and commits {@code transaction} back to back for {@code duration}; returns rows per second. */
    private double rowsPerSecond(Duration duration, Transaction transaction) throws SQLException {
        long rows = 0;
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        while (System.nanoTime() < deadline) {
            rows += transaction.write();
            connection.commit();
        }
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
