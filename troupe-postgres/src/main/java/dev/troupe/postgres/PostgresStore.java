package dev.troupe.postgres;

import com.zaxxer.hikari.HikariDataSource;
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
import dev.troupe.store.KeyRange;
import dev.troupe.store.OutboxMessage;
import dev.troupe.store.ScheduleChange;
import dev.troupe.store.ScheduleRecord;
import dev.troupe.store.Store;
import dev.troupe.store.StoreException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link Store}: actors, schedules and turn history in PostgreSQL, where several
 * Troupe processes can share them.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Everything in the {@link Store} contract. Each method is one transaction; a method that
 *       returns has committed, durable as the server's {@code synchronous_commit} makes it (durable on
 *       the primary with the default {@code on}). On any SQL failure the transaction is rolled back and
 *       a {@link StoreException} is thrown.</li>
 *   <li><b>Fencing in SQL.</b> {@link #activate} is {@code UPDATE … SET epoch = epoch + 1 … RETURNING};
 *       every write applies only to the row whose id and epoch it carries. Row locks order these, so the
 *       fencing holds between processes, not just within one: once any process activates an actor, a
 *       commit carrying an older epoch changes neither the state nor the schedules.</li>
 *   <li><b>Group commit.</b> {@link #commit} applies the whole batch in one transaction: one
 *       statement for all the state updates ({@code UPDATE … FROM unnest(…)} over arrays of ids,
 *       epochs and states), one JDBC batch per run of schedule puts or removes, one round trip for the
 *       commit.</li>
 *   <li><b>Schema.</b> Opening the store creates or migrates its tables ({@code troupe_actors},
 *       {@code troupe_schedules}, {@code troupe_history}, {@code troupe_schema_version}) in the first
 *       schema of the connection's search path; processes opening at once are serialised by an
 *       advisory lock. To keep Troupe in its own schema, add {@code currentSchema=troupe} to the URL.</li>
 *   <li>A schedule in a {@link #create} or a write must belong to that actor; otherwise the call
 *       throws {@link IllegalArgumentException} before changing anything.</li>
 *   <li><b>Content</b> ({@link ContentStore}) in {@code troupe_content}, {@code troupe_content_chunks}
 *       (256 KiB chunks) and {@code troupe_content_labels}; see {@code PostgresContent}.</li>
 *   <li><b>Exact text, microsecond instants.</b> State, keys and schedule arguments are stored as
 *       {@code text} and read back byte for byte (PostgreSQL text cannot hold U+0000, which JSON
 *       always escapes). Instants are {@code timestamptz}, which keeps microseconds: nanoseconds are
 *       truncated on write (an instant reads back as the microsecond it falls in).</li>
 * </ul>
 *
 * <p>One limit no networked store escapes: if the connection is lost while the server is committing,
 * the outcome is unknown. The store then throws {@link StoreException} although the transaction may
 * have committed; fencing keeps that safe for the actor, whose next activation reads what is stored.
 *
 * <p>Thread-safe. The store expects READ COMMITTED (PostgreSQL's default) on the connections it is
 * given; pools it creates itself are configured so.
 */
public final class PostgresStore implements Store, ContentStore {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);

    private static final String FIND = "SELECT " + ActorRows.COLUMNS + " FROM troupe_actors WHERE type = ? AND key = ?";
    private static final String FIND_BY_ID = "SELECT " + ActorRows.COLUMNS + " FROM troupe_actors WHERE id = ?";
    private static final String ACTIVATE = "UPDATE troupe_actors SET epoch = epoch + 1, updated_at = now()"
            + " WHERE type = ? AND key = ? RETURNING " + ActorRows.COLUMNS;
    private static final String CREATE = """
            INSERT INTO troupe_actors (id, type, key, state, state_version, epoch, created_at, parent_id, input)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";
    private static final String DESTROY = "DELETE FROM troupe_actors WHERE id = ? AND epoch = ?";
    private static final String DUE = """
            SELECT s.id, s.actor_id, s.due_at, s.action, s.args, a.type, a.key
            FROM troupe_schedules s JOIN troupe_actors a ON a.id = s.actor_id
            WHERE s.due_at <= ?
            ORDER BY s.due_at, s.id
            LIMIT ?""";
    private static final String NEXT_DUE = "SELECT min(due_at) AS due_at FROM troupe_schedules";
    private static final String SCAN = "SELECT " + ActorRows.COLUMNS
            + " FROM troupe_actors WHERE type = ? AND id > ? ORDER BY id LIMIT ?";
    private static final String CHILDREN = "SELECT " + ActorRows.COLUMNS
            + " FROM troupe_actors WHERE parent_id = ? ORDER BY id LIMIT ?";
    /** A key prefix is one range of the key text ({@link KeyRange}), served by the {@code (type, key)} index. */
    private static final String SCAN_PREFIX = "SELECT " + ActorRows.COLUMNS
            + " FROM troupe_actors WHERE type = ? AND id > ? AND " + KeyRange.condition("key") + " ORDER BY id LIMIT ?";

    private final Jdbc jdbc;
    private final PostgresContent content;

    private PostgresStore(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.content = new PostgresContent(jdbc);
    }

    /**
     * Opens a store on a JDBC URL ({@code jdbc:postgresql://host:port/database}), with a HikariCP pool
     * that the store owns and {@link #close()} closes. Creates or migrates the schema.
     *
     * @param user     the user, or null to take it from the URL
     * @param password the password, or null to take it from the URL (or for none)
     * @throws StoreException if the URL is not a PostgreSQL URL, the server cannot be reached, the
     *                        credentials are refused or the schema cannot be migrated
     */
    public static PostgresStore open(String jdbcUrl, @Nullable String user, @Nullable String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        LOG.info("Opening the PostgreSQL store at {}", ConnectionPools.withoutParameters(jdbcUrl));
        HikariDataSource pool = ConnectionPools.open(jdbcUrl, user, password);
        return openOn(new Jdbc(pool, pool));
    }

    /**
     * Opens a store on a data source that the caller owns (and closes, after the store): use it to
     * configure the pool yourself. Creates or migrates the schema. Keep its connections at READ
     * COMMITTED, and consider the driver property {@code logServerErrorDetail=false}, which keeps
     * statement parameters (actor state) out of exception messages.
     *
     * @throws StoreException if no connection can be had or the schema cannot be migrated
     */
    public static PostgresStore open(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return openOn(new Jdbc(dataSource, null));
    }

    /**
     * Opens a store on a libpq-style URI, {@code postgresql://user:password@host:port/database}, as
     * {@link PostgresUri} describes; the store owns its pool, as with {@link #open(String, String, String)}.
     *
     * @throws StoreException if the URI is malformed or the store cannot be opened
     */
    public static PostgresStore fromUri(String uri) {
        PostgresUri parsed;
        try {
            parsed = PostgresUri.parse(uri);
        } catch (IllegalArgumentException e) {
            throw new StoreException("invalid PostgreSQL URI: " + e.getMessage(), e);
        }
        return open(parsed.jdbcUrl(), parsed.user(), parsed.password());
    }

    private static PostgresStore openOn(Jdbc jdbc) {
        try {
            new SchemaMigrator(Migrations.ALL).migrate(jdbc);
        } catch (RuntimeException e) {
            closeAfterFailure(jdbc, e);
            throw e;
        }
        return new PostgresStore(jdbc);
    }

    private static void closeAfterFailure(Jdbc jdbc, RuntimeException failure) {
        try {
            jdbc.close();
        } catch (StoreException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public Optional<ActorRecord> find(String type, Key key) {
        return jdbc.autoCommit("finding actor " + type + " " + key, c -> queryActor(c, FIND, type, key.toJson()));
    }

    @Override
    public Optional<ActorRecord> findById(String id) {
        return jdbc.autoCommit("finding actor " + id, c -> queryActor(c, FIND_BY_ID, id));
    }

    @Override
    public Optional<ActorRecord> activate(String type, Key key) {
        return jdbc.autoCommit("activating actor " + type + " " + key,
                c -> queryActor(c, ACTIVATE, type, key.toJson()));
    }

    @Override
    public boolean create(ActorRecord record, List<ScheduleRecord> schedules, List<HistoryEntry> history) {
        schedules.forEach(schedule -> requireOwnedBy(record.id(), schedule));
        return jdbc.transaction("creating actor " + record.type() + " " + record.key(), c -> {
            try (PreparedStatement insert = c.prepareStatement(CREATE)) {
                insert.setString(1, record.id());
                insert.setString(2, record.type());
                insert.setString(3, record.key().toJson());
                insert.setString(4, record.state());
                insert.setInt(5, record.stateVersion());
                insert.setLong(6, record.epoch());
                insert.setObject(7, Timestamps.toColumn(record.createdAt()));
                insert.setString(8, record.parentId());
                insert.setString(9, record.input());
                if (insert.executeUpdate() == 0) {
                    return false;
                }
            }
            ScheduleWriter.put(c, schedules);
            HistoryRows.append(c, List.of(new HistoryRows.Appended(record.id(), history)));
            return true;
        });
    }

    @Override
    public CommitResult commit(List<ActorWrite> writes) {
        if (writes.isEmpty()) {
            return CommitResult.ok();
        }
        for (ActorWrite write : writes) {
            for (ScheduleChange change : write.scheduleChanges()) {
                if (change instanceof ScheduleChange.Put put) {
                    requireOwnedBy(write.actorId(), put.schedule());
                }
            }
            for (OutboxMessage message : write.sent()) {
                if (!message.senderId().equals(write.actorId())) {
                    throw new IllegalArgumentException("message " + message.id() + " is from " + message.senderId()
                            + " but was written by actor " + write.actorId());
                }
            }
        }
        CommitResult result = jdbc.transaction("committing " + writes.size() + " writes",
                c -> BatchCommit.apply(c, writes));
        if (!result.fenced().isEmpty()) {
            LOG.debug("Commit fenced the writes of {}", result.fenced());
        }
        return result;
    }

    @Override
    public boolean destroy(String actorId, long epoch) {
        return jdbc.autoCommit("destroying actor " + actorId, c -> {
            try (PreparedStatement delete = c.prepareStatement(DESTROY)) {
                delete.setString(1, actorId);
                delete.setLong(2, epoch);
                return delete.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<DueSchedule> dueSchedules(Instant until, int limit) {
        return jdbc.autoCommit("reading due schedules", c -> {
            try (PreparedStatement query = c.prepareStatement(DUE)) {
                query.setObject(1, Timestamps.toBound(until));
                query.setInt(2, limit);
                try (ResultSet rows = query.executeQuery()) {
                    List<DueSchedule> due = new ArrayList<>();
                    while (rows.next()) {
                        String actorId = rows.getString("actor_id");
                        ScheduleRecord schedule = new ScheduleRecord(rows.getString("id"), actorId,
                                Timestamps.read(rows, "due_at"), rows.getString("action"), rows.getString("args"));
                        due.add(new DueSchedule(schedule, rows.getString("type"),
                                ActorRows.key(actorId, rows.getString("key"))));
                    }
                    return due;
                }
            }
        });
    }

    @Override
    public Optional<Instant> nextDueAt() {
        return jdbc.autoCommit("reading the next due time", c -> {
            try (PreparedStatement query = c.prepareStatement(NEXT_DUE);
                 ResultSet row = query.executeQuery()) {
                row.next();
                return Optional.ofNullable(Timestamps.read(row, "due_at"));
            }
        });
    }

    @Override
    public List<ActorRecord> scan(String type, Key keyPrefix, @Nullable String afterId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        boolean prefixed = keyPrefix.size() > 0;
        return jdbc.autoCommit("scanning actors of type " + type, c -> {
            try (PreparedStatement query = c.prepareStatement(prefixed ? SCAN_PREFIX : SCAN)) {
                int parameter = 1;
                query.setString(parameter++, type);
                query.setString(parameter++, afterId == null ? "" : afterId);
                for (String value : prefixed ? KeyRange.of(keyPrefix).parameters() : List.<String>of()) {
                    query.setString(parameter++, value);
                }
                query.setInt(parameter, limit);
                return ActorRows.readAll(query);
            }
        });
    }

    @Override
    public NavigableMap<String, byte[]> storage(String actorId) {
        return jdbc.autoCommit("reading the storage of actor " + actorId, c -> StorageRows.read(c, actorId));
    }

    @Override
    public List<ActorRecord> children(String parentId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return jdbc.autoCommit("listing the children of actor " + parentId, c -> {
            try (PreparedStatement query = c.prepareStatement(CHILDREN)) {
                query.setString(1, parentId);
                query.setInt(2, limit);
                return ActorRows.readAll(query);
            }
        });
    }

    @Override
    public List<HistoryEntry> history(String actorId, long fromSeq, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return jdbc.autoCommit("reading the history of actor " + actorId,
                c -> HistoryRows.query(c, HistoryRows.PAGE, actorId, fromSeq, limit));
    }

    @Override
    public Optional<HistoryEntry> lastHistoryEntry(String actorId) {
        return jdbc.autoCommit("reading the newest history entry of actor " + actorId,
                c -> HistoryRows.first(HistoryRows.query(c, HistoryRows.LAST, actorId)));
    }

    @Override
    public Optional<HistoryEntry> checkpointAtOrBefore(String actorId, long seq) {
        return jdbc.autoCommit("reading a history checkpoint of actor " + actorId,
                c -> HistoryRows.first(HistoryRows.query(c, HistoryRows.CHECKPOINT, actorId, seq)));
    }

    @Override
    public boolean putContent(ContentHash hash, long size, Instant storedAt, ContentSource source) {
        return content.put(hash, size, storedAt, source);
    }

    @Override
    public Optional<ContentInfo> contentInfo(ContentHash hash) {
        return content.info(hash);
    }

    @Override
    public Optional<InputStream> openContent(ContentHash hash) {
        return content.open(hash);
    }

    @Override
    public Optional<ContentHash> label(String name) {
        return content.label(name);
    }

    @Override
    public boolean putLabel(String name, ContentHash hash) {
        return content.putLabel(name, hash);
    }

    @Override
    public boolean deleteLabel(String name) {
        return content.deleteLabel(name);
    }

    @Override
    public int collectContent(Instant storedBefore) {
        return content.collect(storedBefore);
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
        jdbc.transaction("enqueueing " + messages.size() + " messages", c -> {
            MessageRows.add(c, messages);
            return null;
        });
    }

    @Override
    public List<OutboxMessage> pendingMessages(Instant sentBefore, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return jdbc.autoCommit("reading the outbox", c -> MessageRows.pending(c, sentBefore, limit));
    }

    @Override
    public long lastSentSeq(String senderId, String receiverType, Key receiverKey) {
        return jdbc.autoCommit("reading the last message sent by " + senderId,
                c -> MessageRows.lastSent(c, senderId, receiverType, receiverKey));
    }

    @Override
    public long lastReceivedSeq(String senderId, String receiverType, Key receiverKey) {
        return jdbc.autoCommit("reading the last message received from " + senderId,
                c -> MessageRows.lastReceived(c, senderId, receiverType, receiverKey));
    }

    @Override
    public boolean deadLetter(OutboxMessage message, String error, Instant at) {
        return jdbc.transaction("keeping message " + message.id() + " as a dead letter",
                c -> MessageRows.deadLetter(c, message, error, at));
    }

    @Override
    public List<DeadLetter> deadLetters(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return jdbc.autoCommit("reading the dead letters", c -> MessageRows.deadLetters(c, limit));
    }

    /** Closes the pool if the store created it; a data source passed to {@link #open(DataSource)} stays open. */
    @Override
    public void close() {
        jdbc.close();
    }

    /**
     * A schedule belongs to the actor whose create or write carries it; anything else is the caller's
     * bug, refused before anything changes.
     */
    private static void requireOwnedBy(String actorId, ScheduleRecord schedule) {
        if (!schedule.actorId().equals(actorId)) {
            throw new IllegalArgumentException("schedule " + schedule.id() + " is for actor " + schedule.actorId()
                    + " but was written by actor " + actorId);
        }
    }

    private static Optional<ActorRecord> queryActor(Connection connection, String sql, String... parameters)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(ActorRows.read(row)) : Optional.empty();
            }
        }
    }
}
