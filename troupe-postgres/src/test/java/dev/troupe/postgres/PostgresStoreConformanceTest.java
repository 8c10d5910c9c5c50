package dev.troupe.postgres;

import dev.troupe.store.Store;
import dev.troupe.store.StoreConformanceTest;

/** The store conformance suite on PostgreSQL: a fresh database per test, reopened on the same database. */
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
