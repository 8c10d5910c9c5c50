package dev.troupe.sqlite;

import dev.troupe.Key;
import dev.troupe.store.ActorRecord;
import dev.troupe.store.ActorWrite;
import dev.troupe.store.CommitResult;
import dev.troupe.store.DueSchedule;
import dev.troupe.store.HistoryEntry;
import dev.troupe.store.ScheduleRecord;
import dev.troupe.store.Store;
import dev.troupe.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default {@link Store}: one SQLite database file, {@value #DATABASE_FILE}, in a data
 * directory.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Durable when a method returns.</b> The database runs in WAL mode with
 *       {@code synchronous=FULL}: every create, activate, commit and destroy is one transaction whose
 *       WAL frames are synced to disk before the method returns, so it survives a process crash and a
 *       power loss. A method that throws {@link StoreException} has changed nothing; for
 *       {@link #commit} that means none of the batch.</li>
 *   <li><b>One file.</b> Everything lives in {@value #DATABASE_FILE} (SQLite keeps its {@code -wal} and
 *       {@code -shm} companions beside it while the store is open). The store creates and migrates its
 *       own schema, recorded in the {@code schema_version} table; a file written by a newer schema is
 *       refused.</li>
 *   <li><b>Thread-safe.</b> Writes go through one connection, one at a time. Reads use a small pool of
 *       read-only connections and run concurrently with each other and with the writer, each seeing
 *       every write that returned before it started.</li>
 *   <li><b>One process.</b> A data directory is meant for one open store at a time; fencing between
 *       two processes is not this store's job.</li>
 *   <li>Instants are kept to the microsecond, truncated towards the past. Actor and schedule ids are
 *       ordered by their UTF-8 bytes, which is {@link String} order for the ASCII ids Troupe uses.</li>
 * </ul>
 */
public final class SqliteStore implements Store {
    /** The name of the database file in the data directory. */
    public static final String DATABASE_FILE = "troupe.db";

    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
    private static final int READERS = 4;

    private final Path databaseFile;
    private final SqliteWriter writer;
    private final SqliteReader reader;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SqliteStore(Path databaseFile, SqliteWriter writer, SqliteReader reader) {
        this.databaseFile = databaseFile;
        this.writer = writer;
        this.reader = reader;
    }

    /**
     * Opens the store in {@code dataDirectory}, creating the directory and the database if needed and
     * migrating the schema to the current version.
     *
     * @throws StoreException if the directory cannot be created, or the file cannot be opened as a
     *                        Troupe database (not a database, corrupt, unwritable, or from a newer
     *                        version); the message names the path
     */
    public static SqliteStore open(Path dataDirectory) {
        Path directory = dataDirectory.toAbsolutePath();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + directory + ": " + e, e);
        }
        Path databaseFile = directory.resolve(DATABASE_FILE);
        SqliteConnections connections = new SqliteConnections(databaseFile);
        SqliteWriter writer;
        try {
            writer = SqliteWriter.open(connections);
        } catch (SQLException | StoreException e) {
            throw new StoreException("cannot open the Troupe database " + databaseFile + ": " + e.getMessage(), e);
        }
        LOG.info("Opened the SQLite store {} (schema version {})", databaseFile, Schema.latestVersion());
        return new SqliteStore(databaseFile, writer, new SqliteReader(new ReaderPool(connections, READERS)));
    }

    /** The database file this store keeps everything in. */
    public Path databaseFile() {
        return databaseFile;
    }

    @Override
    public Optional<ActorRecord> find(String type, Key key) {
        return call("find", () -> reader.find(type, key));
    }

    @Override
    public Optional<ActorRecord> findById(String id) {
        return call("findById", () -> reader.findById(id));
    }

    @Override
    public Optional<ActorRecord> activate(String type, Key key) {
        return call("activate", () -> writer.activate(type, key));
    }

    @Override
    public boolean create(ActorRecord record, List<ScheduleRecord> schedules, List<HistoryEntry> history) {
        return call("create", () -> writer.create(record, schedules, history));
    }

    @Override
    public CommitResult commit(List<ActorWrite> writes) {
        return call("commit", () -> writer.commit(writes));
    }

    @Override
    public boolean destroy(String actorId, long epoch) {
        return call("destroy", () -> writer.destroy(actorId, epoch));
    }

    @Override
    public List<DueSchedule> dueSchedules(Instant until, int limit) {
        return call("dueSchedules", () -> reader.dueSchedules(until, limit));
    }

    @Override
    public Optional<Instant> nextDueAt() {
        return call("nextDueAt", reader::nextDueAt);
    }

    @Override
    public List<ActorRecord> scan(String type, Key keyPrefix, @Nullable String afterId, int limit) {
        return call("scan", () -> reader.scan(type, keyPrefix, afterId, limit));
    }

    @Override
    public List<ActorRecord> children(String parentId, int limit) {
        return call("children", () -> reader.children(parentId, limit));
    }

    @Override
    public List<HistoryEntry> history(String actorId, long fromSeq, int limit) {
        return call("history", () -> reader.history(actorId, fromSeq, limit));
    }

    @Override
    public Optional<HistoryEntry> lastHistoryEntry(String actorId) {
        return call("lastHistoryEntry", () -> reader.lastHistoryEntry(actorId));
    }

    @Override
    public Optional<HistoryEntry> checkpointAtOrBefore(String actorId, long seq) {
        return call("checkpointAtOrBefore", () -> reader.checkpointAtOrBefore(actorId, seq));
    }

    /**
     * Closes the read connections and then the writer, after the write in progress, if any. Reads in
     * progress finish on their connections, which close when they are done.
     *
     * @throws StoreException if a connection failed to close; the others are closed all the same
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        StoreException failure = null;
        try {
            reader.close();
        } catch (SQLException e) {
            failure = new StoreException("closing the read connections of " + databaseFile + " failed", e);
        }
        try {
            writer.close();
        } catch (SQLException e) {
            StoreException writerFailure = new StoreException("closing the writer of " + databaseFile + " failed", e);
            if (failure == null) {
                failure = writerFailure;
            } else {
                failure.addSuppressed(writerFailure);
            }
        }
        if (failure != null) {
            throw failure;
        }
        LOG.info("Closed the SQLite store {}", databaseFile);
    }

    private <T> T call(String operation, SqlWork<T> work) {
        if (closed.get()) {
            throw new StoreException("the SQLite store " + databaseFile + " is closed");
        }
        try {
            return work.run();
        } catch (SQLException e) {
            throw new StoreException(operation + " on the SQLite store " + databaseFile + " failed: " + e.getMessage(), e);
        }
    }
}
