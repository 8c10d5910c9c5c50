package dev.troupe.postgres;

import dev.troupe.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database's schema up to the latest {@link Migration}, recording each applied version in
 * {@code troupe_schema_version}.
 *
 * <p>All pending migrations run in one transaction that first takes a transaction-level advisory lock,
 * so processes that start at the same time apply each migration exactly once: the others wait for the
 * lock and then find nothing left to do. A failed migration rolls back entirely. A database whose
 * schema is newer than this code knows is refused rather than used.
 */
final class SchemaMigrator {
    /** The advisory lock key that serialises migrations: "troupe" in ASCII. */
    static final long LOCK_KEY = 0x74726f757065L;

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    private final List<Migration> migrations;

    /**
     * @param migrations the schema's migrations, from version 1 in increasing order; a number may be
     *                   skipped (numbers are reserved per feature branch, and one may land first)
     */
    SchemaMigrator(List<Migration> migrations) {
        int previous = 0;
        for (int i = 0; i < migrations.size(); i++) {
            int version = migrations.get(i).version();
            if (i == 0 ? version != 1 : version <= previous) {
                throw new IllegalArgumentException("migration " + i + " has version " + version
                        + ", expected " + (i == 0 ? "1" : "more than " + previous));
            }
            previous = version;
        }
        this.migrations = List.copyOf(migrations);
    }

    /** The version the migrations lead to. */
    int latestVersion() {
        return migrations.isEmpty() ? 0 : migrations.getLast().version();
    }

    /**
     * Applies the pending migrations.
     *
     * @return the schema version the database was at before
     * @throws StoreException if a migration fails (then none of this call's migrations is applied) or
     *                        the database's schema is newer than {@link #latestVersion()}
     */
    int migrate(Jdbc jdbc) {
        int before = jdbc.transaction("migrating the schema", this::migrateLocked);
        if (before < latestVersion()) {
            LOG.info("Migrated the Troupe schema from version {} to {}", before, latestVersion());
        } else {
            LOG.debug("The Troupe schema is at version {}", before);
        }
        return before;
    }

    private int migrateLocked(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            lock.execute();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS troupe_schema_version (
                        version     integer PRIMARY KEY,
                        description text NOT NULL,
                        applied_at  timestamptz NOT NULL DEFAULT now()
                    )""");
        }
        int current = currentVersion(connection);
        if (current > latestVersion()) {
            throw new StoreException("the database's Troupe schema is at version " + current
                    + ", newer than this version of Troupe supports (" + latestVersion()
                    + "); upgrade Troupe");
        }
        for (Migration migration : migrations) {
            if (migration.version() > current) {
                apply(connection, migration);
            }
        }
        return current;
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT coalesce(max(version), 0) FROM troupe_schema_version")) {
            row.next();
            return row.getInt(1);
        }
    }

    private static void apply(Connection connection, Migration migration) throws SQLException {
        LOG.info("Applying Troupe schema migration {}: {}", migration.version(), migration.description());
        try (Statement statement = connection.createStatement()) {
            for (String sql : migration.statements()) {
                statement.execute(sql);
            }
        }
        try (PreparedStatement record = connection.prepareStatement(
                "INSERT INTO troupe_schema_version (version, description) VALUES (?, ?)")) {
            record.setInt(1, migration.version());
            record.setString(2, migration.description());
            record.executeUpdate();
        }
    }
}
