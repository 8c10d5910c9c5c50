package dev.troupe.postgres;

import dev.troupe.store.Store;
import dev.troupe.store.StoreProvider;

/**
 * Opens a {@link PostgresStore} from a {@code postgresql://} or {@code postgres://} URI
 * ({@link PostgresStore#fromUri}). Found by {@link dev.troupe.store.StoreLocation} through
 * {@link java.util.ServiceLoader}.
 */
public final class PostgresStoreProvider implements StoreProvider {

    /** The provider; {@link java.util.ServiceLoader} makes it. */
    public PostgresStoreProvider() {
    }

    @Override
    public boolean accepts(String location) {
        return location.startsWith("postgresql://") || location.startsWith("postgres://");
    }

    @Override
    public Store open(String location) {
        return PostgresStore.fromUri(location);
    }

    /** The URI with its password masked. */
    @Override
    public String describe(String location) {
        return location.replaceFirst("//([^:/@]+):[^@]*@", "//$1:***@");
    }
}
