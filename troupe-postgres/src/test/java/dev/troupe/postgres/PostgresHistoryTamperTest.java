package dev.troupe.postgres;

import dev.troupe.store.Store;
import dev.troupe.testing.AbstractHistoryTamperTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Tampering with the history rows of a PostgreSQL database is detected; see {@link AbstractHistoryTamperTest}. */
class PostgresHistoryTamperTest extends AbstractHistoryTamperTest {
    private final String jdbcUrl = EmbeddedPostgresSupport.newDatabaseUrl();

    @Override
    protected Store openStore() {
        return PostgresStore.open(jdbcUrl, EmbeddedPostgresSupport.USER, null);
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, EmbeddedPostgresSupport.USER, null);
    }

    @Override
    protected String historyTable() {
        return "troupe_history";
    }
}
