package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.history.History;
import dev.troupe.history.ReplayReport;
import dev.troupe.json.Json;
import dev.troupe.store.ActorRecord;
import dev.troupe.store.MemoryStore;
import dev.troupe.store.Store;
import dev.troupe.testing.FaultyStore;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An actor's own SQL database: part of the turn, durable with the state, sandboxed, migrated, replayable. */
class SqlTest {
    static final List<String> MIGRATIONS = List.of(
            "CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT NOT NULL UNIQUE, body BLOB)",
            "ALTER TABLE notes ADD COLUMN stars INTEGER NOT NULL DEFAULT 0; CREATE INDEX notes_stars ON notes (stars)");

    /** Notes in SQL, with the number of added notes in the state. */
    @ActorContract("test-sql-notes")
    public interface Notes {
        long add(String title, int stars);

        long addThenFail(String title);

        long addBoth(String first, String second);

        String run(String sql);

        long exec(String sql, List<Object> params);

        long addPadded(int count, int padding);

        int migrateAgain();

        int migrateWith(List<String> migrations);

        @ReadOnly
        List<Map<String, Object>> query(String sql);

        @ReadOnly
        List<Note> notes();

        @ReadOnly
        void addWhileReading(String title);

        @ReadOnly
        long added();
    }

    /** A row of {@code notes}, mapped by column name. */
    public record Note(long id, String title, long stars) {
    }

    /** Implements {@link Notes}; migrates in {@code onWake}. */
    public static final class NotesActor extends Actor<NotesActor.State> implements Notes {
        /** The state: how many notes were added. */
        public record State(long added) {
        }

        @Override
        protected State initialState(Input input) {
            return new State(0);
        }

        @Override
        protected void onWake() {
            sql().migrate(MIGRATIONS);
        }

        @Override
        public long add(String title, int stars) {
            sql().exec("INSERT INTO notes (title, stars) VALUES (?, ?)", title, stars);
            return update(s -> new State(s.added() + 1)).added();
        }

        @Override
        public long addThenFail(String title) {
            add(title, 1);
            throw new UserException("refused", "not today");
        }

        @Override
        public long addBoth(String first, String second) {
            add(first, 1);
            try {
                add(second, 1);
            } catch (TroupeException e) {
                sql().exec("INSERT INTO notes (title) VALUES (?)", second + " (again)");
            }
            return state().added();
        }

        @Override
        public String run(String sql) {
            return Long.toString(sql().exec(sql));
        }

        @Override
        public long exec(String sql, List<Object> params) {
            return sql().exec(sql, params.toArray());
        }

        @Override
        public long addPadded(int count, int padding) {
            long changed = 0;
            for (int i = 0; i < count; i++) {
                changed += sql().exec("INSERT INTO notes (title, body) VALUES (?, ?)", "padded " + state().added() + "/" + i,
                        new byte[padding]);
            }
            update(s -> new State(s.added() + count));
            return changed;
        }

        @Override
        public int migrateAgain() {
            return sql().migrate(MIGRATIONS);
        }

        @Override
        public int migrateWith(List<String> migrations) {
            return sql().migrate(migrations);
        }

        @Override
        public List<Map<String, Object>> query(String sql) {
            return sql().query(sql);
        }

        @Override
        public List<Note> notes() {
            return sql().query(Note.class, "SELECT id, title, stars FROM notes ORDER BY id");
        }

        @Override
        public void addWhileReading(String title) {
            sql().exec("INSERT INTO notes (title) VALUES (?)", title);
        }

        @Override
        public long added() {
            return state().added();
        }
    }

    /** Runs SQL in {@code initialState}, which has none. */
    @ActorContract("test-sql-early")
    public interface Early {
        @ReadOnly
        long answer();
    }

    /** Implements {@link Early}. */
    public static final class EarlyActor extends Actor<Long> implements Early {
        @Override
        protected Long initialState(Input input) {
            return sql().exec("CREATE TABLE t (a)");
        }

        @Override
        public long answer() {
            return state();
        }
    }

    private static Troupe troupe(Store store, Consumer<TypeOptions> options) {
        return Troupe.builder().store(store).register(NotesActor.class, options::accept)
                .register(EarlyActor.class).build();
    }

    private static List<String> titles(Notes notes) {
        return notes.notes().stream().map(Note::title).toList();
    }

    private static void failsWith(ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TroupeException.class,
                e -> assertThat(e.error().is(code)).as(e.getMessage()).isTrue());
    }

    @Test
    void sqlAndState_commitTogether_andAreDurableAcrossActivations() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store, type -> { })) {
            Notes notes = troupe.actor(Notes.class, Key.of("n"));
            notes.add("one", 1);
            notes.add("two", 3);
            assertThat(notes.notes()).containsExactly(new Note(1, "one", 1), new Note(2, "two", 3));
        }
        try (Troupe troupe = troupe(store, type -> { })) {
            Notes notes = troupe.actor(Notes.class, Key.of("n"));
            assertThat(titles(notes)).containsExactly("one", "two");
            assertThat(notes.added()).isEqualTo(2);
            assertThat(notes.migrateAgain()).isZero();
            assertThat(notes.query("PRAGMA user_version")).containsExactly(Map.of("user_version", 2L));
        }
    }

    @Test
    void aDatabaseOfManyPages_survivesTheActivation_pageForPage() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store, type -> { })) {
            Notes notes = troupe.actor(Notes.class, Key.of("n"));
            for (int round = 0; round < 5; round++) {
                assertThat(notes.addPadded(40, 1_000)).isEqualTo(40);
            }
            notes.run("DELETE FROM notes WHERE id % 3 = 0");
        }
        try (Troupe troupe = troupe(store, type -> { })) {
            Notes notes = troupe.actor(Notes.class, Key.of("n"));
            assertThat(notes.query("SELECT count(*) AS n, sum(length(body)) AS bytes FROM notes"))
                    .containsExactly(Map.of("n", 134L, "bytes", 134_000L));
            assertThat(notes.query("PRAGMA integrity_check")).containsExactly(Map.of("integrity_check", "ok"));
            String id = store.find("test-sql-notes", Key.of("n")).map(ActorRecord::id).orElseThrow();
            assertThat(store.storage(id).keySet()).filteredOn(key -> key.startsWith("#sql/")).hasSizeGreaterThan(50);
        }
    }

    @Test
    void aTurnThatThrows_leavesNoSqlChange_andReadOnlyTurnsMayOnlyRead() {
        try (Troupe troupe = troupe(new MemoryStore(), type -> { })) {
            Notes notes = troupe.actor(Notes.class, Key.of("n"));
            notes.add("kept", 1);

            assertThatThrownBy(() -> notes.addThenFail("lost")).isInstanceOf(UserException.class);
            assertThatThrownBy(() -> notes.addWhileReading("sneaky")).isInstanceOf(TroupeException.class);

            assertThat(titles(notes)).containsExactly("kept");
            assertThat(notes.added()).isEqualTo(1);
        }
    }

    @Test
    void aFailedCommit_losesStateAndSqlTogether_andTheActorReloadsWhatIsDurable() {
        FaultyStore store = new FaultyStore();
        try (Troupe troupe = troupe(store, type -> { })) {
            Notes notes = troupe.actor(Notes.class, Key.of("n"));
            notes.add("durable", 1);
            store.failNextCommits(1);

            assertThatThrownBy(() -> notes.add("lost", 1)).isInstanceOf(TroupeException.class);

            assertThat(titles(notes)).containsExactly("durable");
            assertThat(notes.added()).isEqualTo(1);
            notes.add("after", 1);
            assertThat(titles(notes)).containsExactly("durable", "after");
        }
    }

    @Test
    void aFailingStatement_isSqlError_withSqlitesMessage_andTheTurnMayGoOn() {
        try (Troupe troupe = troupe(new MemoryStore(), type -> { })) {
            Notes notes = troupe.actor(Notes.class, Key.of("n"));
            notes.add("twice", 1);

            assertThatThrownBy(() -> notes.add("twice", 1)).isInstanceOfSatisfying(TroupeException.class, e -> {
                assertThat(e.error().is(ErrorCode.SQL_ERROR)).isTrue();
                assertThat(e.getMessage()).contains("UNIQUE constraint failed: notes.title");
            });
            failsWith(ErrorCode.SQL_ERROR, () -> notes.run("SELEC 1"));
            failsWith(ErrorCode.SQL_ERROR, () -> notes.run("INSERT INTO nowhere VALUES (1)"));
            failsWith(ErrorCode.SQL_ERROR, () -> notes.run("INSERT INTO notes (title) VALUES ('a'); INSERT INTO nowhere VALUES (1)"));
            assertThat(notes.addBoth("first", "twice")).isEqualTo(2);

            assertThat(titles(notes)).containsExactly("twice", "first", "twice (again)");
        }
    }

    @Test
    void parameters_bindSqlitesTypes_andOthersAreRefused() {
        try (Troupe troupe = troupe(new MemoryStore(), type -> { })) {
            Notes notes = troupe.actor(Notes.class, Key.of("n"));
            notes.run("CREATE TABLE v (a, b, c, d)");
            assertThat(notes.exec("INSERT INTO v VALUES (?, ?, ?, ?)", List.of(7, 2.5, "x", true))).isEqualTo(1);
            assertThat(notes.query("SELECT a, b, c, d, typeof(d) AS t FROM v"))
                    .containsExactly(Map.of("a", 7L, "b", 2.5, "c", "x", "d", 1L, "t", "integer"));

            failsWith(ErrorCode.SQL_ERROR, () -> notes.exec("INSERT INTO v VALUES (?, ?, ?, ?)", List.of(1)));
            failsWith(ErrorCode.SQL_ERROR, () -> notes.exec("INSERT INTO v (a) VALUES (?); SELECT 1", List.of(1)));
            failsWith(ErrorCode.INVALID_ARGS, () -> notes.exec("INSERT INTO v (a) VALUES (?)", List.of(List.of(1))));
            failsWith(ErrorCode.SQL_ERROR, () -> notes.run("SELECT 'open"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ATTACH DATABASE ':memory:' AS other",
        "DETACH other",
        "BEGIN",
        "begin immediate",
        "COMMIT",
        "END TRANSACTION",
        "ROLLBACK",
        "SAVEPOINT mine",
        "RELEASE mine",
        "VACUUM",
        "VACUUM INTO '/tmp/stolen.db'",
        "PRAGMA writable_schema = 1",
        "PRAGMA user_version = 7",
        "PRAGMA main.user_version = 7",
        "pragma page_size(1024)",
        "PRAGMA journal_mode",
        "PRAGMA query_only = OFF",
        "CREATE TEMP TABLE scratch (a)",
        "CREATE TEMPORARY VIEW scratch AS SELECT 1",
        "SELECT load_extension('evil')",
        "INSERT INTO notes (title) VALUES ('ok'); /* then */ ATTACH ':memory:' AS x",
        "EXPLAIN VACUUM",
    })
    void whatWouldBreakTheSandbox_isRefused_beforeSqliteRunsIt(String sql) {
        try (Troupe troupe = troupe(new MemoryStore(), type -> { })) {
            Notes notes = troupe.actor(Notes.class, Key.of("n"));

            failsWith(ErrorCode.SQL_FORBIDDEN, () -> notes.run(sql));

            assertThat(titles(notes)).isEmpty();
        }
    }

    @Test
    void namesAndStrings_thatSpellForbiddenWords_areNotRefused_andTriggersSplitWhole() {
        try (Troupe troupe = troupe(new MemoryStore(), type -> { })) {
            Notes notes = troupe.actor(Notes.class, Key.of("n"));
            notes.run("""
                    CREATE TABLE "attach" (pragma TEXT, [vacuum] TEXT); -- BEGIN; a comment
                    CREATE TRIGGER copy AFTER INSERT ON notes BEGIN
                      INSERT INTO "attach" VALUES (new.title, CASE WHEN new.stars > 1 THEN 'many' ELSE 'few' END);
                      UPDATE notes SET stars = stars WHERE id = new.id;
                    END;
                    INSERT INTO notes (title) VALUES ('load_extension(''x''); COMMIT');
                    """);

            assertThat(notes.query("SELECT pragma, vacuum FROM \"attach\""))
                    .containsExactly(Map.of("pragma", "load_extension('x'); COMMIT", "vacuum", "few"));
            assertThat(notes.query("PRAGMA table_info(notes)")).hasSize(4);
        }
    }

    @Test
    void aDatabaseBeyondTheLimit_isSqlTooLarge_andTheStatementTakesNoEffect() {
        try (Troupe troupe = troupe(new MemoryStore(), type -> { })) {
            Notes notes = troupe.actor(Notes.class, Key.of("n"));
            notes.add("small", 1);

            assertThatThrownBy(() -> notes.run("INSERT INTO notes (title, body) VALUES ('huge', zeroblob("
                    + (Sql.MAX_DATABASE_BYTES + 1) + "))")).isInstanceOfSatisfying(TroupeException.class, e -> {
                        assertThat(e.error().is(ErrorCode.SQL_TOO_LARGE)).isTrue();
                        assertThat(e.error().metadata()).containsEntry("limit", Sql.MAX_DATABASE_BYTES);
                    });

            notes.add("after", 1);
            assertThat(titles(notes)).containsExactly("small", "after");
        }
    }

    @Test
    void migrations_runOnce_inOrder_andAFailingOneUndoesTheCall() {
        try (Troupe troupe = troupe(new MemoryStore(), type -> { })) {
            Notes notes = troupe.actor(Notes.class, Key.of("n"));
            assertThat(notes.migrateAgain()).isZero();

            List<String> more = new java.util.ArrayList<>(MIGRATIONS);
            more.add("CREATE TABLE tags (name TEXT)");
            more.add("INSERT INTO tags VALUES ('a'); INSERT INTO nowhere VALUES (1)");
            assertThatThrownBy(() -> notes.migrateWith(more)).isInstanceOfSatisfying(TroupeException.class, e -> {
                assertThat(e.error().is(ErrorCode.SQL_ERROR)).isTrue();
                assertThat(e.error().message()).startsWith("migration 4 failed: ").contains("no such table: nowhere");
            });
            assertThat(notes.query("PRAGMA user_version")).containsExactly(Map.of("user_version", 2L));
            assertThat(notes.query("SELECT name FROM sqlite_schema WHERE name = 'tags'")).isEmpty();

            assertThat(notes.migrateWith(more.subList(0, 3))).isEqualTo(1);
            assertThat(notes.migrateWith(more.subList(0, 3))).isZero();
            failsWith(ErrorCode.SQL_ERROR, () -> notes.migrateWith(MIGRATIONS));
        }
    }

    @Test
    void sqlWhileTheActorIsCreated_isRefused() {
        try (Troupe troupe = troupe(new MemoryStore(), type -> { })) {
            failsWith(ErrorCode.SQL_FORBIDDEN, () -> troupe.actor(Early.class, Key.of("e")).answer());
        }
    }

    @Test
    void withHistory_resultsAreRecordedEffects_andReplayReproducesTheChain() throws Exception {
        try (Troupe troupe = troupe(new MemoryStore(), TypeOptions::history)) {
            Notes notes = troupe.actor(Notes.class, Key.of("h"));
            notes.add("a", 1);
            notes.addBoth("b", "a");
            notes.addPadded(2, 10);

            History history = troupe.history(Notes.class, Key.of("h"));
            ReplayReport replay = history.replay();

            assertThat(replay.deterministic()).as(replay.problem()).isTrue();
            assertThat(history.verify().valid()).isTrue();
            assertThat(history.entries(0, 20)).flatExtracting(entry -> List.copyOf(Json.mapper().readTree(entry.effects())
                            .findValuesAsText("name"))).contains("sql.migrate", "sql.exec");
        }
    }
}
