package dev.troupe.postgres;

import dev.troupe.store.Store;
import dev.troupe.testing.crash.StoreFactory;

/**
 * Opens a {@link PostgresStore} from a libpq-style URI ({@link EmbeddedPostgresSupport#uri}), in a
 * worker JVM or in the test.
 */
public final class PostgresStoreFactory implements StoreFactory {
    @Override
    public Store open(String uri) {
        return PostgresStore.fromUri(uri);
    }
}
