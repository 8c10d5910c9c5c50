package dev.troupe.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs work in one SQLite write transaction: {@code BEGIN IMMEDIATE} (the write lock is taken up
 * front, so the transaction cannot fail half-way for want of it), then {@code COMMIT}, or
 * {@code ROLLBACK} if anything in between throws, so that nothing of the work stays applied.
 *
 * <p>The connection stays in JDBC auto-commit mode; the transaction is delimited explicitly so that no
 * transaction is left open between calls.
 */
final class Transactions {

    private Transactions() {
    }

    /** Runs {@code work} in a write transaction on {@code connection} and returns its result. */
    static <T> T inWriteTransaction(Connection connection, SqlWork<T> work) throws SQLException {
        execute(connection, "BEGIN IMMEDIATE");
        try {
            T result = work.run();
            execute(connection, "COMMIT");
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            rollback(connection, e);
            throw e;
        }
    }

    /**
     * Rolls back; a failure to do so travels as a suppressed exception of {@code cause}. (SQLite ends a
     * transaction by itself after some errors, such as an I/O error during {@code COMMIT}; the
     * {@code ROLLBACK} then reports that no transaction is active.)
     */
    private static void rollback(Connection connection, Throwable cause) {
        try {
            execute(connection, "ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
