package dev.troupe.sqlite;

import dev.troupe.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * A small pool of read-only connections. At most {@code size} reads run at once; further readers
 * wait for a connection. Connections are opened on first need and kept until {@link #close()}; one
 * that is in use when the pool closes is closed when it comes back.
 */
final class ReaderPool implements AutoCloseable {
    private final SqliteConnections connections;
    private final Semaphore permits;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    ReaderPool(SqliteConnections connections, int size) {
        this.connections = connections;
        this.permits = new Semaphore(size, true);
    }

    /**
     * Runs {@code work} on a connection of the pool.
     *
     * @throws StoreException if the pool is closed or the thread is interrupted while waiting
     */
    <T> T read(SqlReadWork<T> work) throws SQLException {
        acquire();
        Connection connection = null;
        try {
            if (closed) {
                throw new StoreException("the store is closed");
            }
            connection = idle.poll();
            if (connection == null) {
                connection = connections.openReader();
            }
            return work.run(connection);
        } finally {
            if (connection != null) {
                giveBack(connection);
            }
            permits.release();
        }
    }

    private void acquire() {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a read connection", e);
        }
    }

    private void giveBack(Connection connection) throws SQLException {
        idle.add(connection);
        if (closed) {
            closeIdle();
        }
    }

    /**
     * Closes the idle connections now and the others as they come back.
     *
     * @throws SQLException if a connection fails to close; the others are closed all the same
     */
    @Override
    public void close() throws SQLException {
        closed = true;
        closeIdle();
    }

    private void closeIdle() throws SQLException {
        SQLException failure = null;
        for (Connection connection = idle.poll(); connection != null; connection = idle.poll()) {
            try {
                connection.close();
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
