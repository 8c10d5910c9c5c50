package dev.troupe.postgres;

import dev.troupe.store.ActorWrite;
import dev.troupe.store.CommitResult;
import dev.troupe.store.ScheduleChange;
import dev.troupe.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Applies a batch of actor writes inside the caller's transaction, fenced by epoch in SQL.
 *
 * <p>First one JDBC batch of {@code UPDATE … WHERE id = ? AND epoch = ?}, one per write: an update
 * count of 0 means the epoch is stale or the actor is gone, and that write is fenced. The update also
 * takes the row lock, so a concurrent {@code activate} waits for this transaction, or, if it came
 * first, makes the update match nothing. Then the schedule changes of the writes that were not fenced,
 * in the batch's order. The updates are sent sorted by actor id (stably, so one actor's writes keep
 * their order), so that concurrent batches lock rows in the same order and cannot deadlock on them.
 */
final class BatchCommit {
    private static final String UPDATE_STATE = """
            UPDATE troupe_actors
            SET state = coalesce(?, state),
                state_version = CASE WHEN ? THEN ? ELSE state_version END,
                updated_at = now()
            WHERE id = ? AND epoch = ?""";

    private BatchCommit() {
    }

    /** Applies {@code writes} on {@code connection}, whose transaction the caller commits. */
    static CommitResult apply(Connection connection, List<ActorWrite> writes) throws SQLException {
        List<Integer> lockOrder = IntStream.range(0, writes.size()).boxed()
                .sorted(Comparator.comparing(i -> writes.get(i).actorId()))
                .toList();
        int[] counts = updateStates(connection, lockOrder.stream().map(writes::get).toList());
        boolean[] applied = new boolean[writes.size()];
        for (int k = 0; k < counts.length; k++) {
            applied[lockOrder.get(k)] = updated(writes.get(lockOrder.get(k)), counts[k]);
        }
        Set<String> fenced = new HashSet<>();
        List<ScheduleChange> scheduleChanges = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            if (applied[i]) {
                scheduleChanges.addAll(writes.get(i).scheduleChanges());
            } else {
                fenced.add(writes.get(i).actorId());
            }
        }
        ScheduleWriter.apply(connection, scheduleChanges);
        return fenced.isEmpty() ? CommitResult.ok() : new CommitResult(fenced);
    }

    private static boolean updated(ActorWrite write, int count) {
        return switch (count) {
            case 1 -> true;
            case 0 -> false;
            default -> throw new StoreException("PostgreSQL store: updating actor " + write.actorId()
                    + " reported " + count + " rows changed; expected 0 or 1");
        };
    }

    private static int[] updateStates(Connection connection, List<ActorWrite> writes) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(UPDATE_STATE)) {
            for (ActorWrite write : writes) {
                if (write.state() == null) {
                    update.setNull(1, Types.VARCHAR);
                } else {
                    update.setString(1, write.state());
                }
                update.setBoolean(2, write.state() != null);
                update.setInt(3, write.stateVersion());
                update.setString(4, write.actorId());
                update.setLong(5, write.epoch());
                update.addBatch();
            }
            return update.executeBatch();
        }
    }
}
