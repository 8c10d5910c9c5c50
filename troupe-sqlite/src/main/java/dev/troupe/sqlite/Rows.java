package dev.troupe.sqlite;

import dev.troupe.Key;
import dev.troupe.TroupeException;
import dev.troupe.store.ActorRecord;
import dev.troupe.store.HistoryEntry;
import dev.troupe.store.DueSchedule;
import dev.troupe.store.OutboxMessage;
import dev.troupe.store.ScheduleRecord;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.util.HexFormat;

/** Maps result rows to the store's records; the column lists here are the ones the queries select. */
final class Rows {
    /** The columns {@link #actor} reads, in order. */
    static final String ACTOR_COLUMNS = "id, type, key, state, state_version, epoch, created_at, parent_id, input";
    /** The columns {@link #dueSchedule} reads, in order, from {@code schedules s JOIN actors a}. */
    static final String DUE_SCHEDULE_COLUMNS = "s.id, s.actor_id, s.due_at, s.action, s.args, a.type, a.key";

    /** The columns {@link #history} reads, in order, of the {@code history} journal. */
    static final String HISTORY_COLUMNS =
            "seq, at, caller, message, result, effects, state_hash, prev_hash, hash, checkpoint, checkpoint_version";
    /** {@link #HISTORY_COLUMNS} of the journal aliased {@code h}. */
    static final String JOURNAL_COLUMNS = "h." + String.join(", h.", HISTORY_COLUMNS.split(", "));
    private static final HexFormat HEX = HexFormat.of();

    /** The columns {@link #message} reads, in order, from {@code outbox} or {@code dead_letters}. */
    static final String MESSAGE_COLUMNS =
            "id, sender_id, caller, receiver_type, receiver_key, seq, action, args, sent_at";

    private Rows() {
    }

    /** The actor in the current row of a result selecting {@link #ACTOR_COLUMNS}. */
    static ActorRecord actor(ResultSet row) throws SQLException {
        return new ActorRecord(row.getString(1), row.getString(2), key(row.getString(3)), row.getString(4),
                row.getInt(5), row.getLong(6), Micros.toInstant(row.getLong(7)), row.getString(8),
                row.getString(9));
    }

    /** The due schedule in the current row of a result selecting {@link #DUE_SCHEDULE_COLUMNS}. */
    static DueSchedule dueSchedule(ResultSet row) throws SQLException {
        ScheduleRecord schedule = new ScheduleRecord(row.getString(1), row.getString(2),
                Micros.toInstant(row.getLong(3)), row.getString(4), row.getString(5));
        return new DueSchedule(schedule, row.getString(6), key(row.getString(7)));
    }

    /** The history entry in the current row of a result selecting {@link #HISTORY_COLUMNS}. */
    static HistoryEntry history(ResultSet row) throws SQLException {
        String checkpoint = row.getString(10);
        byte[] prev = row.getBytes(8);
        return new HistoryEntry(row.getLong(1), Micros.toInstant(row.getLong(2)), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), HEX.formatHex(row.getBytes(7)),
                prev == null ? null : HEX.formatHex(prev), HEX.formatHex(row.getBytes(9)),
                checkpoint == null ? null : new HistoryEntry.Checkpoint(checkpoint, row.getInt(11)));
    }

    /** The message in the current row of a result selecting {@link #MESSAGE_COLUMNS}. */
    static OutboxMessage message(ResultSet row) throws SQLException {
        return new OutboxMessage(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                key(row.getString(5)), row.getLong(6), row.getString(7), row.getString(8),
                Micros.toInstant(row.getLong(9)));
    }

    private static Key key(String json) throws SQLDataException {
        try {
            return Key.fromJson(json);
        } catch (TroupeException e) {
            throw new SQLDataException("a stored key is corrupt: " + json, e);
        }
    }
}
