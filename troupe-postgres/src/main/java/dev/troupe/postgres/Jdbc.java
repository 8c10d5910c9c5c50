package dev.troupe.postgres;

import dev.troupe.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Runs units of JDBC work on connections from a data source and turns every failure into a
 * {@link StoreException}: a transaction that fails is rolled back, so it leaves nothing behind.
 *
 * <p>Thread-safe: each unit of work takes its own connection and sets the auto-commit mode it needs,
 * relying on the pool to reset a connection's state when it is returned (HikariCP does).
 */
final class Jdbc implements AutoCloseable {

    /** JDBC work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final @Nullable AutoCloseable owned;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param dataSource where connections come from
     * @param owned      what {@link #close()} releases (the pool this store created), or null if the data
     *                   source belongs to the caller
     */
    Jdbc(DataSource dataSource, @Nullable AutoCloseable owned) {
        this.dataSource = dataSource;
        this.owned = owned;
    }

    /** Runs {@code work} in auto-commit mode: each statement commits on its own. */
    <T> T autoCommit(String what, Work<T> work) {
        try (Connection connection = connect()) {
            connection.setAutoCommit(true);
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs {@code work} in one transaction, committed if it returns and rolled back if it throws. */
    <T> T transaction(String what, Work<T> work) {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private Connection connect() throws SQLException {
        if (closed.get()) {
            throw new StoreException("the PostgreSQL store is closed");
        }
        return dataSource.getConnection();
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static StoreException failure(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]";
        return new StoreException("PostgreSQL store: " + what + " failed" + state + ": " + e.getMessage(), e);
    }

    /** Releases the pool this store created, if any; later work fails with a {@link StoreException}. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new StoreException("PostgreSQL store: closing the connection pool failed", e);
            }
        }
    }
}
