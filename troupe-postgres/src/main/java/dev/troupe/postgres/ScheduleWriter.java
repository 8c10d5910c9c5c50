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
 * <p>Consecutive changes of the same kind go in one batch, so a sequence such as put, remove, put of
 * one id keeps its meaning. Within a run of puts only the last put of each id is sent: the effect is
 * the same and the batch stays valid if the driver rewrites it into one multi-row insert.
 */
final class ScheduleWriter {
    private static final String UPSERT = """
            INSERT INTO troupe_schedules (id, actor_id, due_at, action, args) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET actor_id = excluded.actor_id, due_at = excluded.due_at,
                action = excluded.action, args = excluded.args""";
    private static final String DELETE = "DELETE FROM troupe_schedules WHERE id = ?";

    private ScheduleWriter() {
    }

    /** Inserts the schedules, replacing any of the same id. */
    static void put(Connection connection, List<ScheduleRecord> schedules) throws SQLException {
        apply(connection, schedules.stream().<ScheduleChange>map(ScheduleChange.Put::new).toList());
    }

    /** Applies the changes in order. */
    static void apply(Connection connection, List<ScheduleChange> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT);
             PreparedStatement delete = connection.prepareStatement(DELETE)) {
            for (List<ScheduleChange> run : runsOfOneKind(changes)) {
                if (run.getFirst() instanceof ScheduleChange.Put) {
                    upsert(upsert, run);
                } else {
                    delete(delete, run);
                }
            }
        }
    }

    private static List<List<ScheduleChange>> runsOfOneKind(List<ScheduleChange> changes) {
        List<List<ScheduleChange>> runs = new ArrayList<>();
        List<ScheduleChange> run = new ArrayList<>();
        for (ScheduleChange change : changes) {
            if (!run.isEmpty() && run.getFirst().getClass() != change.getClass()) {
                runs.add(run);
                run = new ArrayList<>();
            }
            run.add(change);
        }
        runs.add(run);
        return runs;
    }

    private static void upsert(PreparedStatement upsert, List<ScheduleChange> puts) throws SQLException {
        Map<String, ScheduleRecord> lastById = new LinkedHashMap<>();
        for (ScheduleChange change : puts) {
            ScheduleRecord schedule = ((ScheduleChange.Put) change).schedule();
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

    private static void delete(PreparedStatement delete, List<ScheduleChange> removes) throws SQLException {
        for (ScheduleChange change : removes) {
            delete.setString(1, ((ScheduleChange.Remove) change).scheduleId());
            delete.addBatch();
        }
        delete.executeBatch();
    }
}
