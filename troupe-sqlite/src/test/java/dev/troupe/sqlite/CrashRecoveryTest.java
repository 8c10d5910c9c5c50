package dev.troupe.sqlite;

import dev.troupe.store.Store;
import dev.troupe.testing.crash.AbstractCrashRecoveryTest;
import dev.troupe.testing.crash.StoreFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost on SQLite: a child JVM loaded with increments is killed with SIGKILL,
 * three times on one data directory; see {@link AbstractCrashRecoveryTest}.
 */
class CrashRecoveryTest extends AbstractCrashRecoveryTest {
    @TempDir
    Path dir;

    @Override
    protected Class<? extends StoreFactory> storeFactory() {
        return Sqlite.class;
    }

    @Override
    protected String storeArgument() {
        return dir.toString();
    }

    /** Opens the SQLite store in a data directory, in the worker JVM and in the test. */
    public static final class Sqlite implements StoreFactory {
        @Override
        public Store open(String directory) {
            return SqliteStore.open(Path.of(directory));
        }
    }
}
