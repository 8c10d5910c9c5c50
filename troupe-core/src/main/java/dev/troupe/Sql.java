package dev.troupe;

import java.util.List;
import java.util.Map;

/**
 * The actor's own SQL database (SQLite), queried and written inside its turns, as Durable Objects'
 * {@code ctx.storage.sql} and RivetKit's actor databases give: for data with structure, indexes and
 * queries, where the key–value {@link Storage} would need hand-made indexes.
 *
 * <p>Changes are part of the current turn: a turn's statements run in a transaction of its own that
 * commits in the same store transaction as its state, storage, schedules and messages, or not at all; a
 * turn that throws leaves no SQL change, and its caller sees the result only once the change is durable.
 * Read-only actions and views may {@link #query} what the completed turns left and may not change
 * anything. The database lives in memory while the actor is awake and is saved page by page in the
 * actor's storage, on every store; it is at most {@value #MAX_DATABASE_BYTES} bytes.
 *
 * <p>Values bind and come back as SQLite's types: {@code null}, {@code Long} (from any integral number
 * or a {@code Boolean}, as 0 or 1), {@code Double}, {@code String} and {@code byte[]}. Statements use
 * {@code ?} placeholders bound in order. Refused with {@code sql/forbidden}: ATTACH and DETACH, transaction
 * control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE: the turn owns the transaction), VACUUM, PRAGMAs
 * other than reading the schema-inspection ones, temporary tables, load_extension. A statement SQLite
 * refuses throws {@code sql/error} with SQLite's message and takes no effect; the turn may catch it and
 * go on. Growing beyond the size limit throws {@code sql/too_large}.
 *
 * <p>In a type with history, each call's result is a recorded effect ({@code sql.exec}, {@code sql.query},
 * {@code sql.migrate}), so replay returns what the turn got without a database; the changes are not part
 * of the state hash.
 */
public interface Sql {
    /** The largest database an actor may have, in bytes: 16 MiB (16,384 pages of 1 KiB). */
    long MAX_DATABASE_BYTES = 16L << 20;

    /**
     * Runs {@code sql}: one statement with {@code params} bound to its placeholders, or, without
     * parameters, a script of statements separated by {@code ;}.
     *
     * @return the number of rows the statements inserted, updated or deleted
     * @throws TroupeException {@code sql/error}, {@code sql/forbidden}, {@code sql/too_large}; {@code
     *                         request/invalid_args} for a parameter of another type
     */
    long exec(String sql, Object... params);

    /**
     * The rows of one statement, each a map from column name to value in column order.
     *
     * @throws TroupeException as {@link #exec}
     */
    List<Map<String, Object>> query(String sql, Object... params);

    /**
     * The rows of one statement, each converted to {@code type} (a record or bean whose properties are
     * named as the columns) as JSON would be.
     *
     * @throws TroupeException as {@link #exec}, and {@code request/invalid_args} if a row does not convert
     */
    <T> List<T> query(Class<T> type, String sql, Object... params);

    /**
     * Brings the schema up to date: {@code migrations.get(i)} is the script that takes the database from
     * version {@code i} to {@code i + 1}; the ones the database has not had yet run in this turn, in
     * order, and the version is kept in the database ({@code PRAGMA user_version}). Calling it again with
     * the same list does nothing, so {@code onWake} is a good place for it; append, never edit, released
     * migrations.
     *
     * @return how many migrations ran
     * @throws TroupeException {@code sql/error} if a migration fails (none of this call's take effect if
     *                         the turn then throws) or the database is at a version beyond the list
     */
    int migrate(List<String> migrations);
}
