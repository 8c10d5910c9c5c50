package dev.troupe.postgres;

import dev.troupe.testing.crash.AbstractTreeCrashTest;
import dev.troupe.testing.crash.StoreFactory;
import org.junit.jupiter.api.BeforeEach;

/**
 * A three-level supervision tree survives SIGKILL on PostgreSQL: see {@link AbstractTreeCrashTest}.
 */
class PostgresTreeCrashTest extends AbstractTreeCrashTest {
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
