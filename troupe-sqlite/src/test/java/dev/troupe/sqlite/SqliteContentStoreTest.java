package dev.troupe.sqlite;

import dev.troupe.store.ContentStore;
import dev.troupe.store.ContentStoreConformanceTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Runs the content store conformance suite against {@link SqliteStore}, reopening the same file. */
class SqliteContentStoreTest extends ContentStoreConformanceTest {
    @TempDir
    Path directory;

    @Override
    protected ContentStore newStore() {
        return SqliteStore.open(directory);
    }

    @Override
    protected ContentStore reopen(ContentStore old) {
        ((SqliteStore) old).close();
        return SqliteStore.open(directory);
    }
}
