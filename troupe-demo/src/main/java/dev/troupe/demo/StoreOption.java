package dev.troupe.demo;

import dev.troupe.postgres.PostgresStore;
import dev.troupe.sqlite.SqliteStore;
import dev.troupe.store.Store;
import java.nio.file.Path;

/**
 * Opens the store named on the command line: a {@code postgresql://} (or {@code postgres://}) URI for
 * PostgreSQL, otherwise a directory for the embedded SQLite store.
 */
final class StoreOption {
    private StoreOption() {
    }

    static Store open(String spec) {
        if (spec.startsWith("postgresql://") || spec.startsWith("postgres://")) {
            return PostgresStore.fromUri(spec);
        }
        return SqliteStore.open(Path.of(spec.startsWith("sqlite:") ? spec.substring("sqlite:".length()) : spec));
    }

    /** What to print for the store: the SQLite file, or the URI without its password. */
    static String describe(String spec) {
        if (spec.startsWith("postgresql://") || spec.startsWith("postgres://")) {
            return spec.replaceFirst("//([^:/@]+):[^@]*@", "//$1:***@");
        }
        return Path.of(spec.startsWith("sqlite:") ? spec.substring("sqlite:".length()) : spec)
                .toAbsolutePath().resolve(SqliteStore.DATABASE_FILE).toString();
    }
}
