package dev.troupe.sqlite;

import dev.troupe.testing.crash.AbstractHistoryCrashTest;
import dev.troupe.testing.crash.StoreFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * History and state stay one commit on SQLite: a child JVM with history on is killed with SIGKILL
 * mid-load; see {@link AbstractHistoryCrashTest}.
 */
class HistoryCrashTest extends AbstractHistoryCrashTest {
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
