package dev.troupe.store;

/**
 * SPI: opens the stores of one kind from a location string, so a program can take its store as one
 * setting (a command-line option, an environment variable, a Spring property) and open it with
 * {@link StoreLocation#open}. Each store module provides one through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.troupe.store.StoreProvider}): troupe-sqlite for a directory,
 * troupe-postgres for a {@code postgresql://} URI.
 *
 * <p>Implementations must be thread-safe and have a public no-argument constructor; the locations
 * they accept must not overlap with another provider's.
 */
public interface StoreProvider {
    /** Whether {@code location} names a store of this kind. */
    boolean accepts(String location);

    /**
     * Opens the store at {@code location}, which {@link #accepts} accepted.
     *
     * @throws StoreException if the store cannot be opened
     */
    Store open(String location);

    /** {@code location} as it is safe to print: the file it resolves to, or the URI without its password. */
    String describe(String location);
}
