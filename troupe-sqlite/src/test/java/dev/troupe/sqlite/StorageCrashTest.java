package dev.troupe.sqlite;

import dev.troupe.testing.crash.AbstractStorageCrashTest;
import dev.troupe.testing.crash.StoreFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage changes and state stay one commit on SQLite: a child JVM is killed with SIGKILL mid-load; see
 * {@link AbstractStorageCrashTest}.
 */
class StorageCrashTest extends AbstractStorageCrashTest {
    @TempDir
    Path dir;

    @Override
    protected Class<? extends StoreFactory> storeFactory() {
        return CrashRecoveryTest.Sqlite.class;
    }

    @Override
    protected String storeArgument() {
        return dir.toString();
    }
}
