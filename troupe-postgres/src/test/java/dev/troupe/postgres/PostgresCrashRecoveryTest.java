package dev.troupe.postgres;

import dev.troupe.testing.crash.AbstractCrashRecoveryTest;
import dev.troupe.testing.crash.StoreFactory;
import org.junit.jupiter.api.BeforeEach;

/**
 * Nothing acknowledged is lost on PostgreSQL: a child JVM connected to the embedded server over
 * 127.0.0.1 is killed with SIGKILL mid-load, three times on one database; see
 * {@link AbstractCrashRecoveryTest}.
 */
class PostgresCrashRecoveryTest extends AbstractCrashRecoveryTest {
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
