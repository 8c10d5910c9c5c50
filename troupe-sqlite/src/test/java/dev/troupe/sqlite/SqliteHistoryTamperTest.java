package dev.troupe.sqlite;

import dev.troupe.store.Store;
import dev.troupe.testing.AbstractHistoryTamperTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.io.TempDir;

/** Tampering with the history rows of a SQLite database file is detected; see {@link AbstractHistoryTamperTest}. */
class SqliteHistoryTamperTest extends AbstractHistoryTamperTest {
    @TempDir
    Path directory;

    @Override
    protected Store openStore() {
        return SqliteStore.open(directory);
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + directory.resolve(SqliteStore.DATABASE_FILE));
    }
}
