package dev.troupe.postgres;

import dev.troupe.store.ActorWrite;
import dev.troupe.store.CommitResult;
import dev.troupe.store.OutboxMessage;
import dev.troupe.store.ScheduleChange;
import dev.troupe.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Applies a batch of actor writes inside the caller's transaction, fenced by epoch in SQL.
 *
 * <p>First a single {@code UPDATE … FROM unnest(…)} for all the writes, whose arrays hold one entry
 * per {@code (actor, epoch)} pair: the writes of one actor and epoch are collapsed in list order
 * beforehand (the last non-null state wins, with its version; a write without state only checks the
 * epoch). The statement returns the id and epoch of every row it changed; a write whose pair is not
 * among them has a stale epoch or a gone actor, and is fenced. Its locking subquery takes the row
 * locks in id order ({@code ORDER BY id FOR UPDATE}), so concurrent batches lock rows in the same
 * order and cannot deadlock on them; a concurrent {@code activate} waits for this transaction, or, if
 * it came first, makes the subquery match nothing (READ COMMITTED re-checks the epoch of a row that
 * changed while it waited). Then the schedule changes of the writes that were not fenced, in the
 * batch's order; then their history entries, in one batch, and the retention steps they carry; then
 * the messages they sent, in one batch, and the receipts of the messages they processed; last their
 * storage changes ({@link StorageRows}).
 */
final class BatchCommit {
    private static final String UPDATE_STATES = """
            UPDATE troupe_actors AS a
            SET state = coalesce(w.state, a.state),
                state_version = CASE WHEN w.state IS NULL THEN a.state_version ELSE w.state_version END,
                updated_at = now()
            FROM (SELECT t.id, u.state, u.state_version
                  FROM troupe_actors AS t
                  JOIN unnest(?::text[], ?::bigint[], ?::text[], ?::int[]) AS u (id, epoch, state, state_version)
                    ON t.id = u.id AND t.epoch = u.epoch
                  ORDER BY t.id
                  FOR UPDATE OF t) AS w
            WHERE a.id = w.id
            RETURNING a.id, a.epoch""";

    private BatchCommit() {
    }

    /** Applies {@code writes} on {@code connection}, whose transaction the caller commits. */
    static CommitResult apply(Connection connection, List<ActorWrite> writes) throws SQLException {
        Rows rows = Rows.collapse(writes);
        boolean[] updated = rows.update(connection);
        Set<String> fenced = new HashSet<>();
        List<ScheduleWriter.Owned> scheduleChanges = new ArrayList<>();
        List<HistoryRows.Appended> history = new ArrayList<>();
        List<ActorWrite> pruning = new ArrayList<>();
        List<OutboxMessage> sent = new ArrayList<>();
        List<MessageRows.Received> received = new ArrayList<>();
        List<StorageRows.Changed> storage = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            ActorWrite write = writes.get(i);
            if (updated[rows.rowOf[i]]) {
                for (ScheduleChange change : write.scheduleChanges()) {
                    scheduleChanges.add(new ScheduleWriter.Owned(write.actorId(), change));
                }
                if (!write.history().isEmpty()) {
                    history.add(new HistoryRows.Appended(write.actorId(), write.history()));
                }
                if (write.prune() != null) {
                    pruning.add(write);
                }
                sent.addAll(write.sent());
                if (!write.received().isEmpty()) {
                    received.add(new MessageRows.Received(write.actorId(), write.received()));
                }
                if (!write.storage().isEmpty()) {
                    storage.add(new StorageRows.Changed(write.actorId(), write.storage()));
                }
            } else {
                fenced.add(write.actorId());
            }
        }
        ScheduleWriter.apply(connection, scheduleChanges);
        HistoryRows.append(connection, history);
        for (ActorWrite write : pruning) {
            HistoryRows.prune(connection, write.actorId(), write.prune());
        }
        MessageRows.add(connection, sent);
        MessageRows.receive(connection, received);
        StorageRows.apply(connection, storage);
        return fenced.isEmpty() ? CommitResult.ok() : new CommitResult(fenced);
    }

    /** An actor at an epoch: the writes of one activation, which apply or are fenced together. */
    private record Target(String actorId, long epoch) {
    }

    /**
     * The statement's arrays: one row per {@link Target}, in order of first appearance, and for each
     * write the row it was collapsed into.
     */
    private static final class Rows {
        private final Map<Target, Integer> rowByTarget;
        private final int[] rowOf;
        private final String[] ids;
        private final long[] epochs;
        private final @Nullable String[] states;
        private final int[] versions;
        private int count;

        private Rows(int writes) {
            rowByTarget = HashMap.newHashMap(writes);
            rowOf = new int[writes];
            ids = new String[writes];
            epochs = new long[writes];
            states = new String[writes];
            versions = new int[writes];
        }

        static Rows collapse(List<ActorWrite> writes) {
            Rows rows = new Rows(writes.size());
            for (int i = 0; i < writes.size(); i++) {
                ActorWrite write = writes.get(i);
                int row = rows.rowByTarget.computeIfAbsent(new Target(write.actorId(), write.epoch()), rows::add);
                rows.rowOf[i] = row;
                if (write.state() != null) {
                    rows.states[row] = write.state();
                    rows.versions[row] = write.stateVersion();
                }
            }
            return rows;
        }

        private int add(Target target) {
            ids[count] = target.actorId();
            epochs[count] = target.epoch();
            return count++;
        }

        /** Runs the update; element {@code r} of the result tells whether row {@code r} was applied. */
        boolean[] update(Connection connection) throws SQLException {
            boolean[] updated = new boolean[count];
            try (PreparedStatement update = connection.prepareStatement(UPDATE_STATES)) {
                update.setObject(1, Arrays.copyOf(ids, count));
                update.setObject(2, Arrays.copyOf(epochs, count));
                update.setObject(3, Arrays.copyOf(states, count));
                update.setObject(4, Arrays.copyOf(versions, count));
                try (ResultSet changed = update.executeQuery()) {
                    while (changed.next()) {
                        Integer row = rowByTarget.get(new Target(changed.getString(1), changed.getLong(2)));
                        if (row == null || updated[row]) {
                            throw new StoreException("PostgreSQL store: updating actor " + changed.getString(1)
                                    + " at epoch " + changed.getLong(2) + " changed a row it was not asked to");
                        }
                        updated[row] = true;
                    }
                }
            }
            return updated;
        }
    }
}
