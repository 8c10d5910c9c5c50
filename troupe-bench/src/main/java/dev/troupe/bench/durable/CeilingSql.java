package dev.troupe.bench.durable;

import org.jspecify.annotations.Nullable;

/**
 * The statements of a {@link StorageCeiling} in one database's dialect. The update's parameters are
 * the state, its version, the update time in microseconds, the id and the epoch; the insert's are the
 * id and the state, with version and epoch 1.
 *
 * @param createTable creates the ceiling's table
 * @param insert      inserts one row
 * @param update      updates one row, fenced by epoch like an actor write
 * @param arrayUpdate updates many rows in one statement, from an array of ids and an array of states
 *                    (fenced by epoch 1), or null if the dialect has no such form
 */
record CeilingSql(String createTable, String insert, String update, @Nullable String arrayUpdate) {
    private static final String INSERT =
            "INSERT INTO bench_ceiling (id, state, state_version, epoch, updated_at) VALUES (?, ?, 1, 1, 0)";
    private static final String UPDATE =
            "UPDATE bench_ceiling SET state = ?, state_version = ?, updated_at = ? WHERE id = ? AND epoch = ?";

    /** SQLite, with a STRICT table like the store's. */
    static final CeilingSql SQLITE = new CeilingSql("""
            CREATE TABLE bench_ceiling (
                id            TEXT    NOT NULL PRIMARY KEY,
                state         TEXT    NOT NULL,
                state_version INTEGER NOT NULL,
                epoch         INTEGER NOT NULL,
                updated_at    INTEGER NOT NULL
            ) STRICT""", INSERT, UPDATE, null);

    /** PostgreSQL. */
    static final CeilingSql POSTGRES = new CeilingSql("""
            CREATE TABLE bench_ceiling (
                id            text    NOT NULL PRIMARY KEY,
                state         text    NOT NULL,
                state_version integer NOT NULL,
                epoch         bigint  NOT NULL,
                updated_at    bigint  NOT NULL
            )""", INSERT, UPDATE, """
            UPDATE bench_ceiling AS t
            SET state = v.state, state_version = 1, updated_at = ?
            FROM unnest(?::text[], ?::text[]) AS v (id, state)
            WHERE t.id = v.id AND t.epoch = 1""");
}
