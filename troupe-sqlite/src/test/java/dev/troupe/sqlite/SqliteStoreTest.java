package dev.troupe.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.Key;
import dev.troupe.store.ActorRecord;
import dev.troupe.store.ScheduleRecord;
import dev.troupe.store.Store;
import dev.troupe.store.StoreConformanceTest;
import dev.troupe.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conformance suite against {@link SqliteStore}, plus what only a SQLite file can show. */
class SqliteStoreTest extends StoreConformanceTest {
    @TempDir
    Path directory;

    @Override
    protected Store newStore() {
        return SqliteStore.open(directory);
    }

    @Override
    protected Store reopen(Store old) {
        old.close();
        return SqliteStore.open(directory);
    }

    private Connection sideConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + directory.resolve(SqliteStore.DATABASE_FILE));
    }

    private static List<List<String>> rows(Connection connection, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    row.add(result.getString(c));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void connections_haveWalFullSynchronousForeignKeysAndABusyTimeout() throws SQLException {
        SqliteConnections connections = new SqliteConnections(directory.resolve("pragmas.db"));
        try (Connection writer = connections.openWriter(); Connection reader = connections.openReader()) {
            for (Connection connection : List.of(writer, reader)) {
                assertThat(SqliteConnections.pragma(connection, "journal_mode")).isEqualTo("wal");
                assertThat(SqliteConnections.pragma(connection, "synchronous")).isEqualTo("2");
                assertThat(SqliteConnections.pragma(connection, "foreign_keys")).isEqualTo("1");
                assertThat(SqliteConnections.pragma(connection, "busy_timeout"))
                        .isEqualTo(Integer.toString(SqliteConnections.BUSY_TIMEOUT_MILLIS));
            }
            assertThat(SqliteConnections.pragma(writer, "query_only")).isEqualTo("0");
            assertThat(SqliteConnections.pragma(reader, "query_only")).isEqualTo("1");
        }
    }

    @Test
    void open_leavesTheFileInWalMode() throws SQLException {
        try (Connection side = sideConnection()) {
            assertThat(SqliteConnections.pragma(side, "journal_mode")).isEqualTo("wal");
        }
    }

    @Test
    void open_createsMissingDirectoriesAndOneDatabaseFile(@TempDir Path elsewhere) {
        Path nested = elsewhere.resolve("a").resolve("b");

        try (SqliteStore nestedStore = SqliteStore.open(nested)) {
            assertThat(nestedStore.databaseFile()).isEqualTo(nested.toAbsolutePath().resolve("troupe.db"));
            assertThat(nestedStore.databaseFile()).isRegularFile();
        }
    }

    @Test
    void migrations_areNumberedFromOneInIncreasingOrder() {
        // Numbers are assigned per branch (docs: migrations), so one may land before a lower one.
        List<Integer> versions = Schema.MIGRATIONS.stream().map(Migration::version).toList();
        assertThat(versions.getFirst()).isEqualTo(1);
        assertThat(versions).isSortedAccordingTo(Integer::compare).doesNotHaveDuplicates();
        assertThat(Schema.latestVersion()).isEqualTo(versions.getLast());
    }

    @Test
    void migrations_areAppliedOnceAndAreIdempotentAcrossReopen() throws SQLException {
        store().create(actor("a1", COUNTER, Key.of("one")), List.of());

        reopenStore();
        reopenStore();

        assertThat(store().findById("a1")).isPresent();
        try (Connection side = sideConnection()) {
            assertThat(rows(side, "SELECT version FROM schema_version ORDER BY version"))
                    .containsExactlyElementsOf(Schema.MIGRATIONS.stream()
                            .map(m -> List.of(Integer.toString(m.version()))).toList());
            assertThat(rows(side, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"))
                    .containsExactly(List.of("actor_storage"), List.of("actors"), List.of("content"), List.of("content_chunks"),
                            List.of("content_labels"), List.of("dead_letters"), List.of("history"),
                            List.of("history_index"), List.of("history_indexed"), List.of("message_pairs"),
                            List.of("outbox"), List.of("schedules"), List.of("schema_version"));
        }
    }

    @Test
    void open_databaseFromANewerSchema_isRefusedWithAClearError() throws SQLException {
        store().close();
        try (Connection side = sideConnection()) {
            execute(side, "INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'future', 0)");
        }

        assertThatThrownBy(() -> SqliteStore.open(directory))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(directory.resolve("troupe.db").toString())
                .hasMessageContaining("schema version 99");
    }

    @Test
    void open_corruptDatabaseFile_givesAClearStoreException(@TempDir Path elsewhere) throws Exception {
        Path file = elsewhere.resolve(SqliteStore.DATABASE_FILE);
        Files.writeString(file, "this is not a SQLite database ".repeat(200), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SqliteStore.open(elsewhere))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a database")
                .hasCauseInstanceOf(SQLException.class);
    }

    @Test
    void open_whereADirectoryCannotBeCreated_givesAClearStoreException(@TempDir Path elsewhere) throws Exception {
        Path blocker = elsewhere.resolve("blocker");
        Files.writeString(blocker, "a file where the data directory should go");
        Path dataDirectory = blocker.resolve("data");

        assertThatThrownBy(() -> SqliteStore.open(dataDirectory))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot create the data directory " + dataDirectory);
    }

    @Test
    void open_whereTheDatabaseFileIsADirectory_givesAClearStoreException(@TempDir Path elsewhere) throws Exception {
        Files.createDirectory(elsewhere.resolve(SqliteStore.DATABASE_FILE));

        assertThatThrownBy(() -> SqliteStore.open(elsewhere))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot open the Troupe database " + elsewhere.resolve("troupe.db"));
    }

    @Test
    void destroy_alsoClearsTheActorsHistory() throws SQLException {
        store().create(actor("a1", COUNTER, Key.of("one")), List.of());
        store().create(actor("a2", COUNTER, Key.of("two")), List.of());
        try (Connection side = sideConnection()) {
            for (String actor : List.of("a1", "a2")) {
                execute(side, "INSERT INTO history (actor_id, seq, at, caller, message, effects, state_hash, hash)"
                        + " VALUES ('" + actor + "', 1, 0, 'system', '{}', '[]', X'00', X'01')");
            }
        }

        assertThat(store().destroy("a1", 1)).isTrue();

        try (Connection side = sideConnection()) {
            assertThat(rows(side, "SELECT actor_id FROM history")).containsExactly(List.of("a2"));
        }
    }

    @Test
    void commit_whoseSqlFailsHalfWay_appliesNothingAndLeavesTheStoreUsable() throws SQLException {
        store().create(actor("a1", COUNTER, Key.of("one")), List.of());
        store().create(actor("a2", COUNTER, Key.of("two")), List.of());
        try (Connection side = sideConnection()) {
            execute(side, """
                    CREATE TRIGGER refuse_explosions BEFORE INSERT ON schedules WHEN NEW.action = 'explode'
                    BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END""");
        }
        ScheduleRecord explosive = new ScheduleRecord("s2", "a2", at(2), "explode", "[]");

        assertThatThrownBy(() -> store().commit(List.of(
                write("a1", 1, "{\"n\":1}", put(schedule("s1", "a1", at(1)))),
                write("a2", 1, "{\"n\":2}", put(explosive)))))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("refused by test trigger");

        assertThat(store().findById("a1")).map(ActorRecord::state).contains("{\"n\":0}");
        assertThat(store().findById("a2")).map(ActorRecord::state).contains("{\"n\":0}");
        assertThat(store().nextDueAt()).isEmpty();
        assertThat(store().commit(List.of(write("a1", 1, "{\"n\":3}", put(schedule("s1", "a1", at(1)))))).fenced())
                .isEmpty();
        assertThat(store().findById("a1")).map(ActorRecord::state).contains("{\"n\":3}");
    }

    @Test
    void instants_finerThanAMicrosecond_areTruncatedTowardsThePast() {
        Instant precise = Instant.parse("1969-12-31T23:59:59.999999999Z");
        store().create(new ActorRecord("a1", COUNTER, Key.of("one"), "{}", 1, 1, precise), List.of());

        assertThat(store().findById("a1")).map(ActorRecord::createdAt)
                .contains(Instant.parse("1969-12-31T23:59:59.999999Z"));
    }

    @Test
    void instants_beyondTheStorableRange_areRejectedAndNothingIsStored() {
        ActorRecord timeless = new ActorRecord("a1", COUNTER, Key.of("one"), "{}", 1, 1, Instant.MAX);

        assertThatThrownBy(() -> store().create(timeless, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too far from 1970");

        assertThat(store().findById("a1")).isEmpty();
    }

    @Test
    void closedStore_refusesWorkWithAStoreException_andClosesOnlyOnce() {
        Store closedStore = SqliteStore.open(directory.resolve("other"));
        closedStore.close();
        closedStore.close();

        assertThatThrownBy(() -> closedStore.findById("a1"))
                .isInstanceOf(StoreException.class).hasMessageContaining("is closed");
        assertThatThrownBy(() -> closedStore.commit(List.of()))
                .isInstanceOf(StoreException.class).hasMessageContaining("is closed");
    }
}
