package dev.troupe.sqlite;

import dev.troupe.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's schema and its migrations. {@link #migrate} brings a database of any earlier version
 * (including a new, empty file) to {@link #latestVersion()}, applying each pending migration in order
 * in one transaction, and records each in the {@code schema_version} table; on an up-to-date database
 * it changes nothing.
 */
final class Schema {
    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

    /** Every migration, in version order. */
    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "actors, schedules and the history journal", List.of(
                    """
                    CREATE TABLE actors (
                        id            TEXT    NOT NULL PRIMARY KEY,
                        type          TEXT    NOT NULL,
                        key           TEXT    NOT NULL,
                        state         TEXT    NOT NULL,
                        state_version INTEGER NOT NULL,
                        epoch         INTEGER NOT NULL,
                        created_at    INTEGER NOT NULL,
                        updated_at    INTEGER NOT NULL,
                        UNIQUE (type, key)
                    ) STRICT""",
                    "CREATE INDEX actors_by_type ON actors (type, id)",
                    """
                    CREATE TABLE schedules (
                        id       TEXT    NOT NULL PRIMARY KEY,
                        actor_id TEXT    NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
                        due_at   INTEGER NOT NULL,
                        action   TEXT    NOT NULL,
                        args     TEXT    NOT NULL
                    ) STRICT""",
                    "CREATE INDEX schedules_by_due ON schedules (due_at, id)",
                    "CREATE INDEX schedules_by_actor ON schedules (actor_id)",
                    """
                    CREATE TABLE history (
                        actor_id   TEXT    NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
                        seq        INTEGER NOT NULL,
                        at         INTEGER NOT NULL,
                        caller     TEXT    NOT NULL,
                        message    TEXT    NOT NULL,
                        result     TEXT,
                        state_hash TEXT    NOT NULL,
                        prev_hash  TEXT,
                        hash       TEXT    NOT NULL,
                        PRIMARY KEY (actor_id, seq)
                    ) STRICT""")),
            // Version 1 reserved the history table and nothing wrote to it: it is recreated with room
            // for effects and checkpoints. (A WITHOUT ROWID table, clustered by the key, measured
            // slower: its rows are large for one.)
            new Migration(2, "the history journal with effects and checkpoints",
                    List.of("DROP TABLE history",
                    """
                    CREATE TABLE history (
                        actor_id           TEXT    NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
                        seq                INTEGER NOT NULL,
                        at                 INTEGER NOT NULL,
                        caller             TEXT    NOT NULL,
                        message            TEXT    NOT NULL,
                        result             TEXT,
                        effects            TEXT    NOT NULL,
                        state_hash         TEXT    NOT NULL,
                        prev_hash          TEXT,
                        hash               TEXT    NOT NULL,
                        checkpoint         TEXT,
                        checkpoint_version INTEGER,
                        PRIMARY KEY (actor_id, seq)
                    ) STRICT""")),
            // The parent-child link of supervision trees: a child names its parent; the partial index
            // lists a parent's children without touching the actors that have none.
            new Migration(4, "the parent of an actor spawned as a child", List.of(
                    "ALTER TABLE actors ADD COLUMN parent_id TEXT",
                    "CREATE INDEX actors_by_parent ON actors (parent_id, id) WHERE parent_id IS NOT NULL")),
            // Content is kept in chunks of ContentChunks.CHUNK_SIZE, so that neither a put nor a read
            // holds it whole; a label's foreign key keeps labelled content from being deleted.
            new Migration(6, "the content-addressed store: content, its chunks and labels", List.of(
                    """
                    CREATE TABLE content (
                        hash      TEXT    NOT NULL PRIMARY KEY,
                        size      INTEGER NOT NULL,
                        stored_at INTEGER NOT NULL
                    ) STRICT""",
                    """
                    CREATE TABLE content_chunks (
                        hash TEXT    NOT NULL REFERENCES content (hash) ON DELETE CASCADE,
                        idx  INTEGER NOT NULL,
                        data BLOB    NOT NULL,
                        PRIMARY KEY (hash, idx)
                    ) STRICT""",
                    """
                    CREATE TABLE content_labels (
                        name TEXT NOT NULL PRIMARY KEY,
                        hash TEXT NOT NULL REFERENCES content (hash)
                    ) STRICT""",
                    "CREATE INDEX content_labels_by_hash ON content_labels (hash)")),
            // The journal of decision 0012: entries in commit order, keyed by id alone, and their
            // per-actor index kept separately and built in bulk (HistoryJournal); hashes as blobs.
            new Migration(8, "the history as an append-only journal with a lazily built per-actor index", List.of(
                    "ALTER TABLE history RENAME TO history_by_actor",
                    """
                    CREATE TABLE history (
                        id                 INTEGER NOT NULL PRIMARY KEY,
                        actor_id           TEXT    NOT NULL,
                        seq                INTEGER NOT NULL,
                        at                 INTEGER NOT NULL,
                        caller             TEXT    NOT NULL,
                        message            TEXT    NOT NULL,
                        result             TEXT,
                        effects            TEXT    NOT NULL,
                        state_hash         BLOB    NOT NULL,
                        prev_hash          BLOB,
                        hash               BLOB    NOT NULL,
                        checkpoint         TEXT,
                        checkpoint_version INTEGER
                    ) STRICT""",
                    """
                    INSERT INTO history (actor_id, seq, at, caller, message, result, effects, state_hash, prev_hash,
                                         hash, checkpoint, checkpoint_version)
                    SELECT actor_id, seq, at, caller, message, result, effects, unhex(state_hash), unhex(prev_hash),
                           unhex(hash), checkpoint, checkpoint_version
                    FROM history_by_actor ORDER BY actor_id, seq""",
                    "DROP TABLE history_by_actor",
                    """
                    CREATE TABLE history_index (
                        actor_id TEXT    NOT NULL,
                        seq      INTEGER NOT NULL,
                        entry    INTEGER NOT NULL,
                        PRIMARY KEY (actor_id, seq)
                    ) STRICT, WITHOUT ROWID""",
                    "INSERT INTO history_index (actor_id, seq, entry) SELECT actor_id, seq, id FROM history",
                    "CREATE TABLE history_indexed (upto INTEGER NOT NULL) STRICT",
                    "INSERT INTO history_indexed (upto) SELECT coalesce(max(id), 0) FROM history",
                    "ALTER TABLE actors ADD COLUMN history_head INTEGER",
                    "ALTER TABLE actors ADD COLUMN history_seq INTEGER",
                    """
                    UPDATE actors SET
                        history_head = (SELECT entry FROM history_index WHERE actor_id = actors.id
                                        ORDER BY seq DESC LIMIT 1),
                        history_seq  = (SELECT max(seq) FROM history_index WHERE actor_id = actors.id)""")),
            // One-way messages (issue 16): the outbox, the receivers' positions per pair, dead letters.
            new Migration(9, "the outbox of one-way messages, the pairs' positions and dead letters", List.of(
                    """
                    CREATE TABLE outbox (
                        id            TEXT    NOT NULL PRIMARY KEY,
                        sender_id     TEXT    NOT NULL,
                        caller        TEXT    NOT NULL,
                        receiver_type TEXT    NOT NULL,
                        receiver_key  TEXT    NOT NULL,
                        seq           INTEGER NOT NULL,
                        action        TEXT    NOT NULL,
                        args          TEXT    NOT NULL,
                        sent_at       INTEGER NOT NULL,
                        UNIQUE (sender_id, receiver_type, receiver_key, seq)
                    ) STRICT""",
                    """
                    CREATE TABLE message_pairs (
                        sender_id     TEXT    NOT NULL,
                        receiver_type TEXT    NOT NULL,
                        receiver_key  TEXT    NOT NULL,
                        received      INTEGER NOT NULL,
                        PRIMARY KEY (sender_id, receiver_type, receiver_key)
                    ) STRICT, WITHOUT ROWID""",
                    """
                    CREATE TABLE dead_letters (
                        id            TEXT    NOT NULL PRIMARY KEY,
                        sender_id     TEXT    NOT NULL,
                        caller        TEXT    NOT NULL,
                        receiver_type TEXT    NOT NULL,
                        receiver_key  TEXT    NOT NULL,
                        seq           INTEGER NOT NULL,
                        action        TEXT    NOT NULL,
                        args          TEXT    NOT NULL,
                        sent_at       INTEGER NOT NULL,
                        error         TEXT    NOT NULL,
                        dead_at       INTEGER NOT NULL
                    ) STRICT""")),
            // Restarts from the initial state (issue 16) start from the input the child was spawned with.
            new Migration(14, "the input a child was spawned with",
                    List.of("ALTER TABLE actors ADD COLUMN input TEXT")),
            // Each actor's own key-value storage (issue 21), written in its turns' commits. Keyed by
            // actor first, so one actor's keys are one range; deleted with the actor by cascade.
            new Migration(15, "per-actor key-value storage", List.of("""
                    CREATE TABLE actor_storage (
                        actor_id TEXT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
                        key      TEXT NOT NULL,
                        value    BLOB NOT NULL,
                        PRIMARY KEY (actor_id, key)
                    ) STRICT, WITHOUT ROWID""")));

    private Schema() {
    }

    /** The version {@link #migrate} brings a database to. */
    static int latestVersion() {
        return MIGRATIONS.getLast().version();
    }

    /**
     * Applies the pending migrations on the writer connection.
     *
     * @return the schema version the database had before
     * @throws StoreException if the database was written by a newer schema than this code knows
     * @throws SQLException   if a migration fails; then none of the pending ones is applied
     */
    static int migrate(Connection writer) throws SQLException {
        int found = Transactions.inWriteTransaction(writer, () -> {
            try (Statement statement = writer.createStatement()) {
                statement.execute("""
                        CREATE TABLE IF NOT EXISTS schema_version (
                            version     INTEGER NOT NULL PRIMARY KEY,
                            description TEXT    NOT NULL,
                            applied_at  INTEGER NOT NULL
                        ) STRICT""");
                int version = currentVersion(statement);
                if (version > latestVersion()) {
                    throw new StoreException("the database has schema version " + version
                            + ", newer than the latest this Troupe version knows (" + latestVersion()
                            + "); use a newer Troupe");
                }
                for (Migration migration : MIGRATIONS) {
                    if (migration.version() > version) {
                        apply(writer, statement, migration);
                    }
                }
                return version;
            }
        });
        if (found < latestVersion()) {
            LOG.info("Migrated the schema from version {} to {}", found, latestVersion());
        }
        return found;
    }

    private static int currentVersion(Statement statement) throws SQLException {
        try (ResultSet result = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            result.next();
            return result.getInt(1);
        }
    }

    private static void apply(Connection writer, Statement statement, Migration migration) throws SQLException {
        for (String sql : migration.statements()) {
            statement.execute(sql);
        }
        try (PreparedStatement record = writer.prepareStatement(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
            record.setInt(1, migration.version());
            record.setString(2, migration.description());
            record.setLong(3, Micros.of(Instant.now()));
            record.executeUpdate();
        }
    }
}
