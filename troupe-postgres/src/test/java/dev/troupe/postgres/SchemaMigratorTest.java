package dev.troupe.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.store.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaMigratorTest {
    private String database;
    private DataSource dataSource;

    @BeforeEach
    void newDatabase() {
        database = EmbeddedPostgresSupport.newDatabase();
        dataSource = EmbeddedPostgresSupport.dataSource(database);
    }

    @Test
    void migratesAnEmptyDatabaseOnceAndThenDoesNothing() throws SQLException {
        try (Jdbc jdbc = new Jdbc(dataSource, null)) {
            SchemaMigrator migrator = new SchemaMigrator(Migrations.ALL);

            assertThat(migrator.migrate(jdbc)).isZero();
            assertThat(migrator.migrate(jdbc)).isEqualTo(migrator.latestVersion());
        }
        assertThat(versions()).containsExactlyElementsOf(Migrations.ALL.stream().map(Migration::version).toList());
        assertThat(tables()).contains("troupe_actors", "troupe_schedules", "troupe_history", "troupe_schema_version");
    }

    @Test
    void storesOpeningAtOnceApplyEachMigrationExactlyOnce() throws Exception {
        int stores = 8;
        String url = EmbeddedPostgresSupport.jdbcUrl(database);
        CountDownLatch ready = new CountDownLatch(stores);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<PostgresStore>> opened = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(stores)) {
            for (int i = 0; i < stores; i++) {
                opened.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return PostgresStore.open(url, EmbeddedPostgresSupport.USER, null);
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            for (Future<PostgresStore> store : opened) {
                store.get(60, TimeUnit.SECONDS).close();
            }
        }
        assertThat(versions()).containsExactlyElementsOf(Migrations.ALL.stream().map(Migration::version).toList());
    }

    @Test
    void aFailingMigrationLeavesNothingBehind() throws SQLException {
        List<Migration> broken = List.of(
                Migrations.ALL.getFirst(),
                new Migration(2, "half done", List.of("CREATE TABLE troupe_extra (x int)", "SELECT no_such_function()")));

        try (Jdbc jdbc = new Jdbc(dataSource, null)) {
            assertThatThrownBy(() -> new SchemaMigrator(broken).migrate(jdbc))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("migrating the schema");
        }
        assertThat(tables()).doesNotContain("troupe_actors", "troupe_extra", "troupe_schema_version");
    }

    @Test
    void aNewerSchemaIsRefused() throws SQLException {
        List<Migration> future = new ArrayList<>(Migrations.ALL);
        future.add(new Migration(future.getLast().version() + 1, "from the future", List.of("CREATE TABLE troupe_future (x int)")));
        try (Jdbc jdbc = new Jdbc(dataSource, null)) {
            new SchemaMigrator(future).migrate(jdbc);
        }

        assertThatThrownBy(() -> PostgresStore.open(dataSource))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("newer than this version of Troupe supports");
    }

    @Test
    void migrationsMustBeNumberedFromOneInIncreasingOrder() {
        List<Migration> unordered = List.of(new Migration(1, "one", List.of()), new Migration(3, "three", List.of()),
                new Migration(2, "two", List.of()));
        List<Migration> fromTwo = List.of(new Migration(2, "two", List.of()));

        assertThatThrownBy(() -> new SchemaMigrator(unordered)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SchemaMigrator(fromTwo)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new SchemaMigrator(List.of(new Migration(1, "one", List.of()), new Migration(3, "three", List.of())))
                .latestVersion()).isEqualTo(3);
    }

    private List<Integer> versions() throws SQLException {
        List<Integer> versions = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version FROM troupe_schema_version ORDER BY version")) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        return versions;
    }

    private List<String> tables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }
}
