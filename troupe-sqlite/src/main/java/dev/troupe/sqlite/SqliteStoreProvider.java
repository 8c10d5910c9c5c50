package dev.troupe.sqlite;

import dev.troupe.store.Store;
import dev.troupe.store.StoreProvider;
import java.nio.file.Path;

/**
 * Opens a {@link SqliteStore} from a location that is a data directory, written as a path or as
 * {@code sqlite:DIR}; any location without a {@code scheme://} is a path. Found by
 * {@link dev.troupe.store.StoreLocation} through {@link java.util.ServiceLoader}.
 */
public final class SqliteStoreProvider implements StoreProvider {
    private static final String SCHEME = "sqlite:";

    /** The provider; {@link java.util.ServiceLoader} makes it. */
    public SqliteStoreProvider() {
    }

    @Override
    public boolean accepts(String location) {
        return location.startsWith(SCHEME) || !location.contains("://");
    }

    @Override
    public Store open(String location) {
        return SqliteStore.open(directory(location));
    }

    /** The database file the location resolves to. */
    @Override
    public String describe(String location) {
        return directory(location).toAbsolutePath().resolve(SqliteStore.DATABASE_FILE).toString();
    }

    private static Path directory(String location) {
        return Path.of(location.startsWith(SCHEME) ? location.substring(SCHEME.length()) : location);
    }
}
