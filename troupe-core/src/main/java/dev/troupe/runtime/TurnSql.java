package dev.troupe.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ActorError;
import dev.troupe.ErrorCode;
import dev.troupe.Sql;
import dev.troupe.TroupeException;
import dev.troupe.json.Json;
import dev.troupe.store.StorageChange;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/*
 * One turn's use of the actor's SQL database (ActorSql).
 *
 * A writing turn's first call opens the transaction, SAVEPOINT "turn" on the writer connection; every
 * call runs inside a nested SAVEPOINT "call" and is undone if it fails, so a failed call leaves no change
 * and the turn may go on. The runner ends the transaction when the turn ends (end): a turn that threw is
 * rolled back; a turn that completed is released (committed to the in-memory database) and, if it wrote,
 * its changed pages become storage changes of the turn, which commit in its store transaction. If SQLite
 * dropped the transaction itself (it may after SQLITE_FULL), the database is put back to the last image
 * and the turn fails. Workflow steps roll back to marks (nested savepoints) with the rest of the turn.
 *
 * Read-only turns and views query ActorSql.read, the last image, never the writer's open transaction.
 * The creation turn has no SQL: the store writes no storage with the creation.
 *
 * In a recorded turn (a type with history) each call's result is an effect, "sql.exec" {"sql","changes"},
 * "sql.query" {"sql","rows"} (a blob as {"blob": base64}) and "sql.migrate" {"sql","count"}, or for a call
 * that failed {"sql","error","status"}; replay takes them from the entry (failing the same calls again)
 * and never opens the database.
 */
final class TurnSql implements Sql {
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final Base64.Decoder UNBASE64 = Base64.getDecoder();

    private final Supplier<ActorSql> database;
    private final @Nullable TurnEffects recorded;
    private final TurnKind kind;
    private @Nullable ActorSql open;
    private boolean wrote;
    private boolean lost;
    private boolean ended;
    private int marks;

    /**
     * @param database the activation's database, opened on first use
     * @param recorded the turn's effects if results are recorded (or replayed), else null
     */
    TurnSql(Supplier<ActorSql> database, @Nullable TurnEffects recorded, TurnKind kind) {
        this.database = database;
        this.recorded = recorded;
        this.kind = kind;
    }

    @Override
    public long exec(String sql, Object... params) {
        writable();
        List<SqlText.Statement> statements = SqlText.statements(Objects.requireNonNull(sql, "sql"));
        if (params.length > 0 && statements.size() > 1) {
            throw new TroupeException(ErrorCode.SQL_ERROR, "with parameters, exec runs one statement; this SQL has "
                    + statements.size());
        }
        checkParams(params);
        if (recorded == null) {
            return run(statements, params);
        }
        return recorded("sql.exec", sql, () -> Json.mapper().createObjectNode()
                .put("changes", run(statements, params))).path("changes").asLong();
    }

    @Override
    public List<Map<String, Object>> query(String sql, Object... params) {
        context();
        List<SqlText.Statement> statements = SqlText.statements(Objects.requireNonNull(sql, "sql"));
        if (statements.size() > 1) {
            throw new TroupeException(ErrorCode.SQL_ERROR, "query runs one statement; this SQL has " + statements.size());
        }
        SqlText.Statement statement = statements.getFirst();
        checkParams(params);
        if (kind.readOnly()) {
            return database.get().read(connection -> {
                try {
                    return rows(connection, statement, params);
                } catch (SQLException e) {
                    throw translate(e, "");
                }
            });
        }
        if (recorded == null) {
            return writingQuery(statement, params);
        }
        JsonNode answer = recorded("sql.query", sql, () -> {
            ObjectNode node = Json.mapper().createObjectNode();
            ArrayNode rows = node.putArray("rows");
            writingQuery(statement, params).forEach(row -> rows.add(encode(row)));
            return node;
        });
        List<Map<String, Object>> rows = new ArrayList<>();
        answer.path("rows").forEach(row -> rows.add(decode(row)));
        return Collections.unmodifiableList(rows);
    }

    @Override
    public <T> List<T> query(Class<T> type, String sql, Object... params) {
        Objects.requireNonNull(type, "type");
        List<Map<String, Object>> rows = query(sql, params);
        List<T> converted = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            try {
                converted.add(Json.mapper().convertValue(row, type));
            } catch (IllegalArgumentException e) {
                throw new TroupeException(ErrorCode.INVALID_ARGS, "a row of '" + sql + "' does not convert to "
                        + type.getSimpleName() + ": " + e.getMessage(), e);
            }
        }
        return converted;
    }

    @Override
    public int migrate(List<String> migrations) {
        writable();
        List<List<SqlText.Statement>> scripts = migrations.stream().map(SqlText::statements).toList();
        if (recorded == null) {
            return runMigrations(scripts);
        }
        return recorded("sql.migrate", migrations.size() + " migrations",
                () -> Json.mapper().createObjectNode().put("count", runMigrations(scripts))).path("count").asInt();
    }

    // ---- the turn's transaction -------------------------------------------------------------------

    /** A mark to roll back to (a nested savepoint), or -1 if the turn has not used the database yet. */
    int mark() {
        if (open == null) {
            return -1;
        }
        int mark = ++marks;
        internal(open, "SAVEPOINT m" + mark);
        return mark;
    }

    /** Undoes what the turn did in the database after {@code mark}. */
    void rollback(int mark) {
        if (open != null && !lost) {
            internal(open, mark < 0 ? "ROLLBACK TO turn" : "ROLLBACK TO m" + mark);
        }
    }

    /**
     * Ends the turn's transaction: rolled back unless {@code completed}; released if it did, with the changed
     * pages written into {@code storage}.
     *
     * @throws TroupeException if the transaction cannot commit (SQLite dropped it); the database is back
     *                         at the last image and the turn must fail
     */
    void end(boolean completed, Supplier<TurnStorage> storage) {
        ended = true;
        ActorSql db = open;
        if (db == null) {
            return;
        }
        open = null;
        try {
            if (!completed) {
                internal(db, "ROLLBACK TO turn");
            }
            internal(db, "RELEASE turn");
            if (completed && wrote) {
                TurnStorage changes = storage.get();
                for (StorageChange change : db.changes()) {
                    changes.writeReserved(change.key(), change.value());
                }
            }
        } catch (RuntimeException e) {
            db.reset();
            if (completed) {
                throw new TroupeException(ErrorCode.SQL_ERROR, "the turn's SQL transaction could not commit ("
                        + e.getMessage() + "); the turn is discarded", e);
            }
        }
    }

    // ---- running statements ------------------------------------------------------------------------

    private long run(List<SqlText.Statement> statements, Object[] params) {
        ActorSql db = begin();
        wrote = true;
        return inCall(db, "", connection -> {
            long before = connection.getDatabase().total_changes();
            for (SqlText.Statement statement : statements) {
                try (PreparedStatement prepared = prepare(connection, statement, params)) {
                    if (prepared.execute()) {
                        drain(prepared.getResultSet());
                    }
                }
            }
            return connection.getDatabase().total_changes() - before;
        });
    }

    private List<Map<String, Object>> writingQuery(SqlText.Statement statement, Object[] params) {
        ActorSql db = begin();
        wrote |= !statement.reads();
        return inCall(db, "", connection -> rows(connection, statement, params));
    }

    private int runMigrations(List<List<SqlText.Statement>> scripts) {
        ActorSql db = begin();
        int version = inCall(db, "", connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("PRAGMA user_version")) {
                return result.getInt(1);
            }
        });
        if (version > scripts.size()) {
            throw new TroupeException(ErrorCode.SQL_ERROR, "the database is at version " + version + ", beyond the "
                    + scripts.size() + " migrations given", Map.of("version", version));
        }
        if (version == scripts.size()) {
            return 0;
        }
        wrote = true;
        return inCall(db, "migration " + (version + 1) + " failed: ", connection -> {
            for (int i = version; i < scripts.size(); i++) {
                for (SqlText.Statement statement : scripts.get(i)) {
                    try (PreparedStatement prepared = prepare(connection, statement, new Object[0])) {
                        if (prepared.execute()) {
                            drain(prepared.getResultSet());
                        }
                    } catch (SQLException e) {
                        throw new MigrationFailed(i + 1, e);
                    }
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA user_version = " + (i + 1));
                }
            }
            return scripts.size() - version;
        });
    }

    /** A migration's statement failed: its number for the message. */
    private static final class MigrationFailed extends SQLException {
        private static final long serialVersionUID = 1L;
        final int migration;
        final SQLException failure;

        MigrationFailed(int migration, SQLException failure) {
            super(failure.getMessage(), failure);
            this.migration = migration;
            this.failure = failure;
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(SQLiteConnection connection) throws SQLException;
    }

    /** Runs {@code work} in a nested savepoint, undone if it fails. */
    private <T> T inCall(ActorSql db, String context, Work<T> work) {
        internal(db, "SAVEPOINT call");
        try {
            T value = work.run(db.writer());
            internal(db, "RELEASE call");
            return value;
        } catch (SQLException e) {
            undo(db);
            throw e instanceof MigrationFailed failed
                    ? translate(failed.failure, "migration " + failed.migration + " failed: ")
                    : translate(e, context);
        } catch (RuntimeException e) {
            undo(db);
            throw e;
        }
    }

    private void undo(ActorSql db) {
        try {
            internal(db, "ROLLBACK TO call");
            internal(db, "RELEASE call");
        } catch (IllegalStateException e) {
            lost = true;
        }
    }

    private ActorSql begin() {
        if (ended) {
            throw new IllegalStateException("a turn's SQL can be used only while the turn runs");
        }
        if (lost) {
            throw new TroupeException(ErrorCode.SQL_ERROR, "SQLite rolled back this turn's SQL transaction after "
                    + "an earlier error; the turn can run no more SQL and will be discarded");
        }
        if (open == null) {
            ActorSql db = database.get();
            internal(db, "SAVEPOINT turn");
            open = db;
        }
        return open;
    }

    private static void internal(ActorSql db, String sql) {
        try (Statement statement = db.writer().createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement prepare(SQLiteConnection connection, SqlText.Statement statement,
                                             Object[] params) throws SQLException {
        PreparedStatement prepared = connection.prepareStatement(statement.text());
        int placeholders = prepared.getParameterMetaData().getParameterCount();
        if (placeholders != params.length) {
            prepared.close();
            throw new TroupeException(ErrorCode.SQL_ERROR, "the statement has " + placeholders
                    + " placeholders but " + params.length + " parameters were given: " + statement.text(),
                    Map.of("placeholders", placeholders, "parameters", params.length));
        }
        for (int i = 0; i < params.length; i++) {
            switch (params[i]) {
                case null -> prepared.setNull(i + 1, java.sql.Types.NULL);
                case String text -> prepared.setString(i + 1, text);
                case Double number -> prepared.setDouble(i + 1, number);
                case Float number -> prepared.setDouble(i + 1, number);
                case Number number -> prepared.setLong(i + 1, number.longValue());
                case Boolean flag -> prepared.setLong(i + 1, flag ? 1 : 0);
                case byte[] bytes -> prepared.setBytes(i + 1, bytes);
                default -> throw new IllegalStateException("unchecked parameter " + params[i].getClass());
            }
        }
        return prepared;
    }

    private static void checkParams(Object[] params) {
        for (int i = 0; i < params.length; i++) {
            Object param = params[i];
            boolean integral = param instanceof Long || param instanceof Integer || param instanceof Short
                    || param instanceof Byte;
            if (!(param == null || integral || param instanceof Double || param instanceof Float
                    || param instanceof String || param instanceof Boolean || param instanceof byte[])) {
                throw new TroupeException(ErrorCode.INVALID_ARGS, "SQL parameter " + (i + 1) + " is a "
                        + param.getClass().getSimpleName() + "; parameters are null, Long, Integer, Short, Byte, "
                        + "Double, Float, Boolean, String or byte[]", Map.of("parameter", i + 1));
            }
        }
    }

    private static List<Map<String, Object>> rows(SQLiteConnection connection, SqlText.Statement statement,
                                                  Object[] params) throws SQLException {
        try (PreparedStatement prepared = prepare(connection, statement, params)) {
            if (!prepared.execute()) {
                return List.of();
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = prepared.getResultSet()) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int column = 1; column <= meta.getColumnCount(); column++) {
                        row.put(meta.getColumnLabel(column), value(result.getObject(column)));
                    }
                    rows.add(Collections.unmodifiableMap(row));
                }
            }
            return Collections.unmodifiableList(rows);
        }
    }

    private static void drain(ResultSet result) throws SQLException {
        try (result) {
            while (result.next()) {
                result.getObject(1);
            }
        }
    }

    private static @Nullable Object value(@Nullable Object cell) {
        return switch (cell) {
            case Integer number -> number.longValue();
            case Short number -> number.longValue();
            case Float number -> number.doubleValue();
            case null, default -> cell;
        };
    }

    private static ObjectNode encode(Map<String, Object> row) {
        ObjectNode node = Json.mapper().createObjectNode();
        row.forEach((column, value) -> {
            switch (value) {
                case null -> node.putNull(column);
                case Long number -> node.put(column, number);
                case Double number -> node.put(column, number);
                case byte[] bytes -> node.putObject(column).put("blob", BASE64.encodeToString(bytes));
                default -> node.put(column, value.toString());
            }
        });
        return node;
    }

    private static Map<String, Object> decode(JsonNode row) {
        Map<String, Object> decoded = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> cells = row.fields(); cells.hasNext(); ) {
            Map.Entry<String, JsonNode> cell = cells.next();
            JsonNode value = cell.getValue();
            decoded.put(cell.getKey(), value.isNull() ? null : value.isIntegralNumber() ? value.asLong()
                    : value.isNumber() ? value.asDouble() : value.isObject() ? UNBASE64.decode(value.path("blob").asText())
                    : value.asText());
        }
        return Collections.unmodifiableMap(decoded);
    }

    /**
     * The result of a call in a recorded turn: {@code live}'s, recorded with the SQL, or, in replay, the
     * recorded one; a call that failed is recorded with its error and fails again in replay.
     */
    private JsonNode recorded(String effect, String sql, Supplier<ObjectNode> live) {
        JsonNode answer = Objects.requireNonNull(recorded).record(effect, JsonNode.class, () -> {
            try {
                return live.get().put("sql", sql);
            } catch (TroupeException e) {
                ObjectNode failed = Json.mapper().createObjectNode().put("sql", sql).put("status", e.status());
                failed.set("error", Json.mapper().valueToTree(e.error()));
                return failed;
            }
        });
        if (!sql.equals(answer.path("sql").asText())) {
            throw new ReplayedEffects.Divergence("the turn runs SQL '" + sql + "' in replay but '"
                    + answer.path("sql").asText() + "' was recorded");
        }
        if (answer.has("error")) {
            ActorError error;
            try {
                error = Json.mapper().treeToValue(answer.get("error"), ActorError.class);
            } catch (JsonProcessingException e) {
                throw new ReplayedEffects.Divergence("the recorded error of '" + sql + "' is unreadable: " + e.getMessage());
            }
            throw new TroupeException(error, answer.path("status").asInt());
        }
        return answer;
    }

    private static TroupeException translate(SQLException e, String context) {
        SQLiteErrorCode code = e instanceof SQLiteException sqlite ? sqlite.getResultCode() : SQLiteErrorCode.UNKNOWN_ERROR;
        String message = e.getMessage();
        int open = message.indexOf(" (");
        if (open >= 0 && message.endsWith(")")) {
            message = message.substring(open + 2, message.length() - 1);
        }
        if (code == SQLiteErrorCode.SQLITE_FULL) {
            return new TroupeException(ErrorCode.SQL_TOO_LARGE, context + "the actor's SQL database would grow beyond "
                    + "its limit of " + MAX_DATABASE_BYTES + " bytes", Map.of("limit", MAX_DATABASE_BYTES));
        }
        return new TroupeException(ErrorCode.SQL_ERROR, context + message, Map.of("sqlite", code.name()));
    }

    private void context() {
        if (kind == TurnKind.CREATE) {
            throw new TroupeException(ErrorCode.SQL_FORBIDDEN, "SQL is not available while the actor is created "
                    + "(initialState, onCreate); migrate in onWake, which runs right after", Map.of("statement", "#onCreate"));
        }
    }

    private void writable() {
        context();
        if (kind.readOnly()) {
            throw new IllegalStateException("a @ReadOnly action must not change the SQL database");
        }
    }
}
