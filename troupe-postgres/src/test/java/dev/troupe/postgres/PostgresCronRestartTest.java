package dev.troupe.postgres;

import dev.troupe.store.Store;
import dev.troupe.testing.AbstractCronRestartTest;
import dev.troupe.testkit.ManualTimeSource;
import org.junit.jupiter.api.BeforeEach;

/** Cron across a restart on PostgreSQL: a fresh database per test, reopened by each runtime. */
class PostgresCronRestartTest extends AbstractCronRestartTest<ManualTimeSource> {
    private String jdbcUrl;

    PostgresCronRestartTest() {
        super(ManualTimeSource::new, ManualTimeSource::advance);
    }

    @BeforeEach
    void database() {
        jdbcUrl = EmbeddedPostgresSupport.newDatabaseUrl();
    }

    @Override
    protected Store openStore() {
        return PostgresStore.open(jdbcUrl, EmbeddedPostgresSupport.USER, null);
    }
}
