package dev.troupe.sqlite;

import dev.troupe.testing.crash.AbstractSqlCrashTest;
import dev.troupe.testing.crash.StoreFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Actors' SQL changes and state stay one commit on SQLite: a child JVM is killed with SIGKILL mid-load;
 * see {@link AbstractSqlCrashTest}.
 */
class SqlCrashTest extends AbstractSqlCrashTest {
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
