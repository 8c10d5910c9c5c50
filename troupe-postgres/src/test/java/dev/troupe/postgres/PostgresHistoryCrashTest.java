package dev.troupe.postgres;

import dev.troupe.testing.crash.AbstractHistoryCrashTest;
import dev.troupe.testing.crash.StoreFactory;
import org.junit.jupiter.api.BeforeEach;

/**
 * History and state stay one commit on PostgreSQL: a child JVM with history on is killed with SIGKILL
 * mid-load; see {@link AbstractHistoryCrashTest}.
 */
class PostgresHistoryCrashTest extends AbstractHistoryCrashTest {
    private String uri;

    @BeforeEach
    void createDatabase() {
        uri = EmbeddedPostgresSupport.uri(EmbeddedPostgresSupport.newDatabase());
    }

    @Override
    protected Class<? extends StoreFactory> storeFactory() {
        return PostgresStoreFactory.class;
    }

    @Override
    protected String storeArgument() {
        return uri;
    }
}
