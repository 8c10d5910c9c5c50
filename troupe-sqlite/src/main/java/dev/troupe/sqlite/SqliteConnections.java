package dev.troupe.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * Opens the JDBC connections to one database file, each configured the way the store relies on:
 * {@code synchronous=FULL} (a commit is on disk when it returns), foreign keys enforced (so deleting an
 * actor cascades to its schedules; its history goes through the history's index) and a busy timeout.
 * The writer also switches the file to WAL, which lets readers run concurrently with it; readers are
 * {@code query_only}.
 */
final class SqliteConnections {
    /** How long a connection waits for a lock held by another connection before failing. */
    static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private final Path databaseFile;
    private final String url;

    SqliteConnections(Path databaseFile) {
        this.databaseFile = databaseFile;
        this.url = "jdbc:sqlite:" + databaseFile;
    }

    /** The database file the connections open. */
    Path databaseFile() {
        return databaseFile;
    }

    /**
     * Opens the one connection that writes, and makes sure the file is in WAL mode.
     *
     * @throws SQLException if the file cannot be opened, is not a database, or refuses WAL mode
     */
    Connection openWriter() throws SQLException {
        SQLiteConfig config = baseConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        Connection connection = config.createConnection(url);
        try {
            String mode = pragma(connection, "journal_mode");
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new SQLException("the database stayed in journal mode '" + mode + "' instead of WAL");
            }
            return connection;
        } catch (SQLException e) {
            closeAfterFailure(connection, e);
            throw e;
        }
    }

    /**
     * Opens a connection that may only read.
     *
     * @throws SQLException if the file cannot be opened
     */
    Connection openReader() throws SQLException {
        Connection connection = baseConfig().createConnection(url);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA query_only = ON");
            return connection;
        } catch (SQLException e) {
            closeAfterFailure(connection, e);
            throw e;
        }
    }

    /** The value of a PRAGMA on {@code connection}, as text. */
    static String pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA " + name)) {
            if (!result.next()) {
                throw new SQLException("PRAGMA " + name + " returned no value");
            }
            return result.getString(1);
        }
    }

    private static SQLiteConfig baseConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        return config;
    }

    private static void closeAfterFailure(Connection connection, SQLException failure) {
        try {
            connection.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
