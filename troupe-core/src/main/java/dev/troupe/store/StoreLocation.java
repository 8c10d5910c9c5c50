package dev.troupe.store;

import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Opens a store from one location string, through the {@link StoreProvider} on the class path that
 * accepts it: with troupe-sqlite, a directory (optionally written {@code sqlite:DIR}); with
 * troupe-postgres, a {@code postgresql://user:password@host:port/db} (or {@code postgres://}) URI.
 *
 * {@snippet :
 * Store store = StoreLocation.open(System.getenv().getOrDefault("TROUPE_STORE", "troupe-data"));
 * }
 */
public final class StoreLocation {
    private StoreLocation() {
    }

    /**
     * Opens the store at {@code location}.
     *
     * @throws StoreException if no store module on the class path accepts the location, or the store
     *                        cannot be opened
     */
    public static Store open(String location) {
        return provider(location).open(location);
    }

    /**
     * {@code location} as it is safe to print (the SQLite file it resolves to, or the URI without its
     * password).
     *
     * @throws StoreException if no store module on the class path accepts the location
     */
    public static String describe(String location) {
        return provider(location).describe(location);
    }

    private static StoreProvider provider(String location) {
        Objects.requireNonNull(location, "location");
        for (StoreProvider provider : ServiceLoader.load(StoreProvider.class, StoreLocation.class.getClassLoader())) {
            if (provider.accepts(location)) {
                return provider;
            }
        }
        throw new StoreException("no store module on the class path opens '" + location
                + "': add troupe-sqlite for a directory, troupe-postgres for a postgresql:// URI");
    }
}
