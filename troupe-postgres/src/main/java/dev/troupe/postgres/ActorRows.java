package dev.troupe.postgres;

import dev.troupe.Key;
import dev.troupe.TroupeException;
import dev.troupe.store.ActorRecord;
import dev.troupe.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads {@link ActorRecord}s from rows of {@code troupe_actors}. */
final class ActorRows {
    /** The columns {@link #read} expects, for SELECT and RETURNING lists. */
    static final String COLUMNS = "id, type, key, state, state_version, epoch, created_at, parent_id, input";

    private ActorRows() {
    }

    /** The actor in the current row. */
    static ActorRecord read(ResultSet row) throws SQLException {
        String id = row.getString("id");
        return new ActorRecord(id, row.getString("type"), key(id, row.getString("key")), row.getString("state"),
                row.getInt("state_version"), row.getLong("epoch"), Timestamps.read(row, "created_at"),
                row.getString("parent_id"), row.getString("input"));
    }

    /** Every actor the query selects, in its order. */
    static List<ActorRecord> readAll(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            List<ActorRecord> actors = new ArrayList<>();
            while (rows.next()) {
                actors.add(read(rows));
            }
            return actors;
        }
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
