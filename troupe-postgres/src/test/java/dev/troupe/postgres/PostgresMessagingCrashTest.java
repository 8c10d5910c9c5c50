package dev.troupe.postgres;

import dev.troupe.testing.crash.AbstractMessagingCrashTest;
import dev.troupe.testing.crash.StoreFactory;
import org.junit.jupiter.api.BeforeEach;

/**
 * One-way messages survive SIGKILL on PostgreSQL, none lost, none twice, in order per pair; see
 * {@link AbstractMessagingCrashTest}.
 */
class PostgresMessagingCrashTest extends AbstractMessagingCrashTest {
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
