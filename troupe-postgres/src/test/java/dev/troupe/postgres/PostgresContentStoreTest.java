package dev.troupe.postgres;

import dev.troupe.store.ContentStore;
import dev.troupe.store.ContentStoreConformanceTest;

/** Runs the content store conformance suite against {@link PostgresStore}, on a fresh database per test. */
class PostgresContentStoreTest extends ContentStoreConformanceTest {
    private String jdbcUrl;

    @Override
    protected ContentStore newStore() {
        jdbcUrl = EmbeddedPostgresSupport.newDatabaseUrl();
        return open();
    }

    @Override
    protected ContentStore reopen(ContentStore old) {
        ((PostgresStore) old).close();
        return open();
    }

    private PostgresStore open() {
        return PostgresStore.open(jdbcUrl, EmbeddedPostgresSupport.USER, null);
    }
}
