package dev.troupe.sqlite;

import dev.troupe.testing.crash.AbstractTreeCrashTest;
import dev.troupe.testing.crash.StoreFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * A three-level supervision tree survives SIGKILL on SQLite: see {@link AbstractTreeCrashTest}.
 */
class TreeCrashTest extends AbstractTreeCrashTest {
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
