package dev.troupe.postgres;

import dev.troupe.Key;
import dev.troupe.TroupeException;
import dev.troupe.store.ActorRecord;
import dev.troupe.store.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads {@link ActorRecord}s from rows of {@code troupe_actors}. */
final class ActorRows {
    /** The columns {@link #read} expects, for SELECT and RETURNING lists. */
    static final String COLUMNS = "id, type, key, state, state_version, epoch, created_at";

    private ActorRows() {
    }

    /** The actor in the current row. */
    static ActorRecord read(ResultSet row) throws SQLException {
        String id = row.getString("id");
        return new ActorRecord(id, row.getString("type"), key(id, row.getString("key")), row.getString("state"),
                row.getInt("state_version"), row.getLong("epoch"), Timestamps.read(row, "created_at"));
    }

    /** The key stored as {@code json} for actor {@code id}. */
    static Key key(String id, String json) {
        try {
            return Key.fromJson(json);
        } catch (TroupeException e) {
            throw new StoreException("PostgreSQL store: actor " + id + " has a corrupt key " + json, e);
        }
    }
}
