package dev.troupe.sqlite;

import dev.troupe.Key;
import dev.troupe.store.ActorRecord;
import dev.troupe.store.ActorWrite;
import dev.troupe.store.CommitResult;
import dev.troupe.store.HistoryEntry;
import dev.troupe.store.MessageReceipt;
import dev.troupe.store.OutboxMessage;
import dev.troupe.store.ScheduleChange;
import dev.troupe.store.ScheduleRecord;
import dev.troupe.store.StorageChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's one writing connection and the operations that change the database: create, activate,
 * commit and destroy. SQLite admits one writer at a time, and every write transaction ends in an fsync,
 * so concurrent operations are combined ({@link WriteCombiner}): the operations that queue up while a
 * transaction runs share the next one, and each is durable when it returns. An operation that fails
 * rolls back alone: the transaction is rolled back and the others run again without it. The statements
 * are prepared once and used only by the combiner, under the lock.
 */
final class SqliteWriter implements AutoCloseable {
    /** The most operations one transaction runs; more wait for the next. */
    static final int MAX_COMBINED = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(SqliteWriter.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final ExecutorService indexer =
            Executors.newSingleThreadExecutor(Thread.ofVirtual().name("troupe-sqlite-history-index").factory());
    private final AtomicBoolean indexing = new AtomicBoolean();
    private final LongAdder transactions = new LongAdder();
    private final WriteCombiner combiner = new WriteCombiner(this::execute, MAX_COMBINED);
    private final Connection connection;
    private final PreparedStatement insertActor;
    private final PreparedStatement claimActor;
    private final PreparedStatement updateState;
    private final PreparedStatement selectEpoch;
    private final PreparedStatement putSchedule;
    private final PreparedStatement removeSchedule;
    private final PreparedStatement moveSchedule;
    private final PreparedStatement deleteActor;
    private final PreparedStatement moveHistoryHead;
    private final PreparedStatement putStorage;
    private final PreparedStatement deleteStorage;
    private final HistoryJournal journal;
    private final PreparedStatement appendHistory;
    private final PreparedStatement pruneHistory;
    private final OutboxWrites outbox;

    private SqliteWriter(Connection connection) throws SQLException {
        this.connection = connection;
        insertActor = connection.prepareStatement("""
                INSERT INTO actors (id, type, key, state, state_version, epoch, created_at, updated_at, parent_id,
                                    history_head, history_seq, input)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""");
        claimActor = connection.prepareStatement(
                "UPDATE actors SET epoch = epoch + 1 WHERE type = ? AND key = ? RETURNING " + Rows.ACTOR_COLUMNS);
        updateState = connection.prepareStatement("""
                UPDATE actors SET state = ?, state_version = ?, updated_at = ?, history_head = coalesce(?, history_head),
                    history_seq = coalesce(?, history_seq)
                WHERE id = ? AND epoch = ? AND coalesce(history_seq, 0) < ?""");
        moveHistoryHead = connection.prepareStatement("""
                UPDATE actors SET history_head = ?, history_seq = ?
                WHERE id = ? AND epoch = ? AND coalesce(history_seq, 0) < ?""");
        selectEpoch = connection.prepareStatement("SELECT epoch FROM actors WHERE id = ?");
        putSchedule = connection.prepareStatement("""
                INSERT INTO schedules (id, actor_id, due_at, action, args) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET actor_id = excluded.actor_id, due_at = excluded.due_at,
                    action = excluded.action, args = excluded.args""");
        removeSchedule = connection.prepareStatement("DELETE FROM schedules WHERE id = ?");
        moveSchedule = connection.prepareStatement("UPDATE schedules SET due_at = ? WHERE id = ? AND actor_id = ?");
        putStorage = connection.prepareStatement("""
                INSERT INTO actor_storage (actor_id, key, value) VALUES (?, ?, ?)
                ON CONFLICT (actor_id, key) DO UPDATE SET value = excluded.value""");
        deleteStorage = connection.prepareStatement("DELETE FROM actor_storage WHERE actor_id = ? AND key = ?");
        deleteActor = connection.prepareStatement("DELETE FROM actors WHERE id = ? AND epoch = ?");
        journal = new HistoryJournal(connection);
        appendHistory = connection.prepareStatement("INSERT INTO history (actor_id, " + Rows.HISTORY_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        pruneHistory = connection.prepareStatement("""
                DELETE FROM history WHERE actor_id = ?1 AND seq < (
                    SELECT max(seq) FROM history
                    WHERE actor_id = ?1 AND checkpoint IS NOT NULL AND seq <= ?2 AND at <= ?3)""");
        outbox = new OutboxWrites(connection);
    }

    /**
     * Opens the writer connection and brings the schema up to date.
     *
     * @throws SQLException if the database cannot be opened or migrated; nothing is left open then
     */
    static SqliteWriter open(SqliteConnections connections) throws SQLException {
        Connection connection = connections.openWriter();
        try {
            Schema.migrate(connection);
            return new SqliteWriter(connection);
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** See {@link dev.troupe.store.Store#create}. */
    boolean create(ActorRecord record, List<ScheduleRecord> schedules, List<HistoryEntry> history)
            throws SQLException {
        schedules.forEach(schedule -> requireOwnedBy(record.id(), schedule));
        return locked(() -> {
            insertActor.setString(1, record.id());
            insertActor.setString(2, record.type());
            insertActor.setString(3, record.key().toJson());
            insertActor.setString(4, record.state());
            insertActor.setInt(5, record.stateVersion());
            insertActor.setLong(6, record.epoch());
            insertActor.setLong(7, Micros.of(record.createdAt()));
            insertActor.setLong(8, now());
            insertActor.setString(9, record.parentId());
            setHead(insertActor, 10, history);
            insertActor.setString(12, record.input());
            if (insertActor.executeUpdate() == 0) {
                return false;
            }
            for (ScheduleRecord schedule : schedules) {
                put(schedule);
            }
            journal.append(record.id(), history);
            return true;
        });
    }

    /** See {@link dev.troupe.store.Store#activate}. */
    Optional<ActorRecord> activate(String type, Key key) throws SQLException {
        return locked(() -> {
            claimActor.setString(1, type);
            claimActor.setString(2, key.toJson());
            try (ResultSet row = claimActor.executeQuery()) {
                return row.next() ? Optional.of(Rows.actor(row)) : Optional.empty();
            }
        });
    }

    /** See {@link dev.troupe.store.Store#commit}. */
    CommitResult commit(List<ActorWrite> writes) throws SQLException {
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
        if (writes.isEmpty()) {
            return CommitResult.ok();
        }
        return locked(() -> {
            long now = now();
            Set<String> fenced = new HashSet<>();
            for (ActorWrite write : writes) {
                if (!apply(write, now)) {
                    fenced.add(write.actorId());
                }
            }
            return fenced.isEmpty() ? CommitResult.ok() : new CommitResult(fenced);
        });
    }

    /** See {@link dev.troupe.store.Store#destroy}; schedules go by cascade, the history through its index. */
    /** See {@link dev.troupe.store.Store#enqueue}; the caller has checked that no sender is a stored actor. */
    void enqueue(List<OutboxMessage> messages) throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        locked(() -> {
            for (OutboxMessage message : messages) {
                outbox.add(message);
            }
            return null;
        });
    }

    /** See {@link dev.troupe.store.Store#deadLetter}. */
    boolean deadLetter(OutboxMessage message, String error, Instant at) throws SQLException {
        return locked(() -> outbox.deadLetter(message, error, at));
    }

    /** See {@link dev.troupe.store.Store#destroy}; schedules and storage go by cascade, the history through its index. */
    boolean destroy(String actorId, long epoch) throws SQLException {
        return locked(() -> {
            deleteActor.setString(1, actorId);
            deleteActor.setLong(2, epoch);
            if (deleteActor.executeUpdate() == 0) {
                return false;
            }
            journal.drop(actorId);
            return true;
        });
    }

    /** Brings the history index up to date with the journal (see {@link HistoryJournal}). */
    void indexHistory() throws SQLException {
        locked(() -> {
            journal.index();
            return null;
        });
    }

    /** Waits for the operation in progress and the background indexing, if any, then closes the connection. */
    @Override
    public void close() throws SQLException {
        indexer.close();
        lock.lock();
        try {
            connection.close();
        } finally {
            lock.unlock();
        }
    }

    /** Applies one write unless it is fenced; returns whether it was applied. */
    private boolean apply(ActorWrite write, long now) throws SQLException {
        if (!writeStateIfCurrent(write, now)) {
            return false;
        }
        for (ScheduleChange change : write.scheduleChanges()) {
            switch (change) {
                case ScheduleChange.Put put -> put(put.schedule());
                case ScheduleChange.Remove remove -> {
                    removeSchedule.setString(1, remove.scheduleId());
                    removeSchedule.executeUpdate();
                }
                case ScheduleChange.Move move -> {
                    moveSchedule.setLong(1, Micros.of(move.dueAt()));
                    moveSchedule.setString(2, move.scheduleId());
                    moveSchedule.setString(3, write.actorId());
                    moveSchedule.executeUpdate();
                }
            }
        }
        journal.append(write.actorId(), write.history());
        if (write.prune() != null) {
            journal.prune(write.actorId(), write.prune());
        }
        for (StorageChange change : write.storage()) {
            PreparedStatement statement = change.deletes() ? deleteStorage : putStorage;
            statement.setString(1, write.actorId());
            statement.setString(2, change.key());
            if (!change.deletes()) {
                statement.setBytes(3, change.value());
            }
            statement.executeUpdate();
        }
        for (OutboxMessage message : write.sent()) {
            outbox.add(message);
        }
        for (MessageReceipt receipt : write.received()) {
            outbox.received(write.actorId(), receipt, now);
        }
        return true;
    }

    /**
     * Checks the write's epoch and, if it is current, stores the write's state if it has one and moves
     * the actor's history head (the journal id and seq of its newest entry) to the newest of the
     * write's entries, if it has any. The same UPDATE checks that the entries follow the head, so the
     * common case costs no extra statement; only when it matches no row is the epoch looked up, to
     * tell a fenced write from entries that do not follow.
     *
     * @throws SQLException if the write is current but its first entry does not follow the head
     */
    private boolean writeStateIfCurrent(ActorWrite write, long now) throws SQLException {
        List<HistoryEntry> history = write.history();
        if (write.state() == null && history.isEmpty()) {
            return isCurrent(write);
        }
        long firstSeq = history.isEmpty() ? Long.MAX_VALUE : history.getFirst().seq();
        PreparedStatement update;
        if (write.state() != null) {
            update = updateState;
            update.setString(1, write.state());
            update.setInt(2, write.stateVersion());
            update.setLong(3, now);
            setHead(update, 4, history);
            update.setString(6, write.actorId());
            update.setLong(7, write.epoch());
            update.setLong(8, firstSeq);
        } else {
            update = moveHistoryHead;
            setHead(update, 1, history);
            update.setString(3, write.actorId());
            update.setLong(4, write.epoch());
            update.setLong(5, firstSeq);
        }
        if (update.executeUpdate() == 1) {
            return true;
        }
        if (isCurrent(write)) {
            throw new SQLException("history entry " + firstSeq + " of actor " + write.actorId()
                    + " does not follow the actor's newest entry");
        }
        return false;
    }

    private boolean isCurrent(ActorWrite write) throws SQLException {
        selectEpoch.setString(1, write.actorId());
        try (ResultSet row = selectEpoch.executeQuery()) {
            return row.next() && row.getLong(1) == write.epoch();
        }
    }

    /**
     * Binds, at {@code index} and the next parameter, the journal id and the seq the newest of
     * {@code entries} will have, or NULLs if there are none.
     */
    private void setHead(PreparedStatement statement, int index, List<HistoryEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            statement.setNull(index, Types.INTEGER);
            statement.setNull(index + 1, Types.INTEGER);
        } else {
            statement.setLong(index, journal.headAfter(entries));
            statement.setLong(index + 1, entries.getLast().seq());
        }
    }

    private void put(ScheduleRecord schedule) throws SQLException {
        putSchedule.setString(1, schedule.id());
        putSchedule.setString(2, schedule.actorId());
        putSchedule.setLong(3, Micros.of(schedule.dueAt()));
        putSchedule.setString(4, schedule.action());
        putSchedule.setString(5, schedule.args());
        putSchedule.executeUpdate();
    }

    /**
     * Runs {@code work} in a write transaction, possibly shared with other operations queued meanwhile, and
     * returns once that transaction is durable. {@code work} must not call back into this writer.
     */
    <T> T locked(SqlWork<T> work) throws SQLException {
        return combiner.submit(work);
    }

    /** The writing connection, for statements that {@link #locked} work runs on. */
    Connection connection() {
        return connection;
    }

    /** Operations waiting for the running transaction to finish. */
    int queued() {
        return combiner.queued();
    }

    /** Write transactions committed so far, each holding one or more combined operations. */
    long transactions() {
        return transactions.sum();
    }

    /**
     * Runs a batch in one transaction. If an operation throws, the transaction is rolled back, that
     * operation fails with what it threw, and the rest run again in a new transaction: their work only
     * reads the database and binds parameters, so running it again is safe. If the transaction itself
     * cannot begin or commit, every operation in it fails.
     */
    private void execute(List<WriteCombiner.Operation<?>> batch) {
        lock.lock();
        try {
            List<WriteCombiner.Operation<?>> pending = new ArrayList<>(batch);
            while (!pending.isEmpty()) {
                pending = runOnce(pending);
            }
            if (journal.worthIndexing() && !indexer.isShutdown() && indexing.compareAndSet(false, true)) {
                indexer.execute(this::indexInBackground);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Indexes the history journal off the commit path, as one more operation of the combiner. */
    private void indexInBackground() {
        try {
            indexHistory();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Indexing the history journal in the background failed; reads and the next background run"
                    + " index it", e);
        } finally {
            indexing.set(false);
        }
    }

    /** One attempt at {@code batch}; returns what must run again (empty when done). */
    private List<WriteCombiner.Operation<?>> runOnce(List<WriteCombiner.Operation<?>> batch) {
        WriteCombiner.Operation<?>[] failed = new WriteCombiner.Operation<?>[1];
        try {
            Transactions.inWriteTransaction(connection, () -> {
                journal.begin();
                for (WriteCombiner.Operation<?> operation : batch) {
                    failed[0] = operation;
                    runOne(operation);
                }
                failed[0] = null;
                return null;
            });
            transactions.increment();
            return List.of();
        } catch (SQLException | RuntimeException e) {
            if (failed[0] == null || batch.size() == 1) {
                batch.forEach(operation -> operation.failed(e));
                return List.of();
            }
            failed[0].failed(e);
            List<WriteCombiner.Operation<?>> rest = new ArrayList<>(batch);
            rest.remove(failed[0]);
            return rest;
        }
    }

    private static <T> void runOne(WriteCombiner.Operation<T> operation) throws SQLException {
        operation.succeeded(operation.run());
    }

    /** A schedule belongs to the actor whose create or write carries it; anything else is a caller's bug. */
    private static void requireOwnedBy(String actorId, ScheduleRecord schedule) {
        if (!schedule.actorId().equals(actorId)) {
            throw new IllegalArgumentException("schedule " + schedule.id() + " is for actor " + schedule.actorId()
                    + " but was written by actor " + actorId);
        }
    }

    private static long now() {
        return Micros.of(Instant.now());
    }
}
