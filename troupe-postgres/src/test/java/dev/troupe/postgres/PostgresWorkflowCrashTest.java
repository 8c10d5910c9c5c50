package dev.troupe.postgres;

import dev.troupe.testing.crash.AbstractWorkflowCrashTest;
import dev.troupe.testing.crash.StoreFactory;
import org.junit.jupiter.api.BeforeEach;

/** Workflows survive SIGKILL on PostgreSQL, each step once; see {@link AbstractWorkflowCrashTest}. */
class PostgresWorkflowCrashTest extends AbstractWorkflowCrashTest {
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
