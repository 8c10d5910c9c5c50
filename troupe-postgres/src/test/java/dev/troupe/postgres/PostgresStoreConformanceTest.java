package dev.troupe.postgres;

import dev.troupe.store.Store;
import dev.troupe.store.StoreConformanceTest;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The store conformance suite on PostgreSQL: a fresh database per test, reopened on the same database.
 * Each test has its own database, so the tests run concurrently.
 */
@Execution(ExecutionMode.CONCURRENT)
class PostgresStoreConformanceTest extends StoreConformanceTest {
    private String jdbcUrl;

    @Override
    protected Store newStore() {
        jdbcUrl = EmbeddedPostgresSupport.newDatabaseUrl();
        return open();
    }

    @Override
    protected Store reopen(Store old) {
        old.close();
        return open();
    }

    private Store open() {
        return PostgresStore.open(jdbcUrl, EmbeddedPostgresSupport.USER, null);
    }
}
