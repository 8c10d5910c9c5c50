package dev.troupe.sqlite;

import dev.troupe.ContentHash;
import dev.troupe.ContentInfo;
import dev.troupe.Key;
import dev.troupe.store.ActorRecord;
import dev.troupe.store.ActorWrite;
import dev.troupe.store.CommitResult;
import dev.troupe.store.ContentSource;
import dev.troupe.store.ContentStore;
import dev.troupe.store.DeadLetter;
import dev.troupe.store.DueSchedule;
import dev.troupe.store.HistoryEntry;
import dev.troupe.store.OutboxMessage;
import dev.troupe.store.ScheduleRecord;
import dev.troupe.store.Store;
import dev.troupe.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
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
 *   <li><b>Content</b> ({@link ContentStore}) is kept in chunks of 256 KiB: a put writes the content and
 *       its chunks in one write transaction (which holds the one writer for its length: large puts delay
 *       actor commits meanwhile), and a read fetches one chunk per query as the stream is read.</li>
 *   <li>Instants are kept to the microsecond, truncated towards the past. Actor and schedule ids are
 *       ordered by their UTF-8 bytes, which is {@link String} order for the ASCII ids Troupe uses.</li>
 * </ul>
 */
public final class SqliteStore implements Store, ContentStore {
    /** The name of the database file in the data directory. */
    public static final String DATABASE_FILE = "troupe.db";

    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
    private static final int READERS = 4;

    private final Path databaseFile;
    private final SqliteWriter writer;
    private final SqliteReader reader;
    private final SqliteContentWriter contentWriter;
    private final SqliteContentReader contentReader;
    private final OutboxReads outbox;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SqliteStore(Path databaseFile, SqliteWriter writer, ReaderPool readers) throws SQLException {
        this.databaseFile = databaseFile;
        this.writer = writer;
        this.reader = new SqliteReader(readers);
        this.contentWriter = new SqliteContentWriter(writer);
        this.contentReader = new SqliteContentReader(readers);
        this.outbox = new OutboxReads(readers);
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
        try {
            SqliteStore store = new SqliteStore(databaseFile, writer, new ReaderPool(connections, READERS));
            LOG.info("Opened the SQLite store {} (schema version {})", databaseFile, Schema.latestVersion());
            return store;
        } catch (SQLException e) {
            StoreException failure = new StoreException("cannot prepare the statements of " + databaseFile + ": "
                    + e.getMessage(), e);
            try {
                writer.close();
            } catch (SQLException closing) {
                failure.addSuppressed(closing);
            }
            throw failure;
        }
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
    public NavigableMap<String, byte[]> storage(String actorId) {
        return call("storage", () -> reader.storage(actorId));
    }

    @Override
    public List<ActorRecord> children(String parentId, int limit) {
        return call("children", () -> reader.children(parentId, limit));
    }

    @Override
    public List<HistoryEntry> history(String actorId, long fromSeq, int limit) {
        return call("history", () -> {
            indexHistoryIfBehind();
            return reader.history(actorId, fromSeq, limit);
        });
    }

    @Override
    public Optional<HistoryEntry> lastHistoryEntry(String actorId) {
        return call("lastHistoryEntry", () -> reader.lastHistoryEntry(actorId));
    }

    @Override
    public Optional<HistoryEntry> checkpointAtOrBefore(String actorId, long seq) {
        return call("checkpointAtOrBefore", () -> {
            indexHistoryIfBehind();
            return reader.checkpointAtOrBefore(actorId, seq);
        });
    }

    /** Reads of the history go through its index: first the journal's newest entries are indexed. */
    private void indexHistoryIfBehind() throws SQLException {
        if (reader.historyIndexBehind()) {
            writer.indexHistory();
        }
    }

    @Override
    public boolean putContent(ContentHash hash, long size, Instant storedAt, ContentSource source) {
        return call("putContent", () -> contentWriter.put(hash, size, storedAt, source));
    }

    @Override
    public Optional<ContentInfo> contentInfo(ContentHash hash) {
        return call("contentInfo", () -> contentReader.info(hash));
    }

    @Override
    public Optional<InputStream> openContent(ContentHash hash) {
        return call("openContent", () -> contentReader.open(hash));
    }

    @Override
    public Optional<ContentHash> label(String name) {
        return call("label", () -> contentReader.label(name));
    }

    @Override
    public boolean putLabel(String name, ContentHash hash) {
        return call("putLabel", () -> contentWriter.putLabel(name, hash));
    }

    @Override
    public boolean deleteLabel(String name) {
        return call("deleteLabel", () -> contentWriter.deleteLabel(name));
    }

    @Override
    public int collectContent(Instant storedBefore) {
        return call("collectContent", () -> contentWriter.collect(storedBefore));
    }

    @Override
    public void enqueue(List<OutboxMessage> messages) {
        java.util.Set<String> senders = new java.util.HashSet<>();
        for (OutboxMessage message : messages) {
            if (senders.add(message.senderId()) && findById(message.senderId()).isPresent()) {
                throw new IllegalArgumentException("message " + message.id() + " names the stored actor "
                        + message.senderId() + " as its sender; an actor sends in its commit");
            }
        }
        call("enqueue", () -> {
            writer.enqueue(messages);
            return null;
        });
    }

    @Override
    public List<OutboxMessage> pendingMessages(Instant sentBefore, int limit) {
        return call("pendingMessages", () -> outbox.pending(sentBefore, limit));
    }

    @Override
    public long lastSentSeq(String senderId, String receiverType, Key receiverKey) {
        return call("lastSentSeq", () -> outbox.lastSent(senderId, receiverType, receiverKey));
    }

    @Override
    public long lastReceivedSeq(String senderId, String receiverType, Key receiverKey) {
        return call("lastReceivedSeq", () -> outbox.lastReceived(senderId, receiverType, receiverKey));
    }

    @Override
    public boolean deadLetter(OutboxMessage message, String error, Instant at) {
        return call("deadLetter", () -> writer.deadLetter(message, error, at));
    }

    @Override
    public List<DeadLetter> deadLetters(int limit) {
        return call("deadLetters", () -> outbox.deadLetters(limit));
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
