package dev.troupe.postgres;

import dev.troupe.testing.crash.AbstractSqlCrashTest;
import dev.troupe.testing.crash.StoreFactory;
import org.junit.jupiter.api.BeforeEach;

/**
 * Actors' SQL changes and state stay one commit on PostgreSQL: a child JVM is killed with SIGKILL
 * mid-load; see {@link AbstractSqlCrashTest}.
 */
class PostgresSqlCrashTest extends AbstractSqlCrashTest {
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
