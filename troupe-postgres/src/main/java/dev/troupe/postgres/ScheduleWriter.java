package dev.troupe.postgres;

import dev.troupe.store.ScheduleChange;
import dev.troupe.store.ScheduleRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies schedule changes on a connection, in order, with JDBC batches.
 *
 * <p>Consecutive changes of the same kind go in one batch, so a sequence such as put, remove, put (or
 * remove, move) of one id keeps its meaning. A move only touches a schedule of the actor whose write made it. Within a run of puts only the last put of each id is sent: the effect is
 * the same and the batch stays valid if the driver rewrites it into one multi-row insert.
 */
final class ScheduleWriter {
    private static final String UPSERT = """
            INSERT INTO troupe_schedules (id, actor_id, due_at, action, args) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET actor_id = excluded.actor_id, due_at = excluded.due_at,
                action = excluded.action, args = excluded.args""";
    private static final String DELETE = "DELETE FROM troupe_schedules WHERE id = ?";
    private static final String MOVE = "UPDATE troupe_schedules SET due_at = ? WHERE id = ? AND actor_id = ?";

    private ScheduleWriter() {
    }

    /** A change made by the write of actor {@code actorId}. */
    record Owned(String actorId, ScheduleChange change) {
    }

    /** Inserts the schedules, replacing any of the same id. */
    static void put(Connection connection, List<ScheduleRecord> schedules) throws SQLException {
        apply(connection, schedules.stream().map(s -> new Owned(s.actorId(), new ScheduleChange.Put(s))).toList());
    }

    /** Applies the changes in order. */
    static void apply(Connection connection, List<Owned> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT);
             PreparedStatement delete = connection.prepareStatement(DELETE);
             PreparedStatement move = connection.prepareStatement(MOVE)) {
            for (List<Owned> run : runsOfOneKind(changes)) {
                switch (run.getFirst().change()) {
                    case ScheduleChange.Put put -> upsert(upsert, run);
                    case ScheduleChange.Remove remove -> delete(delete, run);
                    case ScheduleChange.Move moved -> move(move, run);
                }
            }
        }
    }

    private static List<List<Owned>> runsOfOneKind(List<Owned> changes) {
        List<List<Owned>> runs = new ArrayList<>();
        List<Owned> run = new ArrayList<>();
        for (Owned owned : changes) {
            if (!run.isEmpty() && run.getFirst().change().getClass() != owned.change().getClass()) {
                runs.add(run);
                run = new ArrayList<>();
            }
            run.add(owned);
        }
        runs.add(run);
        return runs;
    }

    private static void upsert(PreparedStatement upsert, List<Owned> puts) throws SQLException {
        Map<String, ScheduleRecord> lastById = new LinkedHashMap<>();
        for (Owned owned : puts) {
            ScheduleRecord schedule = ((ScheduleChange.Put) owned.change()).schedule();
            lastById.put(schedule.id(), schedule);
        }
        for (ScheduleRecord schedule : lastById.values()) {
            upsert.setString(1, schedule.id());
            upsert.setString(2, schedule.actorId());
            upsert.setObject(3, Timestamps.toColumn(schedule.dueAt()));
            upsert.setString(4, schedule.action());
            upsert.setString(5, schedule.args());
            upsert.addBatch();
        }
        upsert.executeBatch();
    }

    private static void delete(PreparedStatement delete, List<Owned> removes) throws SQLException {
        for (Owned owned : removes) {
            delete.setString(1, ((ScheduleChange.Remove) owned.change()).scheduleId());
            delete.addBatch();
        }
        delete.executeBatch();
    }

    private static void move(PreparedStatement move, List<Owned> moves) throws SQLException {
        for (Owned owned : moves) {
            ScheduleChange.Move change = (ScheduleChange.Move) owned.change();
            move.setObject(1, Timestamps.toColumn(change.dueAt()));
            move.setString(2, change.scheduleId());
            move.setString(3, owned.actorId());
            move.addBatch();
        }
        move.executeBatch();
    }
}
