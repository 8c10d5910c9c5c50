package dev.troupe.bench.durable;

import dev.troupe.sqlite.SqliteStore;
import dev.troupe.store.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * {@link SqliteStore} in a fresh directory; the ceiling writes to the same database file, in WAL mode
 * with {@code synchronous=FULL} like the store.
 */
final class SqliteUnderTest implements StoreUnderTest {
    private final Path directory;

    SqliteUnderTest(Path directory) {
        this.directory = directory;
    }

    @Override
    public String label() {
        return "SQLite";
    }

    @Override
    public Store openStore() {
        return SqliteStore.open(directory);
    }

    @Override
    public StorageCeiling openCeiling(int rows) throws SQLException {
        return StorageCeiling.create(connect(), CeilingSql.SQLITE, rows);
    }

    @Override
    public Path dataDirectory() {
        return directory;
    }

    @Override
    public List<String> durabilitySettings() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            return List.of("journal_mode=" + pragma(statement, "journal_mode"),
                    "synchronous=" + pragma(statement, "synchronous") + " (2 = FULL)");
        }
    }

    @Override
    public void close() {
        // The runtime closed the store; the files stay in the scratch directory until the next run.
    }

    private Connection connect() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        return config.createConnection("jdbc:sqlite:" + directory.resolve(SqliteStore.DATABASE_FILE));
    }

    private static String pragma(Statement statement, String name) throws SQLException {
        try (ResultSet result = statement.executeQuery("PRAGMA " + name)) {
            result.next();
            return result.getString(1);
        }
    }
}
